import { afterAll, beforeAll, expect, test } from 'vitest';
import { FEEDS_TEST_CONTRACT } from './helpers/feeds-contract.js';
import { startTestService, type TestService } from './helpers/test-service.js';

/** A publication names its sources as the library does; any other name is a 400, never a 500. */

let service: TestService;
let commissioner: string;
beforeAll(async () => {
  service = await startTestService();
  commissioner = await service.token('36J', 'commissioner');
});
afterAll(() => service.close());

test.each(['notes', '../../../etc/passwd', '/abs/contract.parity', 'a/../b.parity', 'with space.parity'])(
  'a source named %j is refused with 400, saying what a library path is, and nothing is stored',
  async (path) => {
    const response = await service.request('/contracts', {
      method: 'POST',
      token: commissioner,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sources: [{ path, text: FEEDS_TEST_CONTRACT.text }] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('invalid-request');
    expect(body.message).toContain('a library path of folders and a file name ending .parity');
    const stored = await service.services.db.$client.execute('SELECT count(*) AS n FROM contract_versions');
    expect(Number(stored.rows[0]?.n)).toBe(0);
  },
);
