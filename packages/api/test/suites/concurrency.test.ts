import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from '../helpers/feeds-contract.js';
import { publishContract, startTestService, type TestService } from '../helpers/test-service.js';

/**
 * Writes at once: eight feeds for eight months and two publishes of the contract, all sent together,
 * five rounds over. Each is stored or refused cleanly (never a 5xx, never unanswered), every stored
 * submission and version has exactly one audit entry, and the audit chain is intact.
 */

const ROUNDS = 5;
const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const TIMEOUT_MS = 30_000;

let service: TestService;
let commissioner: string;
let provider: string;

beforeAll(async () => {
  service = await startTestService({ now: '2027-01-15T09:00:00.000Z' });
  commissioner = await service.token('36J', 'commissioner');
  provider = await service.token('TAD', 'provider');
  await publishContract(service, commissioner, [FEEDS_TEST_CONTRACT]);
}, 60_000);
afterAll(() => service.close());

interface Answer {
  what: string;
  status: number;
  text: string;
}

async function send(
  what: string,
  path: string,
  token: string,
  contentType: string,
  body: string,
): Promise<Answer> {
  try {
    const response = await service.request(path, {
      method: 'POST',
      token,
      headers: { 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { what, status: response.status, text: await response.text() };
  } catch (error) {
    return { what, status: 0, text: String(error) };
  }
}

/** A feed of 300 rows for a month, different in each round. */
function feedFor(month: string, round: number): string {
  return csvOf(
    EPISODE_COLUMNS,
    Array.from({ length: 300 }, (_, i) => episodeRow(round * 10_000 + i, {}, month)),
  );
}

/** The contract retitled, so that each publish is a new version. */
function publishFor(round: number, n: number): string {
  const text = FEEDS_TEST_CONTRACT.text.replace(
    '"Feeds test contract 2026/27"',
    `"Feeds test contract 2026/27, round ${round}, publish ${n}"`,
  );
  const source = { ...FEEDS_TEST_CONTRACT, text };
  return JSON.stringify({ sources: [source], effectiveDate: '2026-04-01' });
}

async function count(sql: string): Promise<number> {
  return Number((await service.services.db.$client.execute(sql)).rows[0]?.n);
}

test(
  `${ROUNDS} rounds of ${MONTHS.length} feeds and 2 publishes at once: each stored or refused cleanly, each audited once`,
  async () => {
    const answers: Answer[] = [];
    const started = performance.now();
    for (let round = 1; round <= ROUNDS; round++) {
      answers.push(
        ...(await Promise.all([
          ...MONTHS.map((month) =>
            send(
              `feed ${month} round ${round}`,
              `/contracts/${FEEDS_TEST_NAME}/feeds/Episodes?period=${month}`,
              provider,
              'text/csv',
              feedFor(month, round),
            ),
          ),
          ...[1, 2].map((n) =>
            send(
              `publish ${n} round ${round}`,
              '/contracts',
              commissioner,
              'application/json',
              publishFor(round, n),
            ),
          ),
        ])),
      );
    }
    const byStatus = new Map<number, number>();
    for (const answer of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    console.log(
      `concurrency: ${ROUNDS} rounds × (${MONTHS.length} feeds + 2 publishes); by status {${[...byStatus].map(([s, n]) => `${s}: ${n}`).join(', ')}}; ${Math.round(performance.now() - started)} ms`,
    );
    const unclean = answers.filter((a) => a.status === 0 || a.status >= 500);
    expect(unclean.map((a) => `${a.what}: ${a.status} ${a.text.slice(0, 300)}`)).toEqual([]);

    // What was stored is exactly what was answered 201.
    const feedsStored = answers.filter((a) => a.what.startsWith('feed') && a.status === 201).length;
    const versionsStored = answers.filter((a) => a.what.startsWith('publish') && a.status === 201).length;
    expect(await count('SELECT count(*) AS n FROM submissions')).toBe(feedsStored);
    expect(await count('SELECT count(*) AS n FROM contract_versions')).toBe(1 + versionsStored);

    // Every submission and every version has exactly one entry saying so.
    const unaudited = await service.services.db.$client.execute(`
      SELECT s.id, (SELECT count(*) FROM audit_log a WHERE a.action = 'submit-feed' AND a.outcome = 'ok'
        AND json_extract(a.detail, '$.submission') = s.id) AS entries
      FROM submissions s WHERE entries != 1`);
    expect(unaudited.rows).toEqual([]);
    const unauditedVersions = await service.services.db.$client.execute(`
      SELECT v.version, (SELECT count(*) FROM audit_log a WHERE a.action = 'publish' AND a.outcome = 'ok'
        AND a.subject = v.contract_name AND json_extract(a.detail, '$.version') = v.version
        AND json_extract(a.detail, '$.created') = 1) AS entries
      FROM contract_versions v WHERE entries != 1`);
    expect(unauditedVersions.rows).toEqual([]);

    const verify = await service.request('/audit/verify', { token: await service.token('36J', 'auditor') });
    expect(verify.status).toBe(200);
    expect(((await verify.json()) as { intact: boolean }).intact).toBe(true);
  },
  5 * 60_000,
);
