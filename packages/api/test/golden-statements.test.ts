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
