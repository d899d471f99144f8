import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Run, runParity } from './run-parity.js';

/**
 * `parity init` in a folder outside the repository, then the commands it prints, run there as a
 * new user would: no --lib, the nhs/… imports from the library built into parity.
 */

/** The `parity …` commands listed under "Next:", as arguments. */
function nextCommands(printed: string): string[][] {
  const next = printed.split('Next:\n')[1] ?? '';
  return next
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('parity '))
    .map((line) => line.split(/\s+/).slice(1));
}

async function initAndRun(template: string): Promise<{ init: Run; runs: Run[]; folder: string }> {
  const outside = mkdtempSync(join(tmpdir(), 'parity-init-'));
  const init = await runParity(['init', 'new-contract', '--template', template], outside);
  const runs: Run[] = [];
  for (const args of nextCommands(init.stdout)) runs.push(await runParity(args, outside));
  return { init, runs, folder: join(outside, 'new-contract') };
}

/** £ with pence, as the table prints it, from pence written as a number. */
const pounds = (pence: number) =>
  `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;

describe('parity init', () => {
  test('starts a CQUIN contract that checks, tests and evaluates at once, with the figures worked by hand', async () => {
    const { init, runs, folder } = await initAndRun('cquin');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('new-contract/local-cquin.parity');
    for (const file of ['local-cquin.parity', 'feeds/physical-health-checks.csv', '.vscode/extensions.json'])
      expect(existsSync(join(folder, file))).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, '.vscode/extensions.json'), 'utf8'))).toEqual({
      recommendations: ['parity.parity'],
    });
    const [check, tests, evaluation] = runs;
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(check?.stderr).toContain('1 file(s) checked: 0 error(s), 0 warning(s)');
    expect(tests?.stdout).toContain('2 passed, 0 failed');
    // 1.25% of £10,000,000 a year is £125,000: a quarter is £31,250, paid linearly from 40% to 60%.
    const quarter = (10_000_000 * 100 * 1.25) / 100 / 4;
    // Q1: (20 + 25 + 30) of (40 + 50 + 60) = 75 of 150 = 50%, half way: half the quarter.
    const q1 = (quarter * (50 - 40)) / (60 - 40);
    // Q2: (33 + 36 + 39) of 180 = 108 of 180 = 60%: the whole quarter.
    const q2 = quarter;
    const out = evaluation?.stdout ?? '';
    expect(out).toMatch(new RegExp(`2026/27 Q1 +partly-earned +${pounds(q1).replace('.', '\\.')} +final`));
    expect(out).toMatch(new RegExp(`2026/27 Q2 +earned +${pounds(q2).replace('.', '\\.')} +final`));
    expect(out).toMatch(new RegExp(`\\nearned +${pounds(q1 + q2).replace('.', '\\.')}\\n`));
  });

  test('starts a capitated contract with a risk share that checks, tests and evaluates at once', async () => {
    const { init, runs } = await initAndRun('capitated');
    expect(init.code).toBe(0);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const out = runs[2]?.stdout ?? '';
    // 10,000 registered x £1,200 / 12 = £1,000,000 a month: 60% to RAE, 40% to TAD.
    const month = (10_000 * 1_200 * 100) / 12;
    expect(out).toMatch(
      new RegExp(`capitation .+ RAE +2026-04 +earned +${pounds(month * 0.6).replace('.', '\\.')}`),
    );
    expect(out).toMatch(
      new RegExp(`capitation .+ TAD +2026-06 +earned +${pounds(month * 0.4).replace('.', '\\.')}`),
    );
    // Three months' budget is 3/12 of £12,000,000 = £3,000,000 against £2,850,000 spent: £150,000
    // under, the providers' half £75,000, capped at 2% of the £3,000,000 = £60,000; RAE 60%, TAD 40%.
    const gain = Math.min(((3_000_000 - 2_850_000) * 100) / 2, 3_000_000 * 100 * 0.02);
    expect(out).toMatch(
      new RegExp(`risk-share .+ RAE +2026/27 +earned +${pounds(gain * 0.6).replace('.', '\\.')}`),
    );
    expect(out).toMatch(
      new RegExp(`risk-share .+ TAD +2026/27 +earned +${pounds(gain * 0.4).replace('.', '\\.')}`),
    );
  });

  test('leaves a folder that is not empty alone unless told to write into it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'parity-init-'));
    writeFileSync(join(outside, 'notes.txt'), 'mine');
    const refused = await runParity(['init'], outside);
    expect(refused.stderr).toBe(
      "parity init: . is not empty; start in an empty folder, or give --force to write the template's files into it.\n",
    );
    expect(refused.code).toBe(1);
    expect(existsSync(join(outside, 'local-cquin.parity'))).toBe(false);
    const forced = await runParity(['init', '--force'], outside);
    expect(forced.code).toBe(0);
    expect(existsSync(join(outside, 'local-cquin.parity'))).toBe(true);
    expect(readFileSync(join(outside, 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('names the templates when given one it does not have', async () => {
    const run = await runParity(['init', 'x', '--template', 'block'], tmpdir());
    expect(run.stderr).toBe("parity init: 'block' is not a --template; choose cquin, capitated\n");
    expect(run.code).toBe(2);
  });
});
