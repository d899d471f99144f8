import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Statement } from '@parity/engine';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * The two paths a figure can take give the same money: generated monthly returns sent to the
 * service as a provider sends them (one feed a month), and the same figures given in an
 * in-language test run by `parity test`. The served quarter's amount is written into the test as
 * its expectation, so the test passes only if both paths agree to the penny.
 */
const RUNS = 12;
const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
const BIN = join(import.meta.dirname, '../../cli/bin/parity.js');

/** A CQUIN worth £500,000 on one quarterly indicator, linear from 40% to 80%, minimum 10. */
const contractText = (run: number, givens: string, expects: string) => `package test.paths${run}

organisation Icb${run} "Test ICB" ods "Q9${run % 10}${String.fromCharCode(65 + run)}" sector commissioner
organisation Trust${run} "Test trust" ods "R9${run % 10}${String.fromCharCode(65 + run)}" sector mental-health

aggregate return Returns "Checks return" {
  rows are events
  source "Trust return"
}

measure Checked "Checks done" {
  domain mental-health
  from Returns
  minimum denominator 10
  higher is better
  period quarter
}

contract Main "Main" {
  arrangement cquin
  year 2026/27
  commissioner Icb${run}
  provider Trust${run}
  cquin Scheme "CQUIN" worth £500,000 {
    assessed quarterly
    indicator A weight 100% {
      measure Checked
      linear from 40% to 80%
    }
  }
}
${givens ? `\ntest "the served figures" for Main {\n${givens}\n${expects}\n}\n` : ''}`;

const odsOf = (run: number, sector: 'Q' | 'R') => `${sector}9${run % 10}${String.fromCharCode(65 + run)}`;

/** A month's figures: a denominator of 0 to 60 and a numerator no larger. */
const monthFigures = fc
  .integer({ min: 0, max: 60 })
  .chain((denominator) => fc.tuple(fc.integer({ min: 0, max: denominator }), fc.constant(denominator)));

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
});
afterAll(() => service.close());

function runParity(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Sends the months as a provider would and reads the quarters' amounts from the statement. */
async function servedQuarters(run: number, months: [number, number][]): Promise<Map<string, string>> {
  const name = `test.paths${run}.Main`;
  await publishContract(service, await service.token(odsOf(run, 'Q'), 'commissioner'), [
    { path: `test/paths${run}.parity`, text: contractText(run, '', '') },
  ]);
  const provider = await service.token(odsOf(run, 'R'), 'provider');
  for (const [i, [numerator, denominator]] of months.entries()) {
    const month = MONTHS[i] as string;
    const response = await postFeed(service, provider, {
      contract: name,
      source: 'Returns',
      period: month,
      body: `measure,period,numerator,denominator,value,pence\nChecked,${month},${numerator},${denominator},,\n`,
      contentType: 'text/csv',
    });
    expect(response.status).toBe(201);
  }
  const response = await service.request(`/contracts/${name}/statement`, {
    token: await service.token(odsOf(run, 'Q'), 'finance'),
  });
  const statement = Statement.parse(await response.json());
  return new Map(
    statement.lines.filter((line) => line.kind === 'cquin').map((line) => [line.period, line.pounds]),
  );
}

test('for generated monthly returns, parity test and the service give the same quarters', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'parity-paths-'));
  const samples = fc.sample(fc.array(monthFigures, { minLength: 6, maxLength: 6 }), {
    numRuns: RUNS,
    seed: 20261207,
  });
  for (const [run, months] of samples.entries()) {
    const served = await servedQuarters(run, months);
    expect([...served.keys()]).toEqual(expect.arrayContaining(['2026/27 Q1', '2026/27 Q2']));
    const givens = months
      .map(
        ([numerator, denominator], i) => `  given Checked in ${MONTHS[i]} = ${numerator} of ${denominator}`,
      )
      .join('\n');
    const expects = ['Q1', 'Q2']
      .map((quarter) => `  expect A earns £${served.get(`2026/27 ${quarter}`)} in 2026/27 ${quarter}`)
      .join('\n');
    await writeFile(join(folder, `paths${run}.parity`), contractText(run, givens, expects));
  }
  const run = await runParity(['test', folder]);
  expect(run.stdout).toContain(`${RUNS} passed, 0 failed`);
  expect(run.code).toBe(0);
}, 120_000);
