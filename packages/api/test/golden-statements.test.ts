import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEEDS_DIR } from '../src/demo-feeds.js';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * The demo's served statements against golden statements: `examples/expected/<contract>.csv`,
 * computed from the demo feeds by `examples/expected/compute/` with plain arithmetic that does not
 * import Parity. Every line must match to the penny, as of the demo's day, 2026-12-04.
 */
const EXPECTED_DIR = join(FEEDS_DIR, '..', 'expected');
const MANIFEST = JSON.parse(readFileSync(join(FEEDS_DIR, 'manifest.json'), 'utf8')) as {
  feeds: { contract: string }[];
};
const FED = [...new Set(MANIFEST.feeds.map((f) => f.contract))].sort();
const GOLDEN = readdirSync(EXPECTED_DIR)
  .filter((name) => name.endsWith('.csv'))
  .map((name) => name.slice(0, -'.csv'.length))
  .sort();

interface Line {
  kind: string;
  clause: string;
  period: string;
  provider: string;
  pence: string;
  version?: number;
}

const keyOf = (l: Pick<Line, 'kind' | 'clause' | 'period' | 'provider'>) =>
  `${l.kind} ${l.clause} ${l.period} ${l.provider}`;

function goldenLines(contract: string): Map<string, { pence: string; version: string }> {
  const [header, ...rows] = readFileSync(join(EXPECTED_DIR, `${contract}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(header).toBe('kind,clause,period,provider,version,pence');
  return new Map(
    rows.map((row) => {
      const [kind, clause, period, provider, version, pence] = row.split(',') as string[];
      return [
        keyOf({ kind, clause, period, provider } as Line),
        { pence: pence as string, version: version as string },
      ];
    }),
  );
}

let service: TestService;
let auditor: string;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-12-04T09:00:00.000Z' });
  auditor = await service.token('X26', 'auditor');
}, 120_000);
afterAll(() => service.close());

test('every demo contract with feeds has a golden statement', () => {
  expect(FED.filter((contract) => !GOLDEN.includes(contract))).toEqual([]);
});

describe.each(GOLDEN)('%s', (contract) => {
  test('the served statement equals the golden statement, line by line, to the penny', async () => {
    const response = await service.request(`/contracts/${contract}/statement`, { token: auditor });
    expect(response.status).toBe(200);
    const statement = (await response.json()) as { lines: Line[] };
    const served = new Map(
      statement.lines.map((l) => [keyOf(l), { pence: l.pence, version: String(l.version ?? 1) }]),
    );
    expect(Object.fromEntries([...served].sort())).toEqual(
      Object.fromEntries([...goldenLines(contract)].sort()),
    );
  });

  test('the position shows the same lines', async () => {
    const response = await service.request(`/contracts/${contract}/position`, { token: auditor });
    expect(response.status).toBe(200);
    const position = (await response.json()) as { lines: Line[] };
    const served = Object.fromEntries(position.lines.map((l) => [keyOf(l), l.pence]).sort());
    const golden = Object.fromEntries([...goldenLines(contract)].map(([key, g]) => [key, g.pence]).sort());
    expect(served).toEqual(golden);
  });
});

/**
 * The year-end close: the capitated demo after the year, as of 2027-05-31, with the rest of the
 * year (examples/feeds/year-end, November to March) sent over HTTP by each provider (the ledger by the ICB). Every month
 * is in, so the outturn meets the whole budget and every line is final.
 */
test('the second year of a two-year term equals its golden statement', async () => {
  const contract = 'demo.westlondon.SecureUnitsPrimaryCare';
  const response = await service.request(`/contracts/${contract}/statement?year=2027/28`, { token: auditor });
  expect(response.status).toBe(200);
  const statement = (await response.json()) as { year: string; lines: Line[] };
  expect(statement.year).toBe('2027/28');
  const served = new Map(
    statement.lines.map((l) => [keyOf(l), { pence: l.pence, version: String(l.version ?? 1) }]),
  );
  expect(Object.fromEntries([...served].sort())).toEqual(
    Object.fromEntries([...goldenLines(`year-2/${contract}`)].sort()),
  );
});

test('after the year, seven months of ledger stay provisional and say which months are to come', async () => {
  const response = await service.request(
    '/contracts/demo.bradford_capitated.BradfordIntegratedCare/statement?asOf=2027-05-31',
    { token: auditor },
  );
  const statement = (await response.json()) as {
    lines: { kind: string; provisional: boolean; explanation: string }[];
  };
  const shares = statement.lines.filter((l) => l.kind === 'risk-share');
  expect(shares.length).toBe(6);
  expect(shares.every((l) => l.provisional)).toBe(true);
  expect(shares[0]?.explanation).toContain('months to come: 2026-11 to 2027-03');
});

describe('the capitated risk share at the year-end close', () => {
  const YEAR_END = join(FEEDS_DIR, 'year-end');
  const contract = 'demo.bradford_capitated.BradfordIntegratedCare';
  let closing: TestService;

  beforeAll(async () => {
    closing = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2027-05-31T09:00:00.000Z' });
    const { feeds } = JSON.parse(readFileSync(join(YEAR_END, 'manifest.json'), 'utf8')) as {
      feeds: { contract: string; source: string; period: string; provider: string; file: string }[];
    };
    // The ICB keeps the ledger, so it sends the spend lines for each provider (`submitted by
    // commissioner`); every other feed is sent by its provider.
    const commissioner = await closing.token('36J', 'commissioner');
    for (const feed of feeds) {
      const ledger = feed.source === 'SpendLines';
      const token = ledger ? commissioner : await closing.token(feed.provider, 'provider');
      const json = feed.file.endsWith('.json');
      const response = await closing.request(
        `/contracts/${feed.contract}/feeds/${feed.source}?period=${feed.period}&provider=${feed.provider}`,
        {
          method: 'POST',
          token,
          headers: { 'content-type': json ? 'application/json' : 'text/csv' },
          body: readFileSync(join(YEAR_END, feed.file)),
        },
      );
      expect(response.status, `${feed.file}: ${await response.clone().text()}`).toBe(201);
    }
  }, 120_000);
  afterAll(() => closing.close());

  test('as of 2027-05-31 the statement equals the golden year-end statement, and is final', async () => {
    const auditorToken = await closing.token('X26', 'auditor');
    const response = await closing.request(`/contracts/${contract}/statement?asOf=2027-05-31`, {
      token: auditorToken,
    });
    expect(response.status).toBe(200);
    const statement = (await response.json()) as {
      provisional: boolean;
      lines: (Line & { provisional: boolean })[];
    };
    const served = new Map(
      statement.lines.map((l) => [keyOf(l), { pence: l.pence, version: String(l.version ?? 1) }]),
    );
    const golden = goldenLines(`year-end/${contract}`);
    expect(Object.fromEntries([...served].sort())).toEqual(Object.fromEntries([...golden].sort()));
    expect(statement.lines.filter((l) => l.provisional).map(keyOf)).toEqual([]);
    expect(statement.provisional).toBe(false);
  });
});
