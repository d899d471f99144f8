import { afterAll, beforeAll, expect, test } from 'vitest';
import { postFeed, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Monitors through the service, on the demo as of 2026-12-04. Devon's booking enquiry is monitored
 * at 95% for each maternity trust on its own women: Royal Devon (RH8) 1,094 of 1,135 = 96.4%, met;
 * Torbay (RA9) 566 of 640 = 88.4%, not met. Hull's Core 24 staffing attestation has no target: it
 * is listed as monitored, with no verdict; it requires its evidence reference, which the demo's
 * return gives, and without which it is insufficient data.
 */
let service: TestService;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-12-04T09:00:00.000Z' });
}, 120_000);
afterAll(() => service.close());

interface Monitor {
  measure: string;
  provider: string;
  target?: string;
  met?: boolean;
  explanation: string;
}

async function position(contract: string, token: string) {
  const response = await service.request(`/contracts/${contract}/position`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as { monitors: Monitor[]; measures: { provider: string }[] };
}

test("a provider's monitor is judged on its own figure and shown only to it", async () => {
  const torbay = await position('demo.devon.PerinatalMentalHealth', await service.token('RA9', 'provider'));
  expect(torbay.monitors.map((m) => [m.provider, m.target, m.met])).toEqual([['RA9', '95%', false]]);
  expect(torbay.monitors[0]?.explanation).toContain('88.4% (566 of 640)');
  expect(new Set(torbay.measures.map((m) => m.provider))).toEqual(new Set(['RA9']));
});

test('the commissioner sees every provider’s monitors, each with its own verdict', async () => {
  const all = await position('demo.devon.PerinatalMentalHealth', await service.token('X26', 'auditor'));
  const booking = all.monitors.filter((m) => m.measure.endsWith('AskedAboutMentalHealth'));
  expect(booking.map((m) => [m.provider, m.met])).toEqual([
    ['RH8', true],
    ['RA9', false],
  ]);
});

test('a monitor without a target is listed as monitored, with no verdict', async () => {
  const hull = await position('demo.hull.AcuteLiaisonMentalHealth', await service.token('X26', 'auditor'));
  const staffing = hull.monitors.find((m) => m.measure.endsWith('Core24StaffingAttested'));
  expect(staffing).toMatchObject({ provider: 'RV9' });
  expect(staffing?.target).toBeUndefined();
  expect(staffing?.met).toBeUndefined();
});

test('an attestation stands with its evidence reference and is insufficient data without it', async () => {
  const auditor = await service.token('X26', 'auditor');
  const staffing = async () =>
    (await position('demo.hull.AcuteLiaisonMentalHealth', auditor)).monitors.find((m) =>
      m.measure.endsWith('Core24StaffingAttested'),
    ) as Monitor & { status: string };
  // The demo's return: value 1 with the establishment report's reference.
  expect(await staffing()).toMatchObject({ status: 'scored' });
  expect((await staffing()).explanation).toContain('1.00');
  // Humber (RV9) sends April's return again, attesting 1 with no evidence reference.
  const resent = await postFeed(service, await service.token('RV9', 'provider'), {
    contract: 'demo.hull.AcuteLiaisonMentalHealth',
    source: 'LiaisonStaffingReturn',
    period: '2026-04',
    body: JSON.stringify([{ measure: 'Core24StaffingAttested', period: '2026/27', value: 1 }]),
    contentType: 'application/json',
  });
  expect(resent.status).toBe(201);
  const without = await staffing();
  expect(without.status).toBe('insufficient-data');
  expect(without.explanation).toContain('attested without the evidence reference the measure requires');
});
