import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runParity } from './run-parity.js';
import { type ServedParity, serveParity } from './serve-parity.js';

/**
 * `parity eval` on the Bradford SMI CQUIN demo contract and its demo register feeds, compared with
 * the position the real service computes when the same files are published and sent to it.
 */

const CONTRACT = 'contracts/demo/bradford-smi-cquin.parity';
const FEEDS = join(ROOT, 'examples/feeds/bradford-smi-cquin');
/** Each month's register; June as corrected, the feed that stands. */
const REGISTERS: [month: string, file: string][] = [
  ['2026-04', 'smi-register-2026-04.csv'],
  ['2026-05', 'smi-register-2026-05.csv'],
  ['2026-06', 'smi-register-2026-06-corrected.csv'],
  ['2026-07', 'smi-register-2026-07.csv'],
  ['2026-08', 'smi-register-2026-08.csv'],
  ['2026-09', 'smi-register-2026-09.csv'],
  ['2026-10', 'smi-register-2026-10.csv'],
];
/** Each month's inpatient stays, as workbooks: rows placed by the day of admission. */
const STAYS = REGISTERS.map(([month]) => [month, `inpatient-stays-${month}.xlsx`] as const);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATA = [
  ...REGISTERS.flatMap(([month, file]) => ['--data', `SmiRegister@${month}=${join(FEEDS, file)}`]),
  ...STAYS.flatMap(([month, file]) => ['--data', `InpatientStays@${month}=${join(FEEDS, file)}`]),
];
const asOf = new Date().toISOString().slice(0, 10);

interface Line {
  kind: string;
  clause: string;
  provider: string;
  period: string;
  pence: string;
  status: string;
  provisional: boolean;
}
const figures = (lines: Line[]) =>
  lines.map(
    (l) =>
      `${l.kind} ${l.clause} ${l.provider} ${l.period}: ${l.pence}p ${l.status}${l.provisional ? ' provisional' : ''}`,
  );

interface PositionJson {
  lines: Line[];
  measures: unknown[];
  indicators: unknown[];
  monitors: { measure: string; status: string }[];
}

let service: ServedParity;
let commissioner: string;
let name: string;

beforeAll(async () => {
  service = await serveParity();
  commissioner = await service.token('36J', 'commissioner');
  const provider = await service.token('TAD', 'provider');
  const published = await service.request('/contracts', commissioner, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sources: [{ path: 'demo/bradford-smi-cquin.parity', text: readFileSync(join(ROOT, CONTRACT), 'utf8') }],
      effectiveDate: '2026-04-01',
    }),
  });
  expect(published.status).toBe(201);
  name = ((await published.json()) as { contract: string }).contract;
  for (const [month, file] of REGISTERS) {
    const sent = await service.request(`/contracts/${name}/feeds/SmiRegister?period=${month}`, provider, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: readFileSync(join(FEEDS, file)),
    });
    expect(sent.status).toBe(201);
  }
  for (const [month, file] of STAYS) {
    const sent = await service.request(`/contracts/${name}/feeds/InpatientStays?period=${month}`, provider, {
      method: 'POST',
      headers: { 'content-type': XLSX },
      body: readFileSync(join(FEEDS, file)),
    });
    expect(sent.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

describe('parity eval', () => {
  test("gives the service's figures for the same files, line by line", async () => {
    const run = await runParity(['eval', CONTRACT, ...DATA, '--as-of', asOf, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const local = JSON.parse(run.stdout) as {
      position: PositionJson;
      statement: { earnedPence: string };
    };
    const position = (await (
      await service.request(`/contracts/${name}/position?asOf=${asOf}`, commissioner)
    ).json()) as PositionJson;
    expect(figures(local.position.lines)).toEqual(figures(position.lines));
    // The measures, indicators and monitors too, the inpatient stays' monitors among them.
    for (const part of ['measures', 'indicators', 'monitors'] as const)
      expect(local.position[part]).toEqual(position[part]);
    expect(
      local.position.monitors.some((m) => m.measure.endsWith('TobaccoScreened') && m.status === 'scored'),
    ).toBe(true);
    // Twelve monthly block instalments of £84,000,000 / 12, and the CQUIN's quarters besides.
    const blocks = local.position.lines.filter((l) => l.kind === 'block');
    expect(blocks.map((l) => l.pence)).toEqual(Array(12).fill(String((84_000_000 * 100) / 12)));
    const cquin = local.position.lines.filter((l) => l.kind === 'cquin');
    expect(cquin.some((l) => l.pence !== '0')).toBe(true);
    // 1.25% of £84,000,000 is the most the scheme can earn in the year.
    const cquinPence = cquin.reduce((sum, l) => sum + BigInt(l.pence), 0n);
    expect(cquinPence <= 105_000_000n).toBe(true);
    const statement = (await (
      await service.request(`/contracts/${name}/statement?asOf=${asOf}`, commissioner)
    ).json()) as { earnedPence: string };
    expect(local.statement.earnedPence).toBe(statement.earnedPence);
    expect(BigInt(local.statement.earnedPence)).toBe(84_000_000_00n + cquinPence);
  });

  test('prints the statement as a table in pounds and pence, and as the CSV the service downloads', async () => {
    const table = await runParity(['eval', CONTRACT, ...DATA, '--as-of', asOf]);
    expect(table.code).toBe(0);
    const statement = (await (
      await service.request(`/contracts/${name}/statement?asOf=${asOf}`, commissioner)
    ).json()) as { earnedPence: string; lines: Line[] };
    const earned = BigInt(statement.earnedPence);
    const pounds = `£${(earned / 100n).toLocaleString('en-GB')}.${String(earned % 100n).padStart(2, '0')}`;
    expect(table.stdout).toMatch(new RegExp(`earned\\s+${pounds.replace(/[.$]/g, '\\$&')}\\n`));
    expect(table.stdout).toMatch(/ 1 {2}block .+ £7,000,000\.00 {2}final\n/);

    const csv = await runParity(['eval', CONTRACT, ...DATA, '--as-of', asOf, '--format', 'csv']);
    const downloaded = await (
      await service.request(`/contracts/${name}/statement?asOf=${asOf}&format=csv`, commissioner)
    ).text();
    // The same rows but for the version column: the service's is its version 1, a local file's 0.
    const unversioned = (text: string) => text.replace(/^([^,]*),[0-9]+,/gm, '$1,v,');
    expect(csv.code).toBe(0);
    expect(unversioned(csv.stdout)).toBe(unversioned(downloaded));
  });

  test('explains how a line was computed', async () => {
    const run = await runParity(['eval', CONTRACT, ...DATA, '--as-of', asOf, '--explain', '13']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Line 13: cquin SmiPhysicalHealth › SixChecks, TAD, 2026\/27 Q1: £[0-9,.]+/);
    expect(run.stdout).toMatch(/\n {2}formula: {2}.+\n/);
    const beyond = await runParity(['eval', CONTRACT, ...DATA, '--as-of', asOf, '--explain', '99']);
    expect(beyond.stderr).toBe(
      "parity eval: --explain takes a payment line's number, 1 to 24, as the table numbers them; not '99'\n",
    );
    expect(beyond.code).toBe(2);
  });

  test('reads an extract, placing rows by its provider and period columns, as a feed for the month', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'parity-eval-'));
    const april = readFileSync(join(FEEDS, 'smi-register-2026-04.csv'), 'utf8').trimEnd().split('\n');
    const extract = join(folder, 'register-extract.csv');
    writeFileSync(
      extract,
      april.map((row, i) => (i === 0 ? `provider,period,${row}` : `TAD,2026-04,${row}`)).join('\n'),
    );
    const asFeed = await runParity([
      'eval',
      CONTRACT,
      '--data',
      `SmiRegister@2026-04=${join(FEEDS, 'smi-register-2026-04.csv')}`,
      '--as-of',
      asOf,
      '--format',
      'json',
    ]);
    const asExtract = await runParity([
      'eval',
      CONTRACT,
      '--data',
      `SmiRegister=${extract}`,
      '--as-of',
      asOf,
      '--format',
      'json',
    ]);
    expect(asExtract.code).toBe(0);
    const lines = (run: { stdout: string }) =>
      figures((JSON.parse(run.stdout) as { position: { lines: Line[] } }).position.lines);
    expect(lines(asExtract)).toEqual(lines(asFeed));
    expect(lines(asExtract).some((l) => / 2026\/27 Q1: [1-9][0-9]*p/.test(l) && l.startsWith('cquin'))).toBe(
      true,
    );
  });

  test('refuses a feed file with a bad cell, naming the file, row and column', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'parity-eval-'));
    const rows = readFileSync(join(FEEDS, 'smi-register-2026-04.csv'), 'utf8').split('\n');
    const header = (rows[0] ?? '').split(',');
    const column = header.indexOf('registered_on');
    const third = (rows[3] ?? '').split(',');
    third[column] = 'soon';
    rows[3] = third.join(',');
    writeFileSync(join(folder, 'register.csv'), rows.join('\n'));
    const run = await runParity(
      ['eval', join(ROOT, CONTRACT), '--data', 'SmiRegister@2026-04=register.csv'],
      folder,
    );
    expect(run.stderr).toMatch(/^register\.csv, row 3, column 'registered_on': .*soon.*\n/);
    expect(run.stderr).toMatch(/parity eval: a feed file was refused; nothing was evaluated\.\n$/);
    expect(run.code).toBe(1);
  });

  test('refuses a month that has not begun by the date asked', async () => {
    const run = await runParity([
      'eval',
      CONTRACT,
      '--data',
      `SmiRegister@2026-10=${join(FEEDS, 'smi-register-2026-10.csv')}`,
      '--as-of',
      '2026-09-30',
    ]);
    expect(run.stderr).toMatch(/The period 2026-10 has not begun: today is 2026-09-30/);
    expect(run.code).toBe(1);
  });

  test('names the valid formats, datasets and providers when given others, exiting 2', async () => {
    const format = await runParity(['eval', CONTRACT, ...DATA, '--format', 'xml']);
    expect(format.stderr).toBe("parity eval: 'xml' is not a --format; choose table, json, csv\n");
    expect(format.code).toBe(2);
    const dataset = await runParity([
      'eval',
      CONTRACT,
      '--data',
      `Registry@2026-04=${join(FEEDS, 'smi-register-2026-04.csv')}`,
    ]);
    expect(dataset.stderr).toBe(
      'parity eval: demo.bradford.SmiPhysicalHealthCquin has no dataset or aggregate return named Registry; feeds go to nhs.measures.smi.SmiRegister, nhs.measures.tobacco_alcohol.InpatientStays\n',
    );
    expect(dataset.code).toBe(2);
    const provider = await runParity(['eval', CONTRACT, ...DATA, '--provider', 'RAE']);
    expect(provider.stderr).toBe(
      "parity eval: 'RAE' is not a provider of demo.bradford.SmiPhysicalHealthCquin; its providers are TAD\n",
    );
    expect(provider.code).toBe(2);
  });

  test('shows a progress bar while large files are read, on a terminal only', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'parity-eval-'));
    const [header, ...rows] = readFileSync(join(FEEDS, 'smi-register-2026-04.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    // 30,000 people, each once: a register of about 3.5 MB.
    const people = Array.from({ length: 30_000 }, (_, i) =>
      (rows[i % rows.length] ?? '').replace(/^[^,]+/, `BDC-SMI-${String(i).padStart(7, '0')}`),
    );
    const register = join(folder, 'register.csv');
    writeFileSync(register, `${[header, ...people].join('\n')}\n`);
    const args = [
      'eval',
      join(ROOT, CONTRACT),
      '--data',
      `SmiRegister@2026-04=${register}`,
      '--format',
      'csv',
    ];
    const piped = await runParity(args);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    // On a terminal (util-linux's script gives the command one), the bar is drawn on stderr.
    const command = [process.execPath, join(ROOT, 'packages/cli/bin/parity.js'), ...args]
      .map((a) => `'${a}'`)
      .join(' ');
    const terminal = spawnSync('script', ['-qec', `${command} > /dev/null`, '/dev/null'], {
      encoding: 'utf8',
    });
    if (terminal.error) {
      console.log('script(1) is not installed here: the bar on a terminal is not checked');
      return;
    }
    expect(terminal.status).toBe(0);
    expect(terminal.stdout).toMatch(/Reading feeds .*100% \| 3\.[0-9]\/3\.[0-9] MB/);
  });
});
