import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEEDS_DIR } from '../src/demo-feeds.js';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * Each commissioner's share of every line of the multi-commissioner demo contracts, against
 * examples/expected/commissioner-shares/<contract>.csv (computed with plain arithmetic by
 * examples/expected/compute/commissioner-shares.mjs), as of the demo's day, 2026-12-04.
 */
const DIR = join(FEEDS_DIR, '..', 'expected', 'commissioner-shares');
const CONTRACTS = readdirSync(DIR)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.slice(0, -'.csv'.length));

interface Line {
  kind: string;
  clause: string;
  period: string;
  provider: string;
  pence: string;
  commissioners?: Record<string, string>;
}

let service: TestService;
let auditor: string;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-12-04T09:00:00.000Z' });
  auditor = await service.token('X26', 'auditor');
}, 120_000);
afterAll(() => service.close());

test('Devon and Hull have golden commissioner shares', () => {
  expect(CONTRACTS.sort()).toEqual([
    'demo.devon.PerinatalMentalHealth',
    'demo.hull.AcuteLiaisonMentalHealth',
  ]);
});

describe.each(CONTRACTS)('%s', (contract) => {
  test("each line's commissioner shares equal the golden shares and sum to the line", async () => {
    const response = await service.request(`/contracts/${contract}/statement`, { token: auditor });
    expect(response.status).toBe(200);
    const statement = (await response.json()) as {
      lines: Line[];
      totalsByKind: Record<string, string>;
      totalsByCommissioner?: Record<string, string>;
    };
    const served = statement.lines.flatMap((l) =>
      Object.entries(l.commissioners ?? {}).map(
        ([ods, pence]) => `${l.kind},${l.clause},${l.period},${l.provider},${ods},${pence}`,
      ),
    );
    const [, ...golden] = readFileSync(join(DIR, `${contract}.csv`), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(served.sort()).toEqual(golden.sort());
    for (const line of statement.lines)
      expect(Object.values(line.commissioners ?? {}).reduce((s, p) => s + BigInt(p), 0n)).toBe(
        BigInt(line.pence),
      );
    const shares = Object.values(statement.totalsByCommissioner ?? {}).reduce((s, p) => s + BigInt(p), 0n);
    const total = Object.values(statement.totalsByKind).reduce((s, p) => s + BigInt(p), 0n);
    expect(shares).toBe(total);
  });
});

test("Devon's statement as CSV has each commissioner's share beside each line", async () => {
  const response = await service.request('/contracts/demo.devon.PerinatalMentalHealth/statement?format=csv', {
    token: auditor,
  });
  const [header, april] = (await response.text()).split(/\r?\n/);
  expect(header?.endsWith('99Q_share_gbp,99Q_share_pence,99P_share_gbp,99P_share_pence')).toBe(true);
  // £266,666.67 in April: 40% is £106,666.668 and 60% £160,000.002, the spare penny to the 40%.
  expect(april?.endsWith('106666.67,10666667,160000.00,16000000')).toBe(true);
});

test("Hull's statement as XLSX totals each commissioner's share", async () => {
  const response = await service.request(
    '/contracts/demo.hull.AcuteLiaisonMentalHealth/statement?format=xlsx',
    {
      token: auditor,
    },
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  // Each total is in pounds (column 2) and in exact pence (column 3).
  const totals = new Map<string, number>();
  workbook.getWorksheet('Totals')?.eachRow((row) => {
    totals.set(String(row.getCell(1).value), row.getCell(3).value as number);
  });
  const pence = (label: string) => BigInt(totals.get(label) ?? Number.NaN);
  const hull = pence("commissioner 03F's share (£)");
  const eastRiding = pence("commissioner 02Y's share (£)");
  // The shares add up to what is earned, to the penny, and stand 70 to 30 within a penny a line.
  expect(hull + eastRiding).toBe(pence('earned (£)'));
  const drift = hull * 3n - eastRiding * 7n;
  expect(drift < 0n ? -drift : drift).toBeLessThan(10n * 28n);
});
