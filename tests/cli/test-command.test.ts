import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runParity } from './run-parity.js';

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
    indicator A weight 100% {
      measure Checked
      linear from 40% to 80%
    }
  }
}
test "Q2 between the thresholds" for Main {
  given Checked in 2026/27 Q2 = 180 of 400
  expect A earns EXPECTED in 2026/27 Q2
}
`;

function contractExpecting(amount: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'parity-test-'));
  writeFileSync(join(directory, 'main.parity'), CONTRACT.replace('EXPECTED', amount));
  return directory;
}

describe('parity test', () => {
  test('passes every in-language test of the contract library and the examples', async () => {
    const run = await runParity(['test', 'contracts', 'examples']);
    expect(run.stdout).toMatch(/\n([5-9][0-9]|[1-9][0-9]{2}) passed, 0 failed\n$/);
    expect(run.code).toBe(0);
  });

  test('passes the worked examples of the domain brief', async () => {
    const run = await runParity(['test', 'contracts/demo/worked-examples.parity']);
    expect(run.stdout).toContain(
      '✓ demo.worked.WorkedQuarterly › Worked example (a), assessed quarterly: £265,625',
    );
    expect(run.stdout).toMatch(/\n[0-9]+ passed, 0 failed\n$/);
    expect(run.code).toBe(0);
  });

  test('reports a failed expectation with the figure computed and how', async () => {
    const run = await runParity(['test', 'main.parity', '--lib', '.'], contractExpecting('£15,000'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('expected £15,000.00, got £15,625.00');
    expect(run.stdout).toContain(
      'Indicator A, 2026/27 Q2: 45.0% (180 of 400); linear 40%→80% gives attainment 0.125 × £125,000.00 = £15,625.00',
    );
    expect(run.stdout).toContain('0 passed, 1 failed');
  });

  test('passes when the expectation matches', async () => {
    const run = await runParity(['test', 'main.parity', '--lib', '.'], contractExpecting('£15,625'));
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });
});
