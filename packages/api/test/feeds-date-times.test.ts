import { Position } from '@parity/engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Date-times as real extracts write them: with seconds, with a UTC offset, or as clock times in
 * England (the dataset declares how a time without an offset is read). Held to the second, so a
 * response of exactly 60:00 is within the hour and 60:01 is not, and dated on the clock in
 * England, so 00:30 BST on 1 May belongs to May's feed.
 */
const CONTRACT = {
  path: 'test/liaison-times.parity',
  text: `package test.clock

import "nhs/organisations"

dataset Referrals "Liaison referrals, clock times in England" per referral {
  rows are events
  source "Liaison team log"
  dated by referred_at
  times without offset are Europe/London
  person: pseudonym "Pseudonymous person key"
  referred_at: datetime "Referral received"
  seen_at: datetime? "First seen"
}

measure SeenWithinAnHour "Referrals seen within an hour" {
  domain mental-health
  from Referrals
  denominator referred_at is recorded
  numerator seen_at within 1 hour of referred_at
  higher is better
  period month
}

contract LiaisonTimes "Liaison response times 2026/27" {
  arrangement block
  year 2026/27
  commissioner BradfordPlace
  provider BradfordTeachingHospitals
  value £120,000
  instalments monthly

  monitor SeenWithinAnHour target 90% accountable BradfordTeachingHospitals
}
`,
};
const NAME = 'test.clock.LiaisonTimes';

let service: TestService;
let provider: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [CONTRACT]);
  provider = await service.token('RAE', 'provider');
});
afterAll(() => service.close());

const send = (period: string, rows: string[]) =>
  postFeed(service, provider, {
    contract: NAME,
    source: 'Referrals',
    period,
    body: `person,referred_at,seen_at\n${rows.join('\n')}\n`,
    contentType: 'text/csv',
  });

/** The month's figure for the measure, as the provider's position serves it. */
async function seenWithinAnHour(month: string) {
  const response = await service.request(`/contracts/${NAME}/position`, { token: provider });
  const position = Position.parse(await response.json());
  const figure = position.measures.find(
    (m) => m.measure.endsWith('SeenWithinAnHour') && m.view === 'month' && m.period === month,
  );
  return { numerator: figure?.numerator, denominator: figure?.denominator };
}

describe('a feed of date-times with seconds and offsets', () => {
  test('is accepted and scored to the second: 60:00 is within the hour, 60:01 is not', async () => {
    const response = await send('2026-06', [
      'P1,2026-06-03T10:00:00,2026-06-03T11:00:00', // 60:00 on the clock: within
      'P2,2026-06-03T10:00:30,2026-06-03T11:00:31', // 60:01: not
      'P3,2026-06-03T09:00:00Z,2026-06-03T11:00:00+01:00', // 09:00 UTC to 10:00 UTC, 60:00: within
      'P4,2026-06-03T09:00:00Z,2026-06-03T11:00:01+01:00', // 60:01: not
      'P5,2026-06-03 22:40:49,2026-06-03 23:10:49', // a space for the T, 30:00: within
    ]);
    expect(response.status).toBe(201);
    expect(await seenWithinAnHour('2026-06')).toEqual({ numerator: '3', denominator: '5' });
  });

  test("takes a clock time in the first hour of a summer month in that month's feed", async () => {
    // 00:30 BST on 1 May is 23:30 UTC on 30 April: a May referral on the clock in England, however
    // it is written.
    const response = await send('2026-05', [
      'P6,2026-05-01T00:30,2026-05-01T01:15',
      'P6b,2026-04-30T23:30Z,2026-05-01T00:15Z',
    ]);
    expect(response.status).toBe(201);
    expect(await seenWithinAnHour('2026-05')).toEqual({ numerator: '2', denominator: '2' });
  });

  test('measures real elapsed time across the night the clocks go back', async () => {
    // 00:50 BST to 01:20 GMT on 25 October is 1 hour 30 minutes, though the clock moved 30.
    const response = await send('2026-10', [
      'P7,2026-10-25T00:50,2026-10-25T01:20:00+00:00',
      'P8,2026-10-25T00:50,2026-10-25T01:20', // the repeated hour, read as its first (BST): 30:00
    ]);
    expect(response.status).toBe(201);
    expect(await seenWithinAnHour('2026-10')).toEqual({ numerator: '1', denominator: '2' });
  });

  test('refuses a clock time the clocks skip, naming the row and column, and stores nothing', async () => {
    const response = await send('2026-04', [
      'P9,2026-04-02T10:00,2026-04-02T10:30',
      'P10,2026-04-03T10:00,2026-03-29T01:30',
    ]);
    expect(response.status).toBe(422);
    expect(response.body.details?.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'seen_at',
        message: expect.stringContaining('the clocks skip'),
      }),
    ]);
    expect(await seenWithinAnHour('2026-04')).toEqual({ numerator: undefined, denominator: undefined });
  });
});
