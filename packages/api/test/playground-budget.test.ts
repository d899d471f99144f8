import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateContract } from '../../../bench/generate-contract.mjs';
import { ApiError } from '../src/errors.js';
import { PlaygroundEvaluator } from '../src/playground/evaluator.js';
import { FEEDS_TEST_CONTRACT } from './helpers/feeds-contract.js';
import { contractSource, startTestService, type TestService } from './helpers/test-service.js';

/**
 * The playground, which anyone may use, within a budget: a contract heavy enough to take a minute
 * is refused within the budget while the service goes on answering; odd file names and chains of
 * thousands of operators are refused with a message; its evaluations count in a rate-limit bucket
 * of their own.
 */

let service: TestService;
const SMI = 'demo/bradford-smi-cquin.parity';
const FEED = 'demo.bradford.SmiPhysicalHealthCquin';

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true', MAX_CONTRACT_BYTES: '3000000' } });
}, 120_000);
afterAll(() => service.close());

const evaluate = (body: unknown) =>
  service.request('/playground/evaluate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the playground within its budget', () => {
  test('evaluates a demo contract as before', async () => {
    const { text } = await contractSource(SMI);
    const response = await evaluate({ file: SMI, source: text, feed: FEED });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ contract: FEED, feed: FEED });
  }, 60_000);

  test('refuses a contract of 4,000 measures within its budget, while /health answers within a second', async () => {
    const source = generateContract(4000 * 14);
    expect(source.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    let done = false;
    const heavy = evaluate({ file: 'generated/heavy.parity', source, feed: FEED }).finally(() => {
      done = true;
    });
    const health: number[] = [];
    while (!done) {
      const asked = performance.now();
      const response = await service.request('/health');
      expect(response.status).toBe(200);
      health.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const response = await heavy;
    const elapsed = performance.now() - started;
    const body = (await response.json()) as { message: string };
    expect([413, 422]).toContain(response.status);
    expect(body.message).toMatch(/4000 measures|longer than the 20 s|MiB/);
    expect(elapsed).toBeLessThan(30_000);
    expect(health.length).toBeGreaterThan(3);
    expect(Math.max(...health)).toBeLessThan(1000);
  }, 120_000);

  test('refuses odd file names with a 400 that says what a file name must be', async () => {
    const { text } = await contractSource(SMI);
    for (const file of [
      'notes',
      '../../../etc/passwd',
      '/etc/passwd.parity',
      'demo/../x.parity',
      'a\\b.parity',
    ]) {
      const response = await evaluate({ file, source: text, feed: FEED });
      expect(response.status, file).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/library path/);
    }
  });

  test('refuses a condition of 15,000 terms with a diagnostic, not a server error', async () => {
    const chain = Array.from({ length: 15_000 }, (_, i) => `age = ${i}`).join(' or ');
    const source = FEEDS_TEST_CONTRACT.text.replace('denominator setting = "ED"', `denominator ${chain}`);
    const response = await evaluate({ file: FEEDS_TEST_CONTRACT.path, source, feed: FEED });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { details: { message: string; line: number }[] };
    expect(body.details.map((d) => d.message)).toContainEqual(
      expect.stringContaining('chains more operators than can be read'),
    );
  }, 60_000);
});

describe('the playground evaluator', () => {
  test('terminates an evaluation past its time and refuses it, then evaluates the next', async () => {
    const evaluator = new PlaygroundEvaluator({ ms: 4000, memoryMb: 512, waiting: 4 });
    const source = generateContract(4000 * 14);
    const started = performance.now();
    const check = evaluator.run((ask) => ask({ kind: 'check', file: 'g/heavy.parity', source, feed: FEED }));
    await expect(check).rejects.toThrow(/took longer than the 4 s the playground allows/);
    await expect(check).rejects.toBeInstanceOf(ApiError);
    expect(performance.now() - started).toBeLessThan(120_000);
    const { text } = await contractSource(SMI);
    const answer = await evaluator.run((ask) => ask({ kind: 'check', file: SMI, source: text, feed: FEED }));
    expect(answer).toMatchObject({ kind: 'checked', errors: [], contracts: [FEED] });
  }, 240_000);

  test('refuses at once an evaluation past those allowed to wait', async () => {
    const evaluator = new PlaygroundEvaluator({ ms: 60_000, memoryMb: 512, waiting: 0 });
    const { text } = await contractSource(SMI);
    const first = evaluator.run((ask) => ask({ kind: 'check', file: SMI, source: text, feed: FEED }));
    const second = evaluator.run((ask) => ask({ kind: 'check', file: SMI, source: text, feed: FEED }));
    await expect(second).rejects.toThrow(/busy/);
    expect(await first).toMatchObject({ kind: 'checked' });
  }, 120_000);
});

describe('the playground rate limit', () => {
  let limited: TestService;
  beforeAll(async () => {
    limited = await startTestService({ env: { RATE_LIMIT_PER_MINUTE: '20' } });
  }, 120_000);
  afterAll(() => limited.close());

  test('counts evaluations in a bucket of their own, so they never use up the allowance for /health', async () => {
    for (let i = 0; i < 30; i++) {
      const response = await limited.request('/playground/evaluate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ file: 'notes', source: '', feed: FEED }),
      });
      expect(response.status).not.toBe(429);
    }
    expect((await limited.request('/health')).status).toBe(200);
  });
});
