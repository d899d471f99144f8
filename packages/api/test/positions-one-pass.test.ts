import { Position, type RecordRow, Statement } from '@parity/engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ObservationLoader } from '../src/services.js';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Bradford District Care (TAD) sends its quality returns for April to June and an episodes
 * extract; Bradford Teaching Hospitals (RAE) its staffed hours. The CQUIN is 2% of £1,000,000 =
 * £20,000 a year, £5,000 a quarter, linear from 50% to 90% reviewed:
 *   Q1 = (30 + 40 + 35) / 150 = 70%  ->  (70 - 50) / (90 - 50) = 0.5  ->  £2,500.00
 */
const Q1_PENCE = String((5_000 * 100 * (70 - 50)) / (90 - 50));

let service: TestService;
const reads = { loads: 0, recordPasses: 0 };

/** Counts each read of the observations, and each pass over a dataset's rows. */
function countingLoader(load: ObservationLoader): ObservationLoader {
  return async (...args) => {
    reads.loads++;
    const loaded = await load(...args);
    const records = Object.fromEntries(
      Object.entries(loaded.observations.records ?? {}).map(([name, rows]) => [
        name,
        {
          [Symbol.asyncIterator]() {
            reads.recordPasses++;
            return (rows as AsyncIterable<RecordRow>)[Symbol.asyncIterator]();
          },
        },
      ]),
    );
    return { ...loaded, observations: { ...loaded.observations, records } };
  };
}

beforeAll(async () => {
  service = await startTestService({ now: '2026-04-01T08:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  const tad = await service.token('TAD', 'provider');
  const rae = await service.token('RAE', 'provider');
  const returns = ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'];
  const send = async (token: string, at: string, source: string, period: string, body: string) => {
    service.clock.set(at);
    const response = await postFeed(service, token, { contract: FEEDS_TEST_NAME, source, period, body });
    expect(response.status).toBe(201);
  };
  for (const [month, reviewed] of [
    ['2026-04', '30'],
    ['2026-05', '40'],
    ['2026-06', '35'],
  ] as const) {
    const sent = `${month === '2026-06' ? '2026-07' : `2026-0${Number(month.slice(5)) + 1}`}-05T10:00:00.000Z`;
    await send(
      tad,
      sent,
      'QualityReturn',
      month,
      csvOf(returns, [['CarePlansReviewed', month, reviewed, '50', '', '']]),
    );
    await send(
      rae,
      sent,
      'QualityReturn',
      month,
      csvOf(returns, [['StaffedHours', month, '', '', '150', '']]),
    );
  }
  const episodes = Array.from({ length: 30 }, (_, n) => episodeRow(n));
  await send(tad, '2026-06-05T11:00:00.000Z', 'Episodes', '2026-05', csvOf(EPISODE_COLUMNS, episodes));
  service.clock.set('2026-07-15T09:00:00.000Z');
  service.services.observations = countingLoader(service.services.observations);
});
afterAll(() => service.close());

async function read(path: string, organisation: string, role: 'finance' | 'commissioner' | 'provider') {
  const response = await service.request(path, { token: await service.token(organisation, role) });
  expect(response.status).toBe(200);
  return response.json();
}

describe('a position request', () => {
  test('reads the observations once and passes over each dataset once', async () => {
    const before = { ...reads };
    await read(`/contracts/${FEEDS_TEST_NAME}/position`, '36J', 'commissioner');
    expect(reads.loads - before.loads).toBe(1);
    expect(reads.recordPasses - before.recordPasses).toBe(1);
  });

  test('answers with a Position that pays Q1 as hand arithmetic says', async () => {
    const position = Position.parse(
      await read(`/contracts/${FEEDS_TEST_NAME}/position`, '36J', 'commissioner'),
    );
    const q1 = position.lines.find((l) => l.kind === 'cquin' && l.period === '2026/27 Q1');
    expect(q1?.pence).toBe(Q1_PENCE);
    expect(q1?.pounds).toBe('2500.00');
  });

  test('cuts a statement and each provider view from the same evaluation', async () => {
    const before = { ...reads };
    const statement = Statement.parse(
      await read(`/contracts/${FEEDS_TEST_NAME}/statement`, '36J', 'finance'),
    );
    await read(`/contracts/${FEEDS_TEST_NAME}/position`, 'TAD', 'provider');
    expect(reads.loads - before.loads).toBe(0);
    expect(statement.totalsByKind.cquin).toBe(Q1_PENCE);
    expect(statement.earnedPence).toBe(Q1_PENCE);
  });

  test("shows a provider its own monitors, not another provider's", async () => {
    const mine = Position.parse(await read(`/contracts/${FEEDS_TEST_NAME}/position`, 'TAD', 'provider'));
    expect(mine.monitors.map((m) => m.measure).sort()).toEqual([
      'test.feeds.AssessedEpisodes',
      'test.feeds.SmokersOnCaseload',
    ]);
    expect(mine.measures.every((m) => m.provider === 'TAD' || m.provider === '*')).toBe(true);
    const all = Position.parse(await read(`/contracts/${FEEDS_TEST_NAME}/position`, '36J', 'commissioner'));
    expect(all.monitors.map((m) => m.measure)).toContain('test.feeds.StaffedHours');
  });

  test('is described by the Position and Statement schemas in the OpenAPI document', async () => {
    const document = (await (await service.request('/openapi.json')).json()) as {
      components: { schemas: Record<string, unknown> };
      paths: Record<
        string,
        { get: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
      >;
    };
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Position', 'Statement']),
    );
    const ok = (path: string) =>
      document.paths[path]?.get.responses['200']?.content?.['application/json']?.schema;
    expect(ok('/contracts/{name}/position')).toEqual({ $ref: '#/components/schemas/Position' });
    expect(ok('/contracts/{name}/statement')).toEqual({ $ref: '#/components/schemas/Statement' });
  });
});
