import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * A provider sees its own figures only, in every field: each demo contract's position and statement,
 * read with each delivering party's token, are walked whole, and every `provider` anywhere in them
 * is that provider (or `*`, all providers together). The commissioner, reading the same, sees them all.
 */

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-11-20T09:00:00.000Z' });
}, 120_000);
afterAll(() => service.close());

/** Every value of a `provider` key anywhere in a JSON value, with where it was. */
function providersIn(value: unknown, path = '$', found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value))
    for (const [i, item] of value.entries()) providersIn(item, `${path}[${i}]`, found);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (key === 'provider' && typeof item === 'string') found.push([`${path}.provider`, item]);
      providersIn(item, `${path}.${key}`, found);
    }
  return found;
}

test('every provider field of every position and statement a provider reads is its own', async () => {
  const admin = await service.token('QWO', 'auditor');
  const contracts = (await (await service.request('/contracts', { token: admin })).json()) as {
    name: string;
  }[];
  let walked = 0;
  for (const { name } of contracts) {
    const model = (await (
      await service.request(`/contracts/${name}/versions/1/model`, { token: admin })
    ).json()) as { contract: { parties: { ods: string; role: string }[] } };
    const parties = model.contract.parties;
    const commissioner = parties.find((p) => p.role === 'commissioner');
    const commissioners = new Set(parties.filter((p) => p.role === 'commissioner').map((p) => p.ods));
    // A trust that commissions its own departments (an internal agreement) sees them all.
    const delivering = [
      ...new Set(
        parties.filter((p) => p.role !== 'commissioner' && !commissioners.has(p.ods)).map((p) => p.ods),
      ),
    ];
    const seenByCommissioner = new Set<string>();
    for (const ods of delivering) {
      const token = await service.token(ods, 'provider');
      for (const what of ['position', 'statement']) {
        const response = await service.request(`/contracts/${name}/${what}`, { token });
        if (response.status !== 200) continue;
        // `*` is the figure of every provider together (a system-wide measure), not another's own.
        const foreign = providersIn(await response.json()).filter(
          ([, provider]) => provider !== ods && provider !== '*',
        );
        expect(foreign.slice(0, 6), `${ods} reading ${name}'s ${what}`).toEqual([]);
        walked++;
      }
    }
    if (commissioner && delivering.length > 1) {
      const token = await service.token(commissioner.ods, 'commissioner');
      const response = await service.request(`/contracts/${name}/position`, { token });
      for (const [, provider] of providersIn(await response.json())) seenByCommissioner.add(provider);
      expect(seenByCommissioner.size, `${name}: the commissioner sees several providers`).toBeGreaterThan(1);
    }
  }
  expect(contracts.length).toBeGreaterThan(3);
  expect(walked).toBeGreaterThan(10);
}, 300_000);
