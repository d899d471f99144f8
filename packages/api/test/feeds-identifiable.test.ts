import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { latestVersion, modelOf, storeVersion } from '../src/contracts/store.js';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import {
  type FeedResponse,
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';

/**
 * A feed that carries patient-identifiable data is refused whole, whatever its dataset declares:
 * by column name, and by value in any text column. The refusal names the row and column and never
 * repeats the value.
 */

async function serviceWithContract(): Promise<{ service: TestService; provider: string }> {
  const service = await startTestService();
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  return { service, provider: await service.token('TAD', 'provider') };
}

function expectRefusedAt(
  response: FeedResponse,
  places: [row: number, column: string, what: string][],
): void {
  expect(response.status).toBe(422);
  expect(response.body.code).toBe('invalid-feed');
  const errors = response.body.details?.errors ?? [];
  expect(errors.map((e) => [e.row, e.column])).toEqual(places.map(([row, column]) => [row, column]));
  for (const [i, [, , what]] of places.entries()) expect(errors[i]?.message).toContain(what);
}

describe('identifiable values', () => {
  let service: TestService;
  let provider: string;
  beforeAll(async () => ({ service, provider } = await serviceWithContract()));
  afterAll(() => service.close());

  const episodes = (body: string, contentType = 'text/csv') =>
    postFeed(service, provider, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body,
      contentType,
    });

  test('refuses a feed whose person column holds a valid NHS number, without quoting it', async () => {
    const before = await storedCounts(service);
    const response = await episodes(
      csvOf(EPISODE_COLUMNS, [episodeRow(1), episodeRow(2, { person: '943 476 5919' }), episodeRow(3)]),
    );
    expectRefusedAt(response, [[2, 'person', 'an NHS number']]);
    expect(response.body.details?.errors[0]?.message).toMatch(/^Row 2, column 'person': /);
    expect(JSON.stringify(response.body)).not.toMatch(/943 ?476 ?5919/);
    expect(await storedCounts(service)).toEqual(before);
  });

  test('refuses an NHS number written without spaces, which the fast path would otherwise copy', async () => {
    const response = await episodes(csvOf(EPISODE_COLUMNS, [episodeRow(1, { person: '9434765919' })]));
    expectRefusedAt(response, [[1, 'person', 'an NHS number']]);
    expect(JSON.stringify(response.body)).not.toContain('9434765919');
  });

  test('refuses a postcode, an email address and a phone number in a free-text column', async () => {
    const before = await storedCounts(service);
    const notes = ['BD9 6RJ', 'jo.bloggs@nhs.net', '07700 900123'];
    const response = await episodes(
      csvOf(EPISODE_COLUMNS, [episodeRow(1), ...notes.map((note, i) => episodeRow(i + 2, { note }))]),
    );
    expectRefusedAt(response, [
      [2, 'note', 'a postcode'],
      [3, 'note', 'an email address'],
      [4, 'note', 'a phone number'],
    ]);
    for (const note of notes) expect(JSON.stringify(response.body)).not.toContain(note);
    expect(await storedCounts(service)).toEqual(before);
  });

  test('refuses an NHS number in a JSON feed as in a CSV one', async () => {
    const row = Object.fromEntries(EPISODE_COLUMNS.map((c, i) => [c, episodeRow(1)[i] ?? '']));
    const response = await episodes(JSON.stringify([{ ...row, person: '9434765919' }]), 'application/json');
    expectRefusedAt(response, [[1, 'person', 'an NHS number']]);
  });
});

describe('identifiable columns', () => {
  let service: TestService;
  let provider: string;
  beforeAll(async () => {
    ({ service, provider } = await serviceWithContract());
    // A model stored before the language refused such fields: its dataset declares first_name.
    const db = service.services.db;
    const published = await latestVersion(db, FEEDS_TEST_NAME);
    const model = await modelOf(db, published?.id ?? -1);
    const renamed = JSON.parse(JSON.stringify(model).replace('"name":"note"', '"name":"first_name"'));
    await storeVersion(db, {
      model: { ...renamed, contentHash: createHash('sha256').update(JSON.stringify(renamed)).digest('hex') },
      sources: [FEEDS_TEST_CONTRACT],
      author: 'test',
      effectiveDate: '2026-04-01',
      now: '2026-04-02T00:00:00.000Z',
      audit: () => ({ actor: 'test', action: 'publish', subject: 'test', outcome: 'ok' }),
    });
    const latest = await modelOf(db, (await latestVersion(db, FEEDS_TEST_NAME))?.id ?? -1);
    expect(latest.datasets.flatMap((d) => d.fields.map((f) => f.name))).toContain('first_name');
  });
  afterAll(() => service.close());

  test('refuses a column the dataset declares when its name identifies a patient', async () => {
    const before = await storedCounts(service);
    const columns = EPISODE_COLUMNS.map((c) => (c === 'note' ? 'first_name' : c));
    const response = await postFeed(service, provider, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body: csvOf(columns, [episodeRow(1, { note: 'Alex' })]),
    });
    expectRefusedAt(response, [[0, 'first_name', 'patient-identifiable']]);
    expect(JSON.stringify(response.body)).not.toContain('Alex');
    expect(await storedCounts(service)).toEqual(before);
  });
});
