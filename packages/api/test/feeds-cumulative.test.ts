import { Position } from '@parity/engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * A cumulative (year-to-date) return only rises within a year. A month that falls is still
 * stored (it may be the correction), the submitter is told which figure fell and from what, and
 * the latest month stands for the year so far.
 */
const CONTRACT = {
  path: 'test/training.parity',
  text: `package test.training

import "nhs/organisations"

aggregate return TrainingReturn "Staff trained, year to date" {
  rows are cumulative
  source "Trust training records"
}

measure StaffTrained "Staff trained in perinatal mental health" {
  domain mental-health
  from TrainingReturn
  minimum denominator 10
  higher is better
  period year to date
}

contract Training "Training 2026/27" {
  arrangement block
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £120,000
  instalments monthly

  monitor StaffTrained target 80% accountable BradfordDistrictCare
}
`,
};
const NAME = 'test.training.Training';
const COLUMNS = 'measure,period,numerator,denominator,value,pence';

let service: TestService;
let provider: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [CONTRACT]);
  provider = await service.token('TAD', 'provider');
});
afterAll(() => service.close());

const send = (month: string, numerator: number, denominator: number) =>
  postFeed(service, provider, {
    contract: NAME,
    source: 'TrainingReturn',
    period: month,
    body: `${COLUMNS}\nStaffTrained,${month},${numerator},${denominator},,\n`,
    contentType: 'text/csv',
  });

/** The year to date the provider's position serves for the measure. */
async function yearToDate() {
  const response = await service.request(`/contracts/${NAME}/position`, { token: provider });
  const figure = Position.parse(await response.json()).measures.find(
    (m) => m.measure.endsWith('StaffTrained') && m.view === 'year-to-date',
  );
  return `${figure?.numerator} of ${figure?.denominator}`;
}

describe('a cumulative return', () => {
  test('that rises is stored with nothing to check', async () => {
    const may = await send('2026-05', 40, 60);
    expect(may.status).toBe(201);
    expect(may.body).not.toHaveProperty('warnings');
  });

  test('that falls is stored, the submitter is told what fell and from what, and it stands', async () => {
    const june = await send('2026-06', 38, 60);
    expect(june.status).toBe(201);
    expect((june.body as { warnings?: string[] }).warnings).toEqual([
      "test.training.StaffTrained: the year-to-date numerator falls from 40 in 2026-05 to 38 in 2026-06. A cumulative return only rises within a year; check both months' returns (this one is stored, and the latest month's figures stand for the year so far).",
    ]);
    expect(await yearToDate()).toBe('38 of 60');
  });

  test('corrected in an earlier month above a later one is named against the later month', async () => {
    const may = await send('2026-05', 41, 62);
    expect(may.status).toBe(201);
    const warnings = (may.body as { warnings?: string[] }).warnings ?? [];
    expect(warnings.map((w) => w.slice(0, w.indexOf('.', 40)))).toEqual([
      'test.training.StaffTrained: the year-to-date numerator falls from 41 in 2026-05 to 38 in 2026-06',
      'test.training.StaffTrained: the year-to-date denominator falls from 62 in 2026-05 to 60 in 2026-06',
    ]);
  });

  test('sent as an extract of several months warns on the month that falls', async () => {
    const response = await service.request(`/contracts/${NAME}/extracts/TrainingReturn`, {
      method: 'POST',
      token: provider,
      headers: { 'content-type': 'text/csv' },
      body: `provider,${COLUMNS}\nTAD,StaffTrained,2026-07,45,64,,\nTAD,StaffTrained,2026-08,44,66,,\n`,
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { submissions: { period: string; warnings?: string[] }[] };
    const warned = body.submissions.filter((s) => s.warnings).map((s) => [s.period, s.warnings?.length]);
    // July rises from June (38 → 45); August falls from July (45 → 44), and July is named against it too.
    expect(warned).toEqual([
      ['2026-07', 1],
      ['2026-08', 1],
    ]);
    expect(await yearToDate()).toBe('44 of 66');
  });
});
