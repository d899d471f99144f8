import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

// The steps of examples/requests.http, in order, against the real server.
const EXAMPLES = join(import.meta.dirname, '../../../examples');

let service: TestService;
let commissioner: string;
let provider: string;
let finance: string;
let contract: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-07-20T09:00:00.000Z' });
  commissioner = await service.token('36J', 'commissioner');
  provider = await service.token('TAD', 'provider');
  finance = await service.token('36J', 'finance');
  contract = await readFile(join(EXAMPLES, 'walkthrough/smoking-cquin.parity'), 'utf8');
});

afterAll(async () => {
  await service?.close();
});

const publish = (text: string) =>
  service.request('/contracts', {
    method: 'POST',
    token: commissioner,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sources: [{ path: 'walkthrough/smoking-cquin.parity', text }],
      effectiveDate: '2026-04-01',
    }),
  });

describe('the walkthrough a new user follows', () => {
  test('publishing a contract with a mistake is refused with diagnostics at the right place', async () => {
    const response = await publish(contract.replace('weight 100%', 'weight 90%'));
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      code: string;
      details: {
        diagnostics: { file: string; line: number; column: number; code: string; message: string }[];
      };
    };
    expect(body.code).toBe('invalid-contract');
    expect(body.details.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'walkthrough/smoking-cquin.parity',
        line: 28,
        column: 9,
        code: 'weights-not-100',
      }),
    );
  });

  test('publishes the contract as version 1, and the same source again is the same version', async () => {
    const first = await publish(contract);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ contract: 'walkthrough.SmokingCquin', version: 1 });
    const again = await publish(contract);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: 1 });
  });

  test("the provider submits its quarter's monthly returns as itself, each in its month's feed", async () => {
    for (const period of ['2026-04', '2026-05', '2026-06']) {
      const csv = await readFile(join(EXAMPLES, `walkthrough/smoking-${period}.csv`));
      const response = await service.request(
        `/contracts/walkthrough.SmokingCquin/feeds/SmokingReturn?period=${period}`,
        {
          method: 'POST',
          token: provider,
          headers: { 'content-type': 'text/csv' },
          body: csv,
        },
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ provider: 'TAD', period, rows: 1 });
    }
  });

  test('the same quarter sent as one extract is split into its three months, one submission each', async () => {
    const send = async () => {
      const response = await service.request('/contracts/walkthrough.SmokingCquin/extracts/SmokingReturn', {
        method: 'POST',
        token: provider,
        headers: { 'content-type': 'text/csv' },
        body: await readFile(join(EXAMPLES, 'walkthrough/smoking-q1-extract.csv')),
      });
      const body = (await response.json()) as {
        submissions: { provider: string; period: string; rows: number }[];
      };
      return { status: response.status, parts: body.submissions.map((s) => [s.provider, s.period, s.rows]) };
    };
    const parts = [
      ['TAD', '2026-04', 1],
      ['TAD', '2026-05', 1],
      ['TAD', '2026-06', 1],
    ];
    expect(await send()).toEqual({ status: 201, parts });
    expect(await send()).toEqual({ status: 200, parts });
  });

  test("the provider's position shows Q1 at 60% earning £12,500, as the contract's own test says", async () => {
    const response = await service.request('/contracts/walkthrough.SmokingCquin/position', {
      token: provider,
    });
    expect(response.status).toBe(200);
    const position = (await response.json()) as {
      measures: { view: string; period: string; value?: string; numerator?: string; denominator?: string }[];
      lines: { period: string; pence: string; explanation: string }[];
    };
    expect(position.measures.find((m) => m.view === 'quarter' && m.period === '2026/27 Q1')).toMatchObject({
      value: '0.600000',
      numerator: '180',
      denominator: '300',
    });
    const q1 = position.lines.find((l) => l.period === '2026/27 Q1');
    expect(q1?.pence).toBe('1250000');
    expect(q1?.explanation).toBe(
      'Indicator Offered, 2026/27 Q1: 60.0% (180 of 300); linear 40%→80% gives attainment 0.5 × £25,000.00 = £12,500.00',
    );
  });

  test('finance reads the statement as JSON, CSV and XLSX with the same figure', async () => {
    const json = (await (
      await service.request('/contracts/walkthrough.SmokingCquin/statement', { token: finance })
    ).json()) as { earnedPence: string; lines: { trace: { location: { file: string } } }[] };
    expect(json.earnedPence).toBe('1250000');
    expect(json.lines[0]?.trace.location.file).toBe('walkthrough/smoking-cquin.parity');
    const csv = await (
      await service.request('/contracts/walkthrough.SmokingCquin/statement?format=csv', { token: finance })
    ).text();
    expect(csv.split('\n')[0]).toBe(
      'contract,version,as_of,kind,clause,scheme,provider,period,amount_gbp,amount_pence,status,attainment,provisional,explanation',
    );
    expect(csv).toContain(
      'walkthrough.SmokingCquin,1,2026-07-20,cquin,Offered,Smoking,TAD,2026/27 Q1,12500.00,1250000,partly-earned',
    );
    const xlsx = await service.request('/contracts/walkthrough.SmokingCquin/statement?format=xlsx', {
      token: finance,
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Payment lines');
    const q1 = sheet?.getRows(2, sheet.rowCount - 1)?.find((row) => row.getCell(8).value === '2026/27 Q1');
    expect(q1?.getCell(9).value).toBe(12500);
    expect(q1?.getCell(10).value).toBe(1250000);
  });

  test('as of a date before publication, nothing was known', async () => {
    const response = await service.request('/contracts/walkthrough.SmokingCquin/statement?asOf=2026-01-01', {
      token: finance,
    });
    expect(response.status).toBe(404);
  });
});
