import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * Hull's MUS feasibility pilot (demo) is reviewed on 2027-03-01: before that date its position
 * shows the outcomes so far and that continuation awaits the review; from it, the decision.
 */
const CONTRACT = 'demo.hull_pilot.MusFeasibilityPilot';
let service: TestService;
let auditor: string;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-12-04T09:00:00.000Z' });
  auditor = await service.token('X26', 'auditor');
}, 120_000);
afterAll(() => service.close());

interface Pilot {
  review: string;
  decision: string;
  continues?: boolean;
  outcomes: { measure: string; met: boolean; baseline?: { status: string; explanation: string } }[];
}

async function pilotAsOf(asOf: string): Promise<Pilot> {
  const response = await service.request(`/contracts/${CONTRACT}/position?asOf=${asOf}`, { token: auditor });
  expect(response.status).toBe(200);
  return ((await response.json()) as { pilot: Pilot }).pilot;
}

test('in December, three months before the review, continuation is pending', async () => {
  const pilot = await pilotAsOf('2026-12-04');
  expect(pilot).toMatchObject({ review: '2027-03-01', decision: 'pending' });
  expect(pilot.continues).toBeUndefined();
  expect(pilot.outcomes.length).toBe(4);
});

test('the day before the review it is still pending', async () => {
  expect((await pilotAsOf('2027-02-28')).decision).toBe('pending');
});

// On the demo's feeds (April to October): practices trained 25 of 30 = 83.3% (target 80%): met;
// PHQ-15 improved 6 of 26 = 23.1% (target 40%): not met; fewer GP attendances 15 of 30 = 50%
// (target 60%): not met; frequent attenders have no 2025/26 figure to improve on, so no baseline
// (not met, and never a fall from zero). All must be met, so at the review the pilot does not continue.
test('on the review date it is decided on the outcomes as they stand', async () => {
  const pilot = await pilotAsOf('2027-03-01');
  expect(pilot.outcomes.map((o) => o.met)).toEqual([true, false, false, false]);
  expect(pilot.outcomes[3]?.baseline).toMatchObject({ status: 'no-baseline' });
  expect(pilot.outcomes[3]?.baseline?.explanation).toContain('No baseline for 60% below baseline 2025/26');
  expect(pilot).toMatchObject({ decision: 'ends', continues: false });
});
