import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractModel } from '@parity/dsl';
import { describe, expect, test } from 'vitest';
import { runParity } from './run-parity.js';

function workspaceWith(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'parity-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const LIBRARY = `package lib
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
`;

const CONTRACT = `package demo
import "lib"
contract Main "Main" {
  arrangement cquin
  year 2026/27
  commissioner Icb
  provider Trust
  value £1,000,000
  cquin Scheme1 "CQUIN" worth 1.25% of value {
    assessed quarterly
    indicator A weight 100% {
      measure Checked
      linear from 40% to 60%
    }
  }
}
test "nothing below the minimum" for Main {
  given Checked in 2026/27 Q1 = 3 of 10
  expect A earns £0 in 2026/27 Q1
}
`;

describe('parity check', () => {
  test('passes the whole contract library with exit 0', async () => {
    const run = await runParity(['check', 'contracts']);
    expect(run.stderr).toMatch(/file\(s\) checked: 0 error\(s\)/);
    expect(run.code).toBe(0);
  });

  test('prints file:line:col severity code message and exits 1 on errors', async () => {
    const directory = workspaceWith({
      'lib.parity': LIBRARY,
      'main.parity': CONTRACT.replace('weight 100%', 'weight 90%'),
    });
    const run = await runParity(['check', '.'], directory);
    expect(run.stdout).toContain(
      'main.parity:9:9 error weights-not-100 Indicator weights in Scheme1 sum to 90%; they must sum to 100%.',
    );
    expect(run.code).toBe(1);
  });

  test('prints the code linking-error for a reference that names nothing, as the editor shows it', async () => {
    const directory = workspaceWith({
      'lib.parity': LIBRARY,
      'main.parity': CONTRACT.replace('measure Checked', 'measure Chekced'),
    });
    const run = await runParity(['check', '.'], directory);
    expect(run.stdout).toContain(
      "main.parity:12:15 error linking-error Could not resolve reference to Measure named 'Chekced'.",
    );
    expect(run.code).toBe(1);
  });

  test('exits 0 when there are only warnings', async () => {
    const directory = workspaceWith({
      'lib.parity': LIBRARY,
      'main.parity': CONTRACT.replace('import "lib"', 'import "lib"\nimport "lib"'),
    });
    const run = await runParity(['check', 'main.parity', '--lib', '.'], directory);
    expect(run.code).toBe(0);
  });

  test('checks a contract anywhere against the built-in library the service publishes against', async () => {
    const contract = `package mine
import "nhs/organisations"
organisation MyTrust "My trust" ods "RX9Z" sector mental-health
contract Block "Block" {
  arrangement block
  year 2026/27
  commissioner BradfordPlace
  provider MyTrust
  value £1,000
  instalments monthly
}
`;
    const good = await runParity(['check', '.'], workspaceWith({ 'block.parity': contract }));
    expect(good.stdout).toBe('');
    expect(good.code).toBe(0);
    // An ODS code the built-in library already gives another organisation, as publishing refuses it.
    const clash = await runParity(
      ['check', '.'],
      workspaceWith({ 'block.parity': contract.replace('"RX9Z"', '"TAD"') }),
    );
    expect(clash.stdout).toContain(
      'block.parity:3:37 error duplicate-ods-code ODS code "TAD" is already used by nhs.organisations.BradfordDistrictCare',
    );
    expect(clash.code).toBe(1);
  });

  test('explains itself with --help', async () => {
    const run = await runParity(['check', '--help']);
    expect(run.stdout).toContain('Usage: parity check');
    expect(run.code).toBe(0);
  });
});

describe('parity compile', () => {
  test('prints the ContractModel JSON, the same bytes every time', async () => {
    const directory = workspaceWith({ 'lib.parity': LIBRARY, 'main.parity': CONTRACT });
    const first = await runParity(['compile', 'main.parity', '--lib', '.'], directory);
    const second = await runParity(['compile', 'main.parity', '--lib', '.'], directory);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const model = ContractModel.parse(JSON.parse(first.stdout));
    expect(model.contract.valuePence).toBe('100000000');
    expect(model.tests).toHaveLength(1);
  });

  test('refuses a contract with errors and lists them', async () => {
    const directory = workspaceWith({
      'lib.parity': LIBRARY,
      'main.parity': CONTRACT.replace('    assessed quarterly\n', ''),
    });
    const run = await runParity(['compile', 'main.parity', '--lib', '.'], directory);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing-assessment');
  });
});

describe('parity', () => {
  test('lists its commands with --help and names an unknown one', async () => {
    const help = (await runParity(['--help'])).stdout;
    for (const command of ['check', 'test', 'compile']) expect(help).toContain(`parity ${command} `);
    const unknown = await runParity(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('parity fmt', () => {
  test('finds the contract library and examples already in the canonical layout', async () => {
    const run = await runParity(['fmt', '--check', 'contracts', 'examples']);
    expect(run.stderr).toContain('All files are formatted.');
    expect(run.code).toBe(0);
  });

  test('rewrites a file in place, and --check then passes', async () => {
    const directory = workspaceWith({
      'main.parity': 'package  demo\norganisation Icb   "Test ICB" ods "QAA"   sector commissioner\n\n\n',
    });
    expect((await runParity(['fmt', '--check', 'main.parity'], directory)).code).toBe(1);
    expect((await runParity(['fmt', 'main.parity'], directory)).stdout).toContain('main.parity: formatted');
    expect((await runParity(['fmt', '--check', 'main.parity'], directory)).code).toBe(0);
  });
});
