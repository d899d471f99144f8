import { type ContractModel, evaluateInContext } from '@parity/engine';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { modelOf, versionInForce } from '../src/contracts/store.js';
import { loadObservations } from '../src/feeds/load.js';
import { csvOf, FEEDS_TEST_CONTRACT, FEEDS_TEST_NAME } from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * A provider sends its care plan reviews month by month, then corrects June. The CQUIN (2% of
 * £1,000,000 = £20,000 a year, £5,000 a quarter) pays linearly from 50% to 90% reviewed:
 *   as first sent, Q1 = (30 + 30 + 30) / 150 = 60%  -> (60 - 50) / 40 = 0.25 -> £1,250
 *   with June corrected to 45/50, Q1 = 105 / 150 = 70% -> 0.5 -> £2,500
 * The caseload snapshot for June is corrected too: 3 smokers of 10, then 5 of 10.
 */
let service: TestService;
let model: ContractModel;
const submitted: Record<string, string> = {};

const RETURN_COLUMNS = ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'];
const reviews = (month: string, numerator: number) =>
  csvOf(RETURN_COLUMNS, [['CarePlansReviewed', month, String(numerator), '50', '', '']]);
const caseload = (smokers: number) =>
  csvOf(
    ['person', 'registered_on', 'smoker'],
    Array.from({ length: 10 }, (_, i) => [`P${i}`, '2025-01-01', i < smokers ? 'yes' : 'no']),
  );

beforeAll(async () => {
  service = await startTestService({ now: '2026-04-01T08:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  const tad = await service.token('TAD', 'provider');
  const send = async (at: string, source: string, period: string, body: string) => {
    service.clock.set(at);
    const response = await postFeed(service, tad, { contract: FEEDS_TEST_NAME, source, period, body });
    expect(response.status).toBe(201);
    submitted[`${source} ${period} ${at.slice(0, 10)}`] = response.body.id;
  };
  await send('2026-05-05T10:00:00.000Z', 'QualityReturn', '2026-04', reviews('2026-04', 30));
  await send('2026-06-05T10:00:00.000Z', 'QualityReturn', '2026-05', reviews('2026-05', 30));
  await send('2026-07-05T10:00:00.000Z', 'QualityReturn', '2026-06', reviews('2026-06', 30));
  await send('2026-07-05T11:00:00.000Z', 'Caseload', '2026-06', caseload(3));
  await send('2026-07-20T10:00:00.000Z', 'QualityReturn', '2026-06', reviews('2026-06', 45));
  await send('2026-07-20T11:00:00.000Z', 'Caseload', '2026-06', caseload(5));
  service.clock.set('2026-08-01T09:00:00.000Z');
  const version = await versionInForce(service.services.db, FEEDS_TEST_NAME, '2026-08-01');
  model = await modelOf(service.services.db, version?.id ?? 0);
});
afterAll(() => service.close());

async function statementAsOf(asOf: string) {
  const finance = await service.token('36J', 'finance');
  const response = await service.request(`/contracts/${FEEDS_TEST_NAME}/statement?asOf=${asOf}`, {
    token: finance,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    lines: { clause: string; period: string; pence: string; provider: string }[];
    submissions: string[];
  };
}

const q1Reviews = (statement: Awaited<ReturnType<typeof statementAsOf>>) =>
  statement.lines.find((l) => l.clause === 'Reviews' && l.period === '2026/27 Q1')?.pence;

/** What the engine makes of the same figures given in memory, as a check on the service's answer. */
async function engineQ1(juneNumerator: number, asOf: string): Promise<string | undefined> {
  const aggregates = [30, 30, juneNumerator].map((numerator, i) => ({
    measure: 'test.feeds.CarePlansReviewed',
    provider: 'TAD',
    period: `2026-0${4 + i}`,
    numerator: String(numerator),
    denominator: '50',
  }));
  const { result } = await evaluateInContext(model, { aggregates }, { asOf });
  return result.lines.find((l) => l.clause === 'Reviews' && l.period === '2026/27 Q1')?.pence.toString();
}

test('a statement as of a date before the correction shows the figures first sent', async () => {
  const statement = await statementAsOf('2026-07-10');
  expect(q1Reviews(statement)).toBe('125000');
  expect(q1Reviews(statement)).toBe(await engineQ1(30, '2026-07-10'));
  expect(statement.submissions).toEqual(
    [
      submitted['QualityReturn 2026-04 2026-05-05'],
      submitted['QualityReturn 2026-05 2026-06-05'],
      submitted['QualityReturn 2026-06 2026-07-05'],
      submitted['Caseload 2026-06 2026-07-05'],
    ].sort(),
  );
});

test('a statement as of the day of the correction, or later, shows the corrected figures', async () => {
  for (const asOf of ['2026-07-20', '2026-07-31']) {
    const statement = await statementAsOf(asOf);
    expect(q1Reviews(statement)).toBe('250000');
    expect(q1Reviews(statement)).toBe(await engineQ1(45, asOf));
    expect(statement.submissions).not.toContain(submitted['QualityReturn 2026-06 2026-07-05']);
    expect(statement.submissions).toContain(submitted['QualityReturn 2026-06 2026-07-20']);
  }
});

test('a statement as of a date before any feed has no CQUIN earned', async () => {
  const statement = await statementAsOf('2026-05-01');
  expect(q1Reviews(statement) ?? '0').toBe('0');
  expect(statement.submissions).toEqual([]);
});

test('a position reads the corrected snapshot rows only from the day they were sent', async () => {
  const tad = await service.token('TAD', 'provider');
  const smokersInJune = async (asOf: string) => {
    const response = await service.request(`/contracts/${FEEDS_TEST_NAME}/position?asOf=${asOf}`, {
      token: tad,
    });
    expect(response.status).toBe(200);
    const { measures } = (await response.json()) as {
      measures: { measure: string; period: string; view: string; numerator?: string; denominator?: string }[];
    };
    const june = measures.find(
      (m) => m.measure === 'test.feeds.SmokersOnCaseload' && m.view === 'month' && m.period === '2026-06',
    );
    return [june?.numerator, june?.denominator];
  };
  expect(await smokersInJune('2026-07-10')).toEqual(['3', '10']);
  expect(await smokersInJune('2026-07-25')).toEqual(['5', '10']);
});

test('loads record rows lazily, typed, and afresh each time they are read', async () => {
  const { observations, submissionIds } = await loadObservations(
    service.services.db,
    FEEDS_TEST_NAME,
    model,
    '2026-07-25',
  );
  expect(submissionIds).toEqual([...submissionIds].sort());
  const rows = observations.records?.['test.feeds.Caseload'] as AsyncIterable<Record<string, unknown>>;
  const read = async () => {
    const all: Record<string, unknown>[] = [];
    for await (const row of rows) all.push(row);
    return all;
  };
  const first = await read();
  expect(first).toHaveLength(10);
  expect(first[0]).toEqual({
    provider: 'TAD',
    month: '2026-06',
    person: 'P0',
    registered_on: '2025-01-01',
    smoker: true,
  });
  expect(await read()).toEqual(first);
  expect(observations.aggregates?.map((a) => [a.period, a.numerator, a.submittedAt])).toEqual([
    ['2026-04', '30', '2026-05-05'],
    ['2026-05', '30', '2026-06-05'],
    ['2026-06', '45', '2026-07-20'],
  ]);
});
