import { Statement } from '@parity/engine';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * A service funded by two commissioners in proportion to their activity: each names a measure
 * counting its patients' referrals, and every line is apportioned by the year's counts so far.
 * Worked by hand: £1,200,000 a year, £100,000 a month. Hull 300 referrals, East Riding 100 by
 * October, so 3 : 1 — each instalment £75,000.00 to Hull and £25,000.00 to East Riding.
 */
const CONTRACT = {
  path: 'test/by-activity.parity',
  text: `package test.activity

import "nhs/organisations"

aggregate return ReferralCounts "Referrals by the commissioner responsible" {
  rows are events
  source "Liaison team referral log, by registered practice"
}

measure HullReferrals "Referrals of Hull patients" {
  domain mental-health
  from ReferralCounts
  scored as count
  higher is better
  period month
}

measure EastRidingReferrals "Referrals of East Riding patients" {
  domain mental-health
  from ReferralCounts
  scored as count
  higher is better
  period month
}

contract ByActivity "Liaison funded by activity 2026/27" {
  arrangement multi-commissioner, block
  year 2026/27
  commissioner HullPlace activity from HullReferrals
  commissioner EastRidingPlace activity from EastRidingReferrals
  apportioned by activity
  provider HullUniversityTeachingHospitals
  value £1,200,000
  instalments monthly
}
`,
};
const NAME = 'test.activity.ByActivity';

let service: TestService;
let finance: string;
let provider: string;
beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('03F', 'commissioner'), [CONTRACT]);
  finance = await service.token('03F', 'finance');
  provider = await service.token('RWA', 'provider');
});
afterAll(() => service.close());

async function statement() {
  const response = await service.request(`/contracts/${NAME}/statement`, { token: finance });
  return Statement.parse(await response.json());
}

const send = (month: string, hull: number, eastRiding: number) =>
  postFeed(service, provider, {
    contract: NAME,
    source: 'ReferralCounts',
    period: month,
    body: `measure,period,numerator,denominator,value,pence\nHullReferrals,${month},,,${hull},\nEastRidingReferrals,${month},,,${eastRiding},\n`,
    contentType: 'text/csv',
  });

test('before any activity is counted, no line is apportioned', async () => {
  const lines = (await statement()).lines.filter((l) => l.kind === 'block');
  expect(lines.length).toBe(12);
  expect(lines.every((l) => l.commissioners === undefined)).toBe(true);
});

test("apportions every line by the commissioners' activity over the year so far", async () => {
  for (const [month, hull, eastRiding] of [
    ['2026-04', 120, 30],
    ['2026-05', 100, 40],
    ['2026-10', 80, 30],
  ] as const)
    expect((await send(month, hull, eastRiding)).status).toBe(201);
  const served = await statement();
  const april = served.lines.find((l) => l.kind === 'block' && l.period === '2026-04');
  // Hull 300, East Riding 100: 3 to 1.
  expect(april?.commissioners).toEqual({ '03F': '7500000', '02Y': '2500000' });
  expect(served.totalsByCommissioner).toEqual({ '03F': '90000000', '02Y': '30000000' });
});
