import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * The statement downloads finance opens: the XLSX has typed cells (numbers with a £ format, a
 * percentage, a date), a frozen header and an earned-total row of formulas with their results; the
 * CSV says the same in text. Demo data, as of the demo's day.
 */

interface Line {
  kind: string;
  period: string;
  pence: string;
  attainment?: string;
  provisional: boolean;
}
interface StatementJson {
  asOf: string;
  earnedPence: string;
  lines: Line[];
}

let service: TestService;
let auditor: string;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-12-04T09:00:00.000Z' });
  auditor = await service.token('X26', 'auditor');
}, 120_000);
afterAll(() => service.close());

async function statementJson(contract: string): Promise<StatementJson> {
  const response = await service.request(`/contracts/${contract}/statement`, { token: auditor });
  expect(response.status).toBe(200);
  return (await response.json()) as StatementJson;
}

/** The payment lines sheet of the contract's XLSX statement, with its header. */
async function linesSheet(contract: string) {
  const response = await service.request(`/contracts/${contract}/statement?format=xlsx`, { token: auditor });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet('Payment lines');
  if (!sheet) throw new Error('no Payment lines sheet');
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const column = (name: string) => {
    const index = header.indexOf(name);
    expect(index).toBeGreaterThanOrEqual(0);
    return index + 1;
  };
  return { workbook, sheet, column };
}

describe("Bradford's SMI CQUIN statement as XLSX", () => {
  const contract = 'demo.bradford.SmiPhysicalHealthCquin';

  test('holds every amount as a number of pounds with a £ format, adding up to what was earned', async () => {
    const json = await statementJson(contract);
    const { sheet, column } = await linesSheet(contract);
    const gbp = column('amount_gbp');
    const pence = column('amount_pence');
    let totalPence = 0n;
    json.lines.forEach((line, i) => {
      const row = sheet.getRow(i + 2);
      const amount = row.getCell(gbp);
      expect(typeof amount.value).toBe('number');
      expect(amount.numFmt).toContain('£');
      // Pounds are for reading; pence stay exact beside them.
      expect(Math.round((amount.value as number) * 100)).toBe(Number(line.pence));
      expect(row.getCell(pence).value).toBe(Number(line.pence));
      totalPence += BigInt(Math.round((amount.value as number) * 100));
    });
    // Every line of this contract is earned money (blocks and CQUIN), so all of them add up to it.
    expect(new Set(json.lines.map((l) => l.kind))).toEqual(new Set(['block', 'cquin']));
    expect(totalPence).toBe(BigInt(json.earnedPence));
  });

  test('freezes the header, sets column widths, and writes the as-of date as a date', async () => {
    const { sheet, column } = await linesSheet(contract);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(column('explanation')).width).toBeGreaterThan(40);
    expect(sheet.getColumn(column('amount_gbp')).width).toBeGreaterThan(10);
    const asOf = sheet.getRow(2).getCell(column('as_of'));
    expect(asOf.value).toEqual(new Date('2026-12-04T00:00:00.000Z'));
    expect(asOf.numFmt).toBe('yyyy-mm-dd');
  });

  test('writes attainment as a percentage of the same fraction as the JSON', async () => {
    const json = await statementJson(contract);
    const { sheet, column } = await linesSheet(contract);
    const cquin = json.lines.findIndex((l) => l.kind === 'cquin' && l.attainment !== undefined);
    expect(cquin).toBeGreaterThanOrEqual(0);
    const cell = sheet.getRow(cquin + 2).getCell(column('attainment'));
    expect(cell.value).toBe(Number(json.lines[cquin]?.attainment));
    expect(cell.numFmt).toContain('%');
  });

  test('ends with an earned total: a SUM formula over the lines, its result stored for readers that do not recalculate', async () => {
    const json = await statementJson(contract);
    const { sheet, column } = await linesSheet(contract);
    const last = json.lines.length + 1;
    const totals = sheet.getRow(last + 1);
    expect(totals.getCell(1).value).toBe('earned');
    const gbp = totals.getCell(column('amount_gbp')).value as ExcelJS.CellFormulaValue;
    expect(gbp.formula).toMatch(
      new RegExp(`^SUMPRODUCT\\(SUMIF\\(\\$D\\$2:\\$D\\$${last},\\{.*\\},I2:I${last}\\)\\)$`),
    );
    expect(gbp.result).toBe(Number(json.earnedPence) / 100);
    const pence = totals.getCell(column('amount_pence')).value as ExcelJS.CellFormulaValue;
    expect(pence.formula).toContain(`J2:J${last}`);
    expect(pence.result).toBe(Number(json.earnedPence));
    expect(totals.getCell(column('amount_gbp')).numFmt).toContain('£');
  });
});

test("the Pennine prime's earned total adds the block and withhold lines, not the memoranda of what flows down", async () => {
  const contract = 'demo.pennine.PainPathwayPrime';
  const json = await statementJson(contract);
  const { sheet, column } = await linesSheet(contract);
  const last = json.lines.length + 1;
  const formula = sheet.getRow(last + 1).getCell(column('amount_pence')).value as ExcelJS.CellFormulaValue;
  // What the formula computes, worked in the test: the amounts of the rows whose kind it lists.
  const listed = [...(formula.formula.match(/\{(.*)\}/)?.[1] ?? '').matchAll(/"([a-z-]+)"/g)].map(
    (m) => m[1],
  );
  expect(listed).toEqual(expect.arrayContaining(['block', 'withhold']));
  expect(listed).not.toContain('flows-down');
  expect(listed).not.toContain('kept');
  let computed = 0;
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r);
    if (listed.includes(String(row.getCell(column('kind')).value)))
      computed += row.getCell(column('amount_pence')).value as number;
  }
  const byHand = json.lines
    .filter((l) => l.kind === 'block' || l.kind === 'withhold')
    .reduce((sum, l) => sum + Number(l.pence), 0);
  expect(json.lines.some((l) => l.kind === 'flows-down')).toBe(true);
  expect(byHand).toBe(Number(json.earnedPence));
  expect(computed).toBe(byHand);
  expect(formula.result).toBe(byHand);
});

test('the CSV writes provisional as true or false, as the XLSX does', async () => {
  const contract = 'demo.bradford.SmiPhysicalHealthCquin';
  const json = await statementJson(contract);
  const response = await service.request(`/contracts/${contract}/statement?format=csv`, { token: auditor });
  const [header, ...rows] = (await response.text()).trim().split(/\r?\n/);
  const at = header?.split(',').indexOf('provisional') ?? -1;
  expect(at).toBe(12);
  // The columns up to provisional hold no commas or quotes, so a split reads them.
  const csv = rows.map((row) => row.split(',')[at]);
  expect(csv).toEqual(json.lines.map((l) => String(l.provisional)));
  expect(new Set(csv)).toEqual(new Set(['true', 'false']));
  const { sheet, column } = await linesSheet(contract);
  const xlsx = json.lines.map((_, i) => sheet.getRow(i + 2).getCell(column('provisional')).value);
  expect(xlsx.map(String)).toEqual(csv);
});
