import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * A prime's withhold and its sub-contract's flow-down, through the service. Pennine MSK (NPK) holds
 * £1,200,000 for the year, 5% (£60,000) withheld on one indicator, linear from 50% to 90% of
 * referrals assessed within 6 weeks. Its April extract (record level): 20 referrals, 14 assessed
 * within 6 weeks = 70% -> (70 - 50) / (90 - 50) = 0.5 -> £30,000 earned so far. Pennine Care (RT2)
 * receives 40% of that under its sub-contract: £12,000, and the prime keeps £18,000.
 */
const PRIME = {
  path: 'test/pathway/lead.parity',
  text: `package test.pathway.lead

import "nhs/organisations"

dataset Referrals "Referrals to the pathway hub" per referral {
  rows are events
  source "Pathway hub extract"
  dated by referred_on
  person: pseudonym "Pseudonymous person key"
  referred_on: date "Referral received"
  assessed_on: date? "First assessment"
}

measure AssessedInSixWeeks "Referrals assessed within 6 weeks" {
  domain physical-health
  from Referrals
  source "Pathway hub extract"
  denominator referred_on is recorded
  numerator assessed_on within 6 weeks of referred_on
  minimum denominator 10
  higher is better
  period year to date
}

contract PathwayPrime "Pathway prime 2026/27" {
  arrangement prime-provider
  year 2026/27
  commissioner OldhamPlace
  prime PennineMsk
  subcontractor PennineCare
  value £1,200,000
  instalments monthly

  withhold Outcomes "Outcome payment" worth 5% of value {
    assessed annually
    indicator Timely "Assessed within 6 weeks" weight 100% {
      measure AssessedInSixWeeks
      accountable PennineMsk
      linear from 50% to 90%
    }
  }
}
`,
};

const SUB = {
  path: 'test/pathway/mh.parity',
  text: `package test.pathway.mh

import "nhs/organisations"
import "test/pathway/lead"

contract PathwaySub "Pathway sub-contract 2026/27" {
  arrangement sub-contract
  year 2026/27
  under lead.PathwayPrime
  commissioner OldhamPlace
  prime PennineMsk
  subcontractor PennineCare
  value £240,000
  instalments monthly
  flow down Timely share 40%
}
`,
};

let service: TestService;
let auditor: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-05-10T09:00:00.000Z' });
  const commissioner = await service.token('00Y', 'commissioner');
  await publishContract(service, commissioner, [PRIME]);
  const published = await service.request('/contracts', {
    method: 'POST',
    token: commissioner,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sources: [PRIME, SUB],
      contract: 'test.pathway.mh.PathwaySub',
      effectiveDate: '2026-04-01',
    }),
  });
  expect(published.status).toBe(201);
  const rows = Array.from({ length: 20 }, (_, i) => {
    const assessed = i < 14 ? '2026-05-01' : i < 17 ? '2026-06-30' : '';
    return `P${i},2026-04-${String(i + 1).padStart(2, '0')},${assessed}`;
  });
  const feed = await postFeed(service, await service.token('NPK', 'provider'), {
    contract: 'test.pathway.lead.PathwayPrime',
    source: 'Referrals',
    period: '2026-04',
    body: `person,referred_on,assessed_on\n${rows.join('\n')}\n`,
  });
  expect(feed.status).toBe(201);
  auditor = await service.token('X26', 'auditor');
}, 120_000);
afterAll(() => service.close());

type Line = { kind: string; clause: string; provider: string; pence: string; explanation: string };

async function statement(contract: string, token = auditor) {
  const response = await service.request(`/contracts/${contract}/statement?asOf=2026-05-10`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    lines: Line[];
    earnedPence: string;
    totalsByKind: Record<string, string>;
  };
}

test("the sub-contract's flow-down is its share of the prime's result on record-level data", async () => {
  const sub = await statement('test.pathway.mh.PathwaySub');
  const flow = sub.lines.filter((l) => l.kind === 'flow-down');
  expect(flow.map((l) => [l.clause, l.provider, l.pence])).toEqual([['Timely', 'RT2', '1200000']]);
  expect(flow[0]?.explanation).toContain('40% of the £30,000.00 the prime earns (version 1) = £12,000.00');
  // Instalments belong to the subcontractor: £240,000 ÷ 12 = £20,000 a month to RT2.
  const block = sub.lines.filter((l) => l.kind === 'block');
  expect(block.length).toBe(12);
  expect(block.every((l) => l.provider === 'RT2' && l.pence === '2000000')).toBe(true);
});

test("the prime's statement shows what flows down and what it keeps, outside its totals", async () => {
  const prime = await statement('test.pathway.lead.PathwayPrime');
  const earned = prime.lines.find((l) => l.kind === 'withhold' && l.clause === 'Timely');
  expect(earned?.pence).toBe('3000000');
  const memoranda = prime.lines
    .filter((l) => l.kind === 'flows-down' || l.kind === 'kept')
    .map((l) => [l.kind, l.provider, l.pence]);
  expect(memoranda).toEqual([
    ['flows-down', 'RT2', '1200000'],
    ['kept', 'NPK', '1800000'],
  ]);
  // Earned: 12 x (£1,140,000 ÷ 12 = £95,000) + £30,000 = £1,170,000; memoranda add nothing.
  expect(prime.earnedPence).toBe('117000000');
  expect(prime.totalsByKind).not.toHaveProperty('kept');
});

test("the subcontractor's own position shows its instalments and its flow-down, nothing of the prime's", async () => {
  const response = await service.request('/contracts/test.pathway.mh.PathwaySub/position?asOf=2026-05-10', {
    token: await service.token('RT2', 'provider'),
  });
  expect(response.status).toBe(200);
  const position = (await response.json()) as { lines: Line[] };
  expect(position.lines.every((l) => l.provider === 'RT2')).toBe(true);
  expect(position.lines.filter((l) => l.pence === '0')).toEqual([]);
});

test("the prime is evaluated once for its own statement and its sub-contract's", async () => {
  const loaded: string[] = [];
  const load = service.services.observations;
  service.services.observations = async (...args) => {
    loaded.push(args[1]);
    return load(...args);
  };
  try {
    const asOf = '2026-05-11';
    for (const contract of ['test.pathway.mh.PathwaySub', 'test.pathway.lead.PathwayPrime']) {
      const response = await service.request(`/contracts/${contract}/statement?asOf=${asOf}`, {
        token: auditor,
      });
      expect(response.status).toBe(200);
    }
    expect(loaded.filter((name) => name === 'test.pathway.lead.PathwayPrime')).toEqual([
      'test.pathway.lead.PathwayPrime',
    ]);
  } finally {
    service.services.observations = load;
  }
});
