import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runParity } from './run-parity.js';

/**
 * What a test can say of a scheme paid on account and of a score. Worked by hand: the scheme is
 * worth £500,000 a year, £125,000 a quarter, linear from 40% to 80%, and half of it (£250,000) is
 * paid on account in four quarters of £62,500.
 *   Q1, Q3, Q4: 180 of 400 = 45%: (45 − 40) / 40 = 1/8 of £125,000 = £15,625.00 each.
 *   Q2: 60 of 85 = 70.588…%: (60/85 − 0.4) / 0.4 = 13/17 of £125,000 = £95,588.235… → £95,588.24.
 *   Earned £142,463.24, paid on account £250,000.00: the provider repays £107,536.76 at year end.
 */
const CONTRACT = `package demo
organisation Icb "Test ICB" ods "QAA" sector commissioner
organisation Trust "Test trust" ods "RAA" sector mental-health
aggregate return Returns "Return" {
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
  commissioner Icb
  provider Trust
  cquin Scheme1 "CQUIN" worth £500,000 {
    assessed quarterly
    paid on account quarterly at 50%
    indicator A weight 100% {
      measure Checked
      linear from 40% to 80%
    }
  }
}
test "the year" for Main {
  given Checked in 2026/27 Q1 = 180 of 400
  given Checked in 2026/27 Q2 = 60 of 85
  given Checked in 2026/27 Q3 = 180 of 400
  given Checked in 2026/27 Q4 = 180 of 400
  EXPECTATIONS
}
`;

async function runWith(expectations: string[]) {
  const directory = mkdtempSync(join(tmpdir(), 'parity-expect-'));
  writeFileSync(join(directory, 'main.parity'), CONTRACT.replace('EXPECTATIONS', expectations.join('\n  ')));
  return runParity(['test', directory]);
}

describe('a scheme paid on account', () => {
  test('says what it pays on account and what reconciliation recovers', async () => {
    const run = await runWith([
      'expect Scheme1 pays £62,500 on account in 2026/27 Q1',
      'expect Scheme1 pays £250,000 on account in 2026/27',
      'expect A earns £95,588.24 in 2026/27 Q2',
      'expect Scheme1 recovers £107,536.76 in 2026/27',
    ]);
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  test('fails when reconciliation is said to pay the provider', async () => {
    const run = await runWith(['expect Scheme1 reconciles £107,536.76 in 2026/27']);
    expect(run.stdout).toContain('expected £107,536.76');
    expect(run.stdout).toContain('-£107,536.76');
    expect(run.code).toBe(1);
  });
});

describe('a score', () => {
  test('is compared to the precision it is written with', async () => {
    const run = await runWith([
      'expect Checked scores 70.59% in 2026/27 Q2',
      'expect Checked scores 70.6% in 2026/27 Q2',
      'expect Checked scores 71% in 2026/27 Q2',
      'expect Checked scores 45% in 2026/27 Q1',
    ]);
    expect(run.stdout).toContain('1 passed, 0 failed');
  });

  test('that differs at that precision fails, saying both in percent', async () => {
    const run = await runWith(['expect Checked scores 70.58% in 2026/27 Q2']);
    expect(run.stdout).toContain('expected 70.58% (to 2 decimal places)');
    expect(run.stdout).toContain('70.59% (70.588235% exactly)');
    expect(run.code).toBe(1);
  });
});

/**
 * Record-level test data from a file beside the contract. 1,000 people on the caseload in Q1, of
 * whom every fifth has no check recorded: 800 of 1,000 = 80%, the top of a scale from 40% to 80%,
 * so the indicator earns its whole quarter, £125,000. A cell the service would refuse is refused.
 */
const RECORDS_CONTRACT = `package demo
organisation Icb "Test ICB" ods "QAA" sector commissioner
organisation Trust "Test trust" ods "RAA" sector mental-health
dataset Caseload "Caseload" per person {
  rows are snapshots
  source "Trust record"
  person: pseudonym "Pseudonymous key"
  checked_on: date? "Date checked"
}
measure Checked "Checks done" {
  domain physical-health
  from Caseload
  denominator person is recorded
  numerator checked_on is recorded
  minimum denominator 10
  higher is better
  period quarter
}
contract Main "Main" {
  arrangement cquin
  year 2026/27
  commissioner Icb
  provider Trust
  cquin Scheme1 "CQUIN" worth £500,000 {
    assessed quarterly
    indicator A weight 100% {
      measure Checked
      linear from 40% to 80%
    }
  }
}
test "a caseload from a file" for Main {
  given Caseload in 2026-06 = from "data/caseload.csv"
  expect Checked scores 80% in 2026/27 Q1
  expect A earns £125,000 in 2026/27 Q1
}
`;

function caseload(rows: string[]): string {
  const directory = mkdtempSync(join(tmpdir(), 'parity-records-'));
  writeFileSync(join(directory, 'main.parity'), RECORDS_CONTRACT);
  mkdirSync(join(directory, 'data'));
  writeFileSync(join(directory, 'data', 'caseload.csv'), ['checked_on,person', ...rows].join('\n'));
  return directory;
}

describe('rows given from a file', () => {
  test('are read beside the contract and counted as the service counts them', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i % 5 === 0 ? '' : '2026-05-14'},P${i}`);
    const run = await runParity(['test', caseload(rows)]);
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  test('are refused, naming the file, row and column, when a cell would be refused in a feed', async () => {
    const run = await runParity(['test', caseload(['2026-05-14,P1', '2026-05-14,9434765919'])]);
    expect(run.stdout).toMatch(/could not evaluate: invalid-record: .*caseload\.csv, row 2, column 'person'/);
    expect(run.stdout).not.toContain('9434765919');
    expect(run.code).toBe(1);
  });
});

/**
 * Commissioners apportioned by activity, in a test: £120,000 a year in monthly instalments of
 * £10,000, Icb's patients 90 referrals and Icb2's 30 over the year, so 3 : 1 — £90,000 and £30,000.
 */
const BY_ACTIVITY = `package demo
organisation Icb "Test ICB" ods "QAA" sector commissioner
organisation Icb2 "Second ICB" ods "QAB" sector commissioner
organisation Trust "Test trust" ods "RAA" sector mental-health
aggregate return Counts "Referrals by commissioner" {
  rows are events
  source "Trust referral log"
}
measure IcbReferrals "Referrals of Icb's patients" {
  domain mental-health
  from Counts
  scored as count
  higher is better
  period month
}
measure Icb2Referrals "Referrals of Icb2's patients" {
  domain mental-health
  from Counts
  scored as count
  higher is better
  period month
}
contract Shared "Shared" {
  arrangement multi-commissioner, block
  year 2026/27
  commissioner Icb activity from IcbReferrals
  commissioner Icb2 activity from Icb2Referrals
  apportioned by activity
  provider Trust
  value £120,000
  instalments monthly
}
test "the year's activity" for Shared {
  given IcbReferrals in 2026/27 = 90
  given Icb2Referrals in 2026/27 = 30
  expect Shared for Icb earns £90,000 in 2026/27
  expect Shared for Icb2 earns £30,000 in 2026/27
}
`;

test('commissioners apportioned by activity share each line by the activity counted', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'parity-activity-'));
  writeFileSync(join(directory, 'shared.parity'), BY_ACTIVITY);
  const run = await runParity(['test', directory]);
  expect(run.stdout).toContain('1 passed, 0 failed');
  expect(run.code).toBe(0);
});
