import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Limits that are the lesser or greater of two amounts, shares divided equally or in fractions, and
 * a year of care rounded once for the year, each published, fed over HTTP and read back from the
 * served statement. Every expected figure is worked by hand in the comments beside it.
 */
const LIBRARY = {
  path: 'test/limits/library.parity',
  text: `package test.limits.library

aggregate return PartnershipOutturn "Partnership outturn" {
  rows are events
  source "Outturn statement from the ICB ledger"
}

measure PartnershipSpend "Spend on the partnership's population" {
  domain physical-health
  from PartnershipOutturn
  source "Outturn statement from the ICB ledger"
  scored as reported value
  lower is better
  period year to date
}

aggregate return QualityReturn "Quality return, each provider's own" {
  rows are events
  source "Provider's quality return"
}

measure CarePlansReviewed "Care plans reviewed" {
  domain mental-health
  from QualityReturn
  minimum denominator 10
  higher is better
  period year to date
}

dataset CareRegister "People in the year-of-care cohort at the end of the month" per person {
  rows are snapshots
  source "Provider's SMI register"
  person: pseudonym
  registered_on: date
  left_on: date?
}
`,
};

const riskShareContract = (name: string, share: string) => ({
  path: `test/limits/${name}.parity`,
  text: `package test.limits.${name.toLowerCase()}

import "nhs/organisations"
import "test/limits/library"

contract ${name} "Partnership ${name}" {
  arrangement alliance
  year 2026/27
  commissioner CityAndHackneyPlace
  provider HomertonHealthcare
  provider EastLondonNhsFT
  provider CityAndHackneyGpConfederation

  risk share Share "Shared savings and losses" {
    benchmark £100,000,000 covers physical-health, mental-health
    outturn from PartnershipSpend
    part year forecast at run rate
    gain shared providers 50%, commissioner 50%
    loss shared providers 50%, commissioner 50%
${share}
  }
}
`,
});

const yearOfCareContract = (name: string, policy: string) => ({
  path: `test/limits/${name}.parity`,
  text: `package test.limits.${name.toLowerCase()}

import "nhs/organisations"
import "test/limits/library"

contract ${name} "Year of care ${name}" {
  arrangement year-of-care
  year 2026/27
  commissioner OxfordshirePlace
  provider OxfordHealth
${policy}
  year of care Cohort "People on the register" {
    cohort from CareRegister joined registered_on left left_on
    rate £2,400 per person per year
    covers physical-health, mental-health
  }
}
`,
});

let service: TestService;

beforeAll(async () => {
  service = await startTestService({ now: '2027-04-20T09:00:00.000Z' });
}, 120_000);
afterAll(() => service.close());

async function publish(commissioner: string, source: { path: string; text: string }, contract: string) {
  const token = await service.token(commissioner, 'commissioner');
  const response = await service.request('/contracts', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sources: [LIBRARY, source], effectiveDate: '2026-04-01', contract }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { contract: string }).contract;
}

/** Twelve months of outturn, as the provider's finance team sends them, adding up to `yearPence`. */
async function sendOutturn(contract: string, monthlyPence: bigint[]) {
  const token = await service.token('RQX', 'provider');
  const months = ['04', '05', '06', '07', '08', '09', '10', '11', '12', '01', '02', '03'].map(
    (m, i) => `${i < 9 ? '2026' : '2027'}-${m}`,
  );
  for (const [index, period] of months.entries()) {
    const body = JSON.stringify([
      { measure: 'PartnershipSpend', period, pence: Number(monthlyPence[index]) },
    ]);
    const response = await postFeed(service, token, {
      contract,
      source: 'PartnershipOutturn',
      period,
      body,
      contentType: 'application/json',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }
}

interface Statement {
  lines: {
    kind: string;
    clause: string;
    period: string;
    provider: string;
    pence: string;
    explanation: string;
  }[];
  riskShares: { providersPence: string; commissionerPence: string; steps: string[] }[];
  totalsByKind: Record<string, string>;
}

async function statement(contract: string, commissioner: string): Promise<Statement> {
  const token = await service.token(commissioner, 'finance');
  const response = await service.request(`/contracts/${contract}/statement?asOf=2027-04-20`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Statement;
}

const riskShareLines = (s: Statement) =>
  Object.fromEntries(s.lines.filter((l) => l.kind === 'risk-share').map((l) => [l.provider, l.pence]));

test('a loss limit is the lesser of 5% of the benchmark and £1m, borne in halves, thirds and sixths', async () => {
  const contract = await publish(
    '07T',
    riskShareContract(
      'FractionalShares',
      `    collar loss at lesser of (5% of budget, £1,000,000)
    among providers fixed {
      HomertonHealthcare 1/2
      EastLondonNhsFT 1/3
      CityAndHackneyGpConfederation 1/6
    }`,
    ),
    'FractionalShares',
  );
  // £110,000,000 spent: eleven months of £9,000,000 and £11,000,000 in March.
  await sendOutturn(contract, [...Array(11).fill(900_000_000n), 1_100_000_000n]);
  const served = await statement(contract, '07T');
  // Loss £110m - £100m = £10m; providers 50% = £5m; limit lesser of 5% × £100m = £5m and £1m: £1m.
  //   (Two separate collars, £5m and £1m, would have left providers bearing £5m.)
  // Halves, thirds, sixths of 100,000,000p: 50,000,000; 33,333,333⅓; 16,666,666⅔. Floors sum to
  //   99,999,999p; the penny left goes to the largest remainder, the sixth.
  expect(riskShareLines(served)).toEqual({
    '*': '-100000000',
    RQX: '-50000000',
    RWK: '-33333333',
    Y9002: '-16666667',
  });
  expect(served.riskShares[0]?.commissionerPence).toBe('-900000000');
  const steps = served.riskShares[0]?.steps.join('; ') ?? '';
  expect(steps).toContain(
    'collar at lesser of (5% of budget = £5,000,000.00, £1,000,000.00): the lesser is £1,000,000.00, which binds',
  );
});

test('a savings cap is the greater of 1% of the benchmark and £1.2m, shared equally to the penny', async () => {
  const contract = await publish(
    '07T',
    riskShareContract(
      'EqualPartners',
      `    cap gain at greater of (1% of budget, £1,200,000)
    among providers equally`,
    ),
    'EqualPartners',
  );
  // £97,999,999.98 spent: eleven months of £8,000,000 and £9,999,999.98 in March.
  await sendOutturn(contract, [...Array(11).fill(800_000_000n), 999_999_998n]);
  const served = await statement(contract, '07T');
  // Gain £100,000,000 - £97,999,999.98 = £2,000,000.02; providers 50% = £1,000,000.01; the cap is
  //   the greater of 1% × £100m = £1,000,000 and £1,200,000, so £1,200,000, which does not bind.
  // A third each of 100,000,001p is 33,333,333⅔p: 33,333,333p each and 2 pennies left; the
  //   remainders tie, so the first two providers listed get one each.
  expect(riskShareLines(served)).toEqual({
    '*': '100000001',
    RQX: '33333334',
    RWK: '33333334',
    Y9002: '33333333',
  });
  const steps = served.riskShares[0]?.steps.join('; ') ?? '';
  expect(steps).toContain(
    'cap at greater of (1% of budget = £1,000,000.00, £1,200,000.00): the greater is £1,200,000.00, which does not bind',
  );
});

/**
 * 100 people on the register all year, 10 joining on 1 January 2027 and 5 leaving on 1 January
 * 2027, at £2,400 a person a year. April to December (275 days) 105 people: 28,875 member-days;
 * January to March (90 days) 110 people: 9,900. The year: 38,775 member-days.
 * Exact: £2,400 × 38,775 ÷ 365 = £93,060,000 ÷ 365 = £254,958.9041… → £254,958.90.
 */
function registerCsv(): string {
  const rows = ['person,registered_on,left_on'];
  const key = (n: number) => `YOC-${String(n).padStart(4, '0')}`;
  for (let n = 1; n <= 100; n++) rows.push(`${key(n)},2020-01-01,`);
  for (let n = 101; n <= 110; n++) rows.push(`${key(n)},2027-01-01,`);
  for (let n = 111; n <= 115; n++) rows.push(`${key(n)},2020-01-01,2027-01-01`);
  return `${rows.join('\n')}\n`;
}

async function yearOfCareMonths(name: string, policy: string): Promise<bigint[]> {
  const contract = await publish('10Q', yearOfCareContract(name, policy), name);
  const response = await postFeed(service, await service.token('RNU', 'provider'), {
    contract,
    source: 'CareRegister',
    period: '2027-03',
    body: registerCsv(),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const served = await statement(contract, '10Q');
  return served.lines.filter((l) => l.kind === 'year-of-care').map((l) => BigInt(l.pence));
}

test('rounded month by month, a year of care comes to a penny over the exact annual figure', async () => {
  const months = await yearOfCareMonths('PerLine', '');
  // 30-day months at 105 people (3,150 days): £2,400 × 3,150 ÷ 365 = £20,712.3288 → £20,712.33 (×4);
  // 31-day months at 105 (3,255 days): £21,402.7397 → £21,402.74 (×5); January and March at 110
  // (3,410 days): £22,421.9178 → £22,421.92 (×2); February at 110 (3,080 days): £20,252.0548 →
  // £20,252.05. In all £82,849.32 + £107,013.70 + £44,843.84 + £20,252.05 = £254,958.91.
  expect(months).toHaveLength(12);
  expect(months.reduce((a, b) => a + b, 0n)).toBe(25_495_891n);
});

test('with the annual amount rounded once, the months are instalments summing to the exact figure', async () => {
  const months = await yearOfCareMonths('Annual', '  round the annual amount, pay monthly instalments');
  // Each month pays £2,400 × (member-days to its end) ÷ 365, rounded, less what earlier months paid.
  // Member-days to each month's end and that total rounded (pence):
  //   Apr 3,150 → 2,071,233   May 6,405 → 4,211,507   Jun 9,555 → 6,282,740
  //   Jul 12,810 → 8,423,014  Aug 16,065 → 10,563,288 Sep 19,215 → 12,634,521
  //   Oct 22,470 → 14,774,795 Nov 25,620 → 16,846,027 Dec 28,875 → 18,986,301
  //   Jan 32,285 → 21,228,493 Feb 35,365 → 23,253,699 Mar 38,775 → 25,495,890
  // e.g. November: 240,000p × 25,620 ÷ 365 = 16,846,027.397p → 16,846,027p; October's
  //   14,774,795.068p → 14,774,795p; November pays 2,071,232p (rounded alone it would be 2,071,233p).
  const runningTotals = [
    2_071_233n,
    4_211_507n,
    6_282_740n,
    8_423_014n,
    10_563_288n,
    12_634_521n,
    14_774_795n,
    16_846_027n,
    18_986_301n,
    21_228_493n,
    23_253_699n,
    25_495_890n,
  ];
  const instalments = runningTotals.map(
    (total, i) => total - (i === 0 ? 0n : (runningTotals[i - 1] as bigint)),
  );
  expect(months).toEqual(instalments);
  expect(months.reduce((a, b) => a + b, 0n)).toBe(25_495_890n);
  // March carries the remainder: £254,958.90 - £232,536.99 = £22,421.91.
  expect(months.at(-1)).toBe(2_242_191n);
});

/**
 * A quality gate on a measure two providers are each accountable for is open only when both meet
 * it on their own returns. £98m spent against a £100m benchmark: a £2m gain, half (£1,000,000) to
 * the providers, divided equally: £333,333.34, £333,333.33, £333,333.33. With East London at 60%
 * against a 75% target the gate shuts and the providers get 50%: £500,000 in thirds, £166,666.67,
 * £166,666.67, £166,666.66 — though Homerton, whose monitor is written first, meets it at 80%.
 */
test.each([
  ['Open', 76, ['33333334', '33333333', '33333333']],
  ['Shut', 60, ['16666667', '16666667', '16666666']],
] as const)('a quality gate every accountable provider must meet: %s', async (name, eastLondon, parts) => {
  const source = riskShareContract(
    `Gate${name}`,
    `    quality gate 1 of (CarePlansReviewed) met otherwise 50% applied after cap
    among providers equally`,
  );
  source.text = source.text.replace(
    'provider CityAndHackneyGpConfederation\n',
    `provider CityAndHackneyGpConfederation
  monitor CarePlansReviewed target 75% accountable HomertonHealthcare
  monitor CarePlansReviewed target 75% accountable EastLondonNhsFT
`,
  );
  const contract = await publish('07T', source, `test.limits.gate${name.toLowerCase()}.Gate${name}`);
  const month = 816_666_667n;
  await sendOutturn(contract, [...Array(11).fill(month), 9_800_000_000n - 11n * month]);
  for (const [ods, numerator] of [
    ['RQX', 80],
    ['RWK', eastLondon],
  ] as const) {
    const response = await postFeed(service, await service.token(ods, 'provider'), {
      contract,
      source: 'QualityReturn',
      period: '2027-03',
      body: `measure,period,numerator,denominator,value,pence\nCarePlansReviewed,2026/27,${numerator},100,,\n`,
      contentType: 'text/csv',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }
  const served = riskShareLines(await statement(contract, '07T'));
  expect([served.RQX, served.RWK, served.Y9002]).toEqual(parts);
});
