import { expect, test } from 'vitest';
import { startTestService } from './helpers/test-service.js';

test('stopping cuts a request that is still unfinished when the grace period ends', async () => {
  const service = await startTestService({ env: { SHUTDOWN_GRACE_SECONDS: '1' } });
  const token = await service.token('36J', 'commissioner');
  // A publication whose body never ends: it cannot finish by itself.
  const endless = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"sources": ['));
    },
  });
  const hanging = service
    .request('/contracts', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit)
    .then(
      (response) => `answered ${response.status}`,
      () => 'cut',
    );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  await service.close();
  const seconds = (performance.now() - started) / 1000;
  expect(seconds).toBeGreaterThanOrEqual(0.9);
  expect(seconds).toBeLessThan(5);
  expect(await hanging).toBe('cut');
});

test('stopping with nothing in flight is immediate, whatever the grace period', async () => {
  const service = await startTestService({ env: { SHUTDOWN_GRACE_SECONDS: '30' } });
  // A kept-alive connection, idle after its answer, must not hold the stop.
  expect((await service.request('/health')).status).toBe(200);
  const started = performance.now();
  await service.close();
  expect((performance.now() - started) / 1000).toBeLessThan(2);
});
