import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, startTestService, type TestService } from './helpers/test-service.js';

/**
 * A stratified measure's groups and the gap between them, and targets on a baseline, published,
 * fed over HTTP as each provider would send them and read back from the served position. Every
 * expected figure is worked by hand in the comments beside it.
 */
const LIBRARY = {
  path: 'test/groups/library.parity',
  text: `package test.groups.library

dataset HealthChecks "People due a physical health check" per person {
  rows are events
  source "Provider's clinical record"
  dated by checked_on
  person: pseudonym
  checked_on: date
  ethnicity: code in ("A", "B", "C")
  complete: boolean
}

dataset Stays "Inpatient stays, by month of discharge" per episode {
  rows are events
  source "Provider's patient administration system"
  dated by discharged_on
  person: pseudonym
  admitted_on: date
  discharged_on: date
}

aggregate return AttenderReturn "Frequent attenders identified in the month" {
  rows are events
  source "GP clinical systems, counted by the ICB's data services"
}

measure ChecksComplete "Health checks complete" {
  domain physical-health
  from HealthChecks
  denominator ethnicity in ("A", "B", "C")
  numerator complete = true
  minimum denominator 5
  higher is better
  period year to date
  stratified by ethnicity with minimum 3
}

measure ChecksGap "Gap in health checks complete between the highest and lowest ethnic groups" {
  domain physical-health
  from HealthChecks
  denominator denominator of ChecksComplete
  numerator numerator of ChecksComplete
  scored as parity across strata as gap
  minimum denominator 5
  lower is better
  period year to date
  stratified by ethnicity with minimum 3
}

measure ChecksGroupB "Health checks complete for group B against everyone else" {
  domain physical-health
  from HealthChecks
  denominator denominator of ChecksComplete
  numerator numerator of ChecksComplete
  scored as parity of "B" against rest as ratio
  minimum denominator 5
  higher is better
  period year to date
  stratified by ethnicity with minimum 3
}

measure MeanStay "Mean length of stay" {
  domain mental-health
  from Stays
  denominator discharged_on is recorded
  scored as mean of discharged_on - admitted_on
  minimum denominator 2
  lower is better
  period year to date
}

measure FrequentAttenders "Frequent attenders" {
  domain physical-health
  from AttenderReturn
  scored as reported value
  lower is better
  period year to date
}
`,
};

const CONTRACT = {
  path: 'test/groups/contract.parity',
  text: `package test.groups.contract

import "nhs/organisations"
import "test/groups/library"

contract Parity "Physical health checks and stays" {
  arrangement block
  year 2026/27
  commissioner CityAndHackneyPlace
  provider HomertonHealthcare
  provider EastLondonNhsFT
  value £120,000
  instalments monthly
  monitor ChecksComplete accountable HomertonHealthcare
  monitor ChecksGap target 30% accountable HomertonHealthcare
  monitor ChecksGroupB target 80% accountable HomertonHealthcare
  monitor ChecksGap target 30% accountable EastLondonNhsFT
  monitor MeanStay target 8 days below baseline 2025/26 accountable HomertonHealthcare
  monitor MeanStay target 8 days below baseline 2025/26 accountable EastLondonNhsFT
  monitor FrequentAttenders target 60% below baseline 50 accountable HomertonHealthcare
}

test "blocks pay monthly" for Parity {
  expect Parity earns £120,000.00 in 2026/27
}
`,
};

let service: TestService;
let contract: string;

beforeAll(async () => {
  service = await startTestService({ now: '2027-04-20T09:00:00.000Z' });
  const token = await service.token('07T', 'commissioner');
  const response = await service.request('/contracts', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sources: [LIBRARY, CONTRACT], effectiveDate: '2026-04-01', contract: 'Parity' }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  contract = ((await response.json()) as { contract: string }).contract;
  // Homerton, May: group A 6 of 8 complete, B 2 of 5, C 1 of 2 (15 people, 9 complete).
  await sendChecks('RQX', [
    ['A', 8, 6],
    ['B', 5, 2],
    ['C', 2, 1],
  ]);
  // East London, May: group A 4 of 4 complete, B 3 of 4.
  await sendChecks('RWK', [
    ['A', 4, 4],
    ['B', 4, 3],
  ]);
  // Homerton's stays: in the baseline year (March 2026) 20 and 25 days, mean 22.5; in September 12
  // and 16 days, mean 14.
  await sendStays('RQX', '2026-03', [20, 25]);
  await sendStays('RQX', '2026-09', [12, 16]);
  // East London sends only this year's: 14 and 16 days in September.
  await sendStays('RWK', '2026-09', [14, 16]);
  // Homerton's frequent attenders: 12 in April, 9 in May (21 in the year).
  await sendReturn('RQX', 'AttenderReturn', '2026-04', { measure: 'FrequentAttenders', value: '12' });
  await sendReturn('RQX', 'AttenderReturn', '2026-05', { measure: 'FrequentAttenders', value: '9' });
}, 120_000);
afterAll(() => service.close());

async function sendChecks(provider: string, groups: [string, number, number][]) {
  const token = await service.token(provider, 'provider');
  const rows = groups.flatMap(([group, people, complete]) =>
    Array.from(
      { length: people },
      (_, i) => `${provider}${group}${i},2026-05-${String(10 + i).padStart(2, '0')},${group},${i < complete}`,
    ),
  );
  const body = ['person,checked_on,ethnicity,complete', ...rows].join('\n');
  const response = await postFeed(service, token, {
    contract,
    source: 'HealthChecks',
    period: '2026-05',
    body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function sendStays(provider: string, month: string, days: number[]) {
  const token = await service.token(provider, 'provider');
  const discharged = `${month}-28`;
  const rows = days.map((d, i) => {
    const admitted = new Date(Date.parse(`${discharged}T00:00:00Z`) - d * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return `${provider}S${month}${i},${admitted},${discharged}`;
  });
  const body = ['person,admitted_on,discharged_on', ...rows].join('\n');
  const response = await postFeed(service, token, { contract, source: 'Stays', period: month, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function sendReturn(provider: string, source: string, period: string, row: Record<string, string>) {
  const token = await service.token(provider, 'provider');
  const body = JSON.stringify([{ ...row, period }]);
  const response = await postFeed(service, token, {
    contract,
    source,
    period,
    body,
    contentType: 'application/json',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

interface Figure {
  measure: string;
  provider: string;
  period: string;
  view: string;
  status: string;
  value?: string;
  numerator?: string;
  denominator?: string;
  explanation: string;
  stratum?: string;
  stratifiedBy?: string;
}

interface Position {
  strata: Figure[];
  monitors: {
    measure: string;
    provider: string;
    target?: string;
    met?: boolean;
    status: string;
    explanation: string;
    baseline?: { status: string; baseline?: string; required?: string; explanation: string };
  }[];
}

async function position(organisation: string, role: 'provider' | 'commissioner'): Promise<Position> {
  const token = await service.token(organisation, role);
  const response = await service.request(`/contracts/${contract}/position?asOf=2027-04-20`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Position;
}

const yearOf = (p: Position, measure: string, provider: string) =>
  Object.fromEntries(
    p.strata
      .filter((s) => s.measure === measure && s.provider === provider && s.view === 'year')
      .map((s) => [
        s.stratum,
        { status: s.status, value: s.value, of: `${s.numerator} of ${s.denominator}` },
      ]),
  );

test("a provider's position serves each group's figures, a group under the minimum of 3 as insufficient data", async () => {
  const served = await position('RQX', 'provider');
  // A 6/8 = 0.75; B 2/5 = 0.4; C has 2 people, under the stratum minimum of 3: no percentage.
  expect(yearOf(served, 'test.groups.library.ChecksComplete', 'RQX')).toEqual({
    A: { status: 'scored', value: '0.750000', of: '6 of 8' },
    B: { status: 'scored', value: '0.400000', of: '2 of 5' },
    C: { status: 'insufficient-data', value: undefined, of: '1 of 2' },
  });
  const c = served.strata.find((s) => s.stratum === 'C' && s.view === 'year');
  expect(c?.stratifiedBy).toBe('ethnicity');
  expect(c?.explanation).toContain('denominator 2 is below the minimum of 3');
  // Homerton never sees East London's groups.
  expect(served.strata.every((s) => s.provider === 'RQX')).toBe(true);
});

test("the commissioner sees each provider's groups", async () => {
  const served = await position('07T', 'commissioner');
  // East London's gap is monitored, so its groups are served: A 4/4 = 1; B 3/4 = 0.75.
  expect(yearOf(served, 'test.groups.library.ChecksGap', 'RWK')).toEqual({
    A: { status: 'scored', value: '1.000000', of: '4 of 4' },
    B: { status: 'scored', value: '0.750000', of: '3 of 4' },
  });
});

test('the gap between the highest and lowest groups, and a group against the rest, are exact and named', async () => {
  const served = await position('RQX', 'provider');
  const gap = served.monitors.find((m) => m.measure === 'test.groups.library.ChecksGap');
  // Highest A 75% less lowest B 40% = 35 percentage points (C left out), over the 30% target: not met.
  expect(gap).toMatchObject({ provider: 'RQX', target: '30%', met: false, status: 'scored' });
  expect(gap?.explanation).toContain(
    'gap of 35.00 percentage points by ethnicity: highest A 75.00% (6 of 8) less lowest B 40.00% (2 of 5); C left out',
  );
  const groupB = served.monitors.find((m) => m.measure === 'test.groups.library.ChecksGroupB');
  // B 2/5 = 0.4 over the rest (9 - 2)/(15 - 5) = 7/10: 0.4 / 0.7 = 4/7 = 0.571, under 80%: not met.
  expect(groupB).toMatchObject({ met: false, status: 'scored' });
  expect(groupB?.explanation).toContain(
    'ratio 0.571 by ethnicity: B 40.00% (2 of 5) over the rest 70.00% (7 of 10)',
  );
});

test("each provider's gap is its own: East London's is 25 points, within the target", async () => {
  const served = await position('RWK', 'provider');
  const gap = served.monitors.find((m) => m.measure === 'test.groups.library.ChecksGap');
  // Highest A 100% less lowest B 75% = 25 points, within 30%: met.
  expect(gap).toMatchObject({ provider: 'RWK', met: true });
  expect(gap?.explanation).toContain('gap of 25.00 percentage points');
});

test('a stay 8 days down on the baseline year is met, figured exactly and explained with both figures', async () => {
  const served = await position('RQX', 'provider');
  const stay = served.monitors.find((m) => m.measure === 'test.groups.library.MeanStay');
  // Baseline 2025/26: (20 + 25) / 2 = 22.5 days; required at most 22.5 - 8 = 14.5 days;
  // 2026/27: (12 + 16) / 2 = 14 days, down 8.5 days, 8.5 / 22.5 = 37.78%: met.
  // (Durations are held in minutes: 22.5 days is 32,400 minutes and 14.5 days 20,880.)
  expect(stay).toMatchObject({ target: '8 days below baseline 2025/26', met: true });
  expect(stay?.baseline).toMatchObject({
    status: 'compared',
    baseline: '32400.000000',
    required: '20880.000000',
  });
  expect(stay?.baseline?.explanation).toBe(
    'Target 8 days below baseline 2025/26: baseline 2025/26 22.50 days, so at most 14.50 days; 2026/27 14.00 days, down 8.50 days (-37.78%): met.',
  );
});

test('with no figure for the baseline year there is no baseline: no verdict, never a fall from zero', async () => {
  const served = await position('RWK', 'provider');
  const stay = served.monitors.find((m) => m.measure === 'test.groups.library.MeanStay');
  expect(stay?.met).toBeUndefined();
  expect(stay?.status).toBe('no-baseline');
  expect(stay?.baseline?.explanation).toBe(
    'No baseline for 8 days below baseline 2025/26: Mean length of stay has no data for 2025/26.',
  );
});

test('60% below a declared baseline of 50 allows at most 20: 21 is down 58% and not met', async () => {
  const served = await position('RQX', 'provider');
  const attenders = served.monitors.find((m) => m.measure === 'test.groups.library.FrequentAttenders');
  // 50 x (1 - 60%) = 20; the year's 12 + 9 = 21 is down 29 from 50 (-58.00%): not met.
  expect(attenders).toMatchObject({ target: '60% below baseline 50', met: false });
  expect(attenders?.baseline?.explanation).toBe(
    'Target 60% below baseline 50: baseline 50.00 (declared), so at most 20.00; 2026/27 21.00, down 29.00 (-58.00%): not met.',
  );
});

test("the OpenAPI document's Position describes each group's figures and a target's baseline", async () => {
  const document = (await (await service.request('/openapi.json')).json()) as {
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const text = JSON.stringify(document.components.schemas.Position);
  expect(Object.keys(document.components.schemas.Position?.properties ?? {})).toContain('strata');
  for (const property of ['stratifiedBy', 'stratum', 'baseline', 'required', 'no-baseline'])
    expect(text).toContain(`"${property}"`);
});
