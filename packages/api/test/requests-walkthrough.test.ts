import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROLES, type Role } from '../src/auth/tokens.js';
import { type RestFile, type RestRequest, readRestFile, substitute } from './helpers/rest-client-file.js';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * examples/requests.http, the walkthrough a new user sends from their editor, run request by
 * request in order against the real service (on a day after the quarter the walkthrough sends), with
 * a token made for each token placeholder the file asks to be pasted. The demo contracts are not
 * loaded: the walkthrough publishes its own.
 */
const EXAMPLES = join(import.meta.dirname, '../../../examples');
/** A placeholder the file asks to be replaced by a token, naming the role and organisation. */
const PLACEHOLDER = /^paste-the-([a-z]+)-token-([A-Z0-9]+)$/;

let service: TestService;
let file: RestFile;

beforeAll(async () => {
  service = await startTestService({ now: '2026-07-20T09:00:00.000Z' });
  file = await readRestFile(join(EXAMPLES, 'requests.http'));
});
afterAll(() => service.close());

/** The status a request's comment documents (`answers 404`), or undefined for any 2xx. */
const documentedStatus = (request: RestRequest) =>
  request.comments.map((c) => /\banswers (\d{3})\b/.exec(c)?.[1]).find(Boolean);

/** The file's variables with the service's address and a real token for each placeholder. */
async function variablesForService(): Promise<Map<string, string>> {
  const variables = new Map(file.variables);
  variables.set('base', service.url);
  for (const [name, value] of file.variables) {
    const placeholder = PLACEHOLDER.exec(value);
    if (!value.startsWith('paste-')) continue;
    if (!placeholder || !ROLES.includes(placeholder[1] as Role))
      throw new Error(`@${name} = ${value} does not name a role and an organisation`);
    variables.set(name, await service.token(placeholder[2] as string, placeholder[1] as Role));
  }
  return variables;
}

async function send(request: RestRequest, variables: ReadonlyMap<string, string>): Promise<Response> {
  const headers = new Headers(request.headers.map(([k, v]) => [k, substitute(v, variables)]));
  const body = !request.body
    ? undefined
    : 'file' in request.body
      ? await readFile(request.body.file)
      : substitute(request.body.text, variables);
  return fetch(substitute(request.url, variables), { method: request.method, headers, body });
}

test('the walkthrough has its requests, each with a method, an address and its tokens', () => {
  expect(file.requests.length).toBeGreaterThanOrEqual(14);
  expect([...file.variables.keys()]).toEqual(['base', 'commissioner', 'provider', 'finance', 'auditor']);
  for (const request of file.requests) expect(request.url.startsWith('{{base}}/')).toBe(true);
  expect(file.requests.filter((r) => documentedStatus(r) !== undefined).map((r) => r.url)).toEqual([
    '{{base}}/contracts/walkthrough.SmokingCquin/statement?asOf=2026-01-01',
  ]);
});

test('the contract the walkthrough publishes is examples/walkthrough/smoking-cquin.parity as it stands', async () => {
  const publish = file.requests.find((r) => r.method === 'POST' && r.url === '{{base}}/contracts');
  const body = publish?.body && 'text' in publish.body ? JSON.parse(publish.body.text) : undefined;
  expect(body?.sources?.[0]?.text).toBe(
    await readFile(join(EXAMPLES, 'walkthrough/smoking-cquin.parity'), 'utf8'),
  );
});

test('every request of examples/requests.http answers as the file says, in order', async () => {
  const variables = await variablesForService();
  const answered: { request: string; status: number }[] = [];
  const documented: { request: string; status: number }[] = [];
  const downloads: string[] = [];
  for (const request of file.requests) {
    const response = await send(request, variables);
    const line = `${request.method} ${request.url} (${request.name})`;
    // Anything in the 2xx range is as the file says, unless it names another status.
    const expected = Number(documentedStatus(request) ?? 0);
    const status = expected === 0 && response.status >= 200 && response.status < 300 ? 200 : response.status;
    answered.push({ request: line, status });
    documented.push({ request: line, status: expected || 200 });
    const download = /format=(csv|xlsx)/.exec(request.url)?.[1];
    if (download) downloads.push(`${download}: ${response.headers.get('content-type')}`);
    await response.arrayBuffer();
  }
  expect(answered).toEqual(documented);
  // The statement downloads are the files themselves, not an error in JSON.
  expect(downloads).toEqual([
    'csv: text/csv; charset=utf-8',
    'xlsx: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ]);
});
