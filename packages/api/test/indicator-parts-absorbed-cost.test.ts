import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, startTestService, type TestService } from './helpers/test-service.js';

/**
 * An indicator paid in parts (the national SMI CQUIN's 4a and 4b) and a cost a provider carries
 * beyond what it is paid (Oxford's liaison team), each published, fed over HTTP and read back from
 * the served statement. Every expected figure is worked by hand in the comments beside it.
 */
const CQUIN = {
  path: 'test/parts/cquin.parity',
  text: `package test.parts.cquin

import "nhs/organisations"

aggregate return AuditReturn "National CQUIN audit" {
  rows are events
  source "National CQUIN audit sample, submitted monthly by West London NHS Trust"
}

measure Assessed "Patients with psychoses given a full cardio-metabolic assessment" {
  domain physical-health
  from AuditReturn
  source "Audit of inpatient records, West London NHS Trust"
  minimum denominator 20
  higher is better
  period quarter
}

measure SharedWithGp "Patients whose care plan was shared with their GP" {
  domain mental-health
  from AuditReturn
  source "Audit of care programme approach letters, West London NHS Trust"
  minimum denominator 20
  higher is better
  period quarter
}

contract PartsCquin "National SMI CQUIN in parts" {
  arrangement cquin
  year 2026/27
  commissioner NhsEngland
  provider WestLondonNhsTrust
  value £4,000,000

  cquin National "National CQUIN" worth £100,000.03 {
    assessed quarterly
    indicator CardioMetabolic weight 100% {
      part A4a "Cardio-metabolic assessment and treatment" share 80% {
        measure Assessed
        linear from 75% to 90%
      }
      part A4b "Communication with the GP" share 20% {
        measure SharedWithGp
        linear from 50% to 90%
      }
    }
  }
}
`,
};

const OXFORD = {
  path: 'test/costs/oxford.parity',
  text: `package test.costs.oxford

import "nhs/organisations"

aggregate return OutpatientReturn "Psychological medicine outpatient attendances" {
  rows are events
  source "SUS+ outpatient data submitted by Oxford University Hospitals"
}

measure Attendances "Psychological medicine outpatient attendances" {
  domain mental-health
  from OutpatientReturn
  source "SUS+ outpatient attendances, submitted by Oxford University Hospitals"
  scored as count
  higher is better
  period month
}

contract TeamCosts "Psychological medicine at tariff, with the team's cost" {
  arrangement activity
  year 2026/27
  commissioner OxfordshirePlace
  provider OxfordUniversityHospitals

  activity Outpatient "Outpatient attendance" {
    measure Attendances
    price £310 per attendance
  }

  cost Team "Psychological medicine team" £100,000.01 a year
    carried by OxfordUniversityHospitals
    funded by Outpatient
  cost PerAttendance "Cost of each attendance" £420 per attendance of Outpatient
    carried by OxfordUniversityHospitals
    funded by Outpatient
}
`,
};

let service: TestService;

beforeAll(async () => {
  service = await startTestService({ now: '2026-08-15T09:00:00.000Z' });
}, 120_000);
afterAll(() => service.close());

async function publish(commissioner: string, source: { path: string; text: string }, contract: string) {
  const token = await service.token(commissioner, 'commissioner');
  const response = await service.request('/contracts', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sources: [source], effectiveDate: '2026-04-01', contract }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { contract: string }).contract;
}

async function sendReturn(contract: string, provider: string, source: string, csv: string, period: string) {
  const response = await postFeed(service, await service.token(provider, 'provider'), {
    contract,
    source,
    period,
    body: `measure,period,numerator,denominator,value,pence\n${csv}`,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
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
  earnedPence: string;
  totalsByKind: Record<string, string>;
}

async function statement(contract: string, commissioner: string): Promise<Statement> {
  const token = await service.token(commissioner, 'finance');
  const response = await service.request(`/contracts/${contract}/statement?asOf=2026-08-15`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Statement;
}

const pick = (s: Statement, kinds: string[]) =>
  Object.fromEntries(
    s.lines.filter((l) => kinds.includes(l.kind)).map((l) => [`${l.kind} ${l.clause} ${l.period}`, l.pence]),
  );

test("each part of an indicator is paid its share of the indicator's value, to the penny", async () => {
  const contract = await publish('X24', CQUIN, 'PartsCquin');
  // Q1's audit, month by month: 4a 20 of 25, 25 of 30, 23 of 25 = 68 of 80 (85%);
  // 4b 10 of 15, 12 of 20, 13 of 15 = 35 of 50 (70%).
  const months: [string, string][] = [
    ['2026-04', 'Assessed,2026-04,20,25,,\nSharedWithGp,2026-04,10,15,,\n'],
    ['2026-05', 'Assessed,2026-05,25,30,,\nSharedWithGp,2026-05,12,20,,\n'],
    ['2026-06', 'Assessed,2026-06,23,25,,\nSharedWithGp,2026-06,13,15,,\n'],
  ];
  for (const [period, csv] of months) await sendReturn(contract, 'RKL', 'AuditReturn', csv, period);
  const served = await statement(contract, 'X24');
  const q1 = served.lines.filter((l) => l.period === '2026/27 Q1' && l.kind === 'cquin');
  // The indicator is the whole £100,000.03 = 10,000,003p. Its parts: 80% = 8,000,002.4p and
  // 20% = 2,000,000.6p; floors 8,000,002p + 2,000,000p leave a penny, which goes to the larger
  // remainder (0.6, 4b): 4a 8,000,002p, 4b 2,000,001p, summing to 10,000,003p.
  // Quarters of 4a: 2,000,000.5p each; floors leave 2p, to the first two quarters on the tie:
  //   Q1 2,000,001p. Quarters of 4b: 500,000.25p each; the penny left to Q1: 500,001p.
  // Q1: 4a 85% on 75%→90% is 10/15 = 2/3 × 2,000,001p = 1,333,334p exactly;
  //     4b 70% on 50%→90% is 20/40 = 1/2 × 500,001p = 250,000.5p → half-up 250,001p.
  expect(Object.fromEntries(q1.map((l) => [l.clause, l.pence]))).toEqual({
    A4a: '1333334',
    A4b: '250001',
  });
  const a4b = q1.find((l) => l.clause === 'A4b');
  expect(a4b?.explanation).toContain('Indicator CardioMetabolic, part A4b (20% of its value), 2026/27 Q1');
  expect(a4b?.explanation).toContain(
    '70.0% (35 of 50); linear 50%→90% gives attainment 0.5 × £5,000.01 = £2,500.01',
  );
  // Later quarters have no data yet and pay nothing; the CQUIN so far is 1,583,335p.
  expect(served.earnedPence).toBe('1583335');

  // The position shows each part's own figures: 4a at 85% of 80 so far, 4b at 70% of 50.
  const token = await service.token('X24', 'finance');
  const position = (await (
    await service.request(`/contracts/${contract}/position?asOf=2026-08-15`, { token })
  ).json()) as {
    measures: { measure: string; period: string; status: string; numerator?: string; denominator?: string }[];
    indicators: {
      indicator: string;
      yearToDate?: { numerator: string; denominator: string };
      text: string;
    }[];
  };
  const parts = Object.fromEntries(
    position.indicators.map((i) => [
      i.indicator,
      `${i.yearToDate?.numerator} of ${i.yearToDate?.denominator}`,
    ]),
  );
  expect(parts).toEqual({ A4a: '68 of 80', A4b: '35 of 50' });
  // And each part's measure is scored for the quarter, as any indicator's is.
  const q1Figures = position.measures
    .filter((m) => m.period === '2026/27 Q1' && m.status === 'scored')
    .map((m) => `${m.measure.split('.').at(-1)} ${m.numerator} of ${m.denominator}`)
    .sort();
  expect(q1Figures).toEqual(['Assessed 68 of 80', 'SharedWithGp 35 of 50']);
  expect(position.indicators.find((i) => i.indicator === 'A4a')?.text).toContain(
    'Indicator CardioMetabolic, part A4a',
  );
});

test('the cost a provider carries, what it is paid for it and the unfunded gap are memoranda by month', async () => {
  const contract = await publish('10Q', OXFORD, 'TeamCosts');
  await sendReturn(contract, 'RTH', 'OutpatientReturn', 'Attendances,2026-04,,,20,\n', '2026-04');
  await sendReturn(contract, 'RTH', 'OutpatientReturn', 'Attendances,2026-05,,,30,\n', '2026-05');
  const served = await statement(contract, '10Q');
  // Paid: April 20 × £310 = 620,000p; May 30 × £310 = 930,000p.
  // Team: £100,000.01 a year = 10,000,001p in twelfths of 833,333.41…p: floors of 833,333p leave
  //   5p, one each to the first five months on the tie, so April and May carry 833,334p.
  //   April's gap 833,334p − 620,000p = 213,334p; May's 833,334p − 930,000p = −96,666p (May's
  //   attendances paid more than the month's share of the team).
  // Per attendance at £420: April 20 × 42,000p = 840,000p, gap 840,000p − 620,000p = 220,000p;
  //   May 30 × 42,000p = 1,260,000p, gap 1,260,000p − 930,000p = 330,000p.
  expect(pick(served, ['activity', 'cost-carried', 'cost-funded', 'cost-unfunded'])).toEqual({
    'activity Outpatient 2026-04': '620000',
    'activity Outpatient 2026-05': '930000',
    'cost-carried Team 2026-04': '833334',
    'cost-funded Team 2026-04': '620000',
    'cost-unfunded Team 2026-04': '213334',
    'cost-carried Team 2026-05': '833334',
    'cost-funded Team 2026-05': '930000',
    'cost-unfunded Team 2026-05': '-96666',
    'cost-carried PerAttendance 2026-04': '840000',
    'cost-funded PerAttendance 2026-04': '620000',
    'cost-unfunded PerAttendance 2026-04': '220000',
    'cost-carried PerAttendance 2026-05': '1260000',
    'cost-funded PerAttendance 2026-05': '930000',
    'cost-unfunded PerAttendance 2026-05': '330000',
  });
  // The memoranda move no money: the contract has earned the attendances alone, 1,550,000p.
  expect(served.earnedPence).toBe('1550000');
  expect(Object.keys(served.totalsByKind)).toEqual(['activity']);
  const gap = served.lines.find(
    (l) => l.kind === 'cost-unfunded' && l.clause === 'Team' && l.period === '2026-04',
  );
  expect(gap?.explanation).toBe(
    'Memorandum: Psychological medicine team, 2026-04: £2,133.34 of the £8,333.34 cost is not paid for and is absorbed by RTH',
  );
});
