import { Position } from '@parity/engine';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * A level returned week by week (`rows are levels read as sum of weeks`): each row is a week of the
 * feed's month, under the date it begins; the month is the sum of its weeks and a quarter the sum
 * of its months. Coverage of 168, 168, 160 and 168 hours reads 664 of 672.
 */
const CONTRACT = {
  path: 'test/rota.parity',
  text: `package test.rota

import "nhs/organisations"

aggregate return RotaReturn "Liaison presence, week by week" {
  rows are levels read as sum of weeks
  source "Liaison team rota"
}

measure Coverage "Liaison presence in the emergency department" {
  domain mental-health
  from RotaReturn
  scored as coverage of 168 hours
  minimum denominator 168
  higher is better
  period quarter
}

contract Rota "Rota 2026/27" {
  arrangement block
  year 2026/27
  commissioner BradfordPlace
  provider BradfordTeachingHospitals
  value £120,000
  instalments monthly

  monitor Coverage target 95% accountable BradfordTeachingHospitals
}
`,
};
const NAME = 'test.rota.Rota';

let service: TestService;
let provider: string;
beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [CONTRACT]);
  provider = await service.token('RAE', 'provider');
});
afterAll(() => service.close());

const send = (month: string, rows: string[]) =>
  postFeed(service, provider, {
    contract: NAME,
    source: 'RotaReturn',
    period: month,
    body: `measure,period,numerator,denominator,value,pence\n${rows.join('\n')}\n`,
    contentType: 'text/csv',
  });

async function coverage(period: string, view: string) {
  const response = await service.request(`/contracts/${NAME}/position`, { token: provider });
  const figure = Position.parse(await response.json()).measures.find(
    (m) => m.measure.endsWith('Coverage') && m.view === view && m.period === period,
  );
  return `${figure?.numerator} of ${figure?.denominator}`;
}

test('a month is the sum of its weeks: 168, 168, 160 and 168 hours read 664 of 672', async () => {
  const may = await send('2026-05', [
    'Coverage,2026-05-04,168,168,,',
    'Coverage,2026-05-11,168,168,,',
    'Coverage,2026-05-18,160,168,,',
    'Coverage,2026-05-25,168,168,,',
  ]);
  expect(may.status).toBe(201);
  expect(await coverage('2026-05', 'month')).toBe('664 of 672');
});

test('a quarter adds its months', async () => {
  const june = await send('2026-06', [
    'Coverage,2026-06-01,150,168,,',
    'Coverage,2026-06-08,168,168,,',
    'Coverage,2026-06-15,168,168,,',
    'Coverage,2026-06-22,168,168,,',
    'Coverage,2026-06-29,100,168,,',
  ]);
  expect(june.status).toBe(201);
  // May 664 of 672, June 754 of 840: Q1 (no April) 1,418 of 1,512.
  expect(await coverage('2026/27 Q1', 'quarter')).toBe('1418 of 1512');
});

test("refuses a month's figure, a week of another month and a week given twice, naming the rows", async () => {
  const response = await send('2026-07', [
    'Coverage,2026-07,600,672,,',
    'Coverage,2026-06-29,168,168,,',
    'Coverage,2026-07-06,168,168,,',
    'Coverage,2026-07-06,160,168,,',
  ]);
  expect(response.status).toBe(422);
  expect(response.body.details?.errors.map((e) => [e.row, e.column])).toEqual([
    [1, 'period'],
    [2, 'period'],
    [4, 'period'],
  ]);
  expect(response.body.details?.errors[0]?.message).toContain('each row under the date its week begins');
  expect(response.body.details?.errors[1]?.message).toContain('is not in this feed');
  expect(response.body.details?.errors[2]?.message).toContain('already given in row 3');
});
