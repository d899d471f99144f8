import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEEDS_DIR } from '../src/demo-feeds.js';
import { startTestService, storedCounts, type TestService } from './helpers/test-service.js';

/** The demo feeds the manifest lists, and the demo contracts they feed. */
const MANIFEST = JSON.parse(readFileSync(join(FEEDS_DIR, 'manifest.json'), 'utf8')) as {
  feeds: { contract: string; source: string; provider: string; period: string }[];
};
const FED = [...new Set(MANIFEST.feeds.map((f) => f.contract))];
/** Every demo contract with a dataset or aggregate return to feed (all of them). */
const DEMO_CONTRACTS = [
  'demo.bradford.SmiPhysicalHealthCquin',
  'demo.bradford_capitated.BradfordIntegratedCare',
  'demo.camden.HighgatePhysicalHealthLiaison',
  'demo.devon.PerinatalMentalHealth',
  'demo.hull.AcuteLiaisonMentalHealth',
  'demo.hull_pilot.MusFeasibilityPilot',
  'demo.swindon.LiftBlockContract',
  'demo.oxford_internal.CancerPsychMedSla',
  'demo.oxford.PsychMedOutpatients',
  'demo.oxford_smi.SmiYearOfCare',
  'demo.pennine.PainPathwayPrime',
  'demo.pennine_care.PennineCareSubContract',
  'demo.shared_savings.CityHackneySharedSavings',
  'demo.sel_alliance.DiabetesMentalHealthAlliance',
  'demo.westlondon.SecureUnitsPrimaryCare',
  'demo.westlondon_cquin.SmiPhysicalHealthCquin',
  'demo.worked.WorkedQuarterly',
  'demo.worked.WorkedAnnual',
  'demo.worked.WorkedAlliance',
];

let service: TestService;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-11-20T09:00:00.000Z' });
});
afterAll(() => service.close());

test('the first start loads every demo feed in the manifest', async () => {
  expect(await storedCounts(service)).toMatchObject({ submissions: MANIFEST.feeds.length });
  const tad = await service.token('TAD', 'provider');
  const feeds = (await (
    await service.request('/contracts/demo.bradford.SmiPhysicalHealthCquin/feeds', { token: tad })
  ).json()) as { format: string; period: string; current: boolean }[];
  expect(new Set(feeds.map((f) => f.format))).toEqual(new Set(['csv', 'xlsx']));
  expect(feeds.filter((f) => !f.current).map((f) => f.period)).toEqual(['2026-06']);
});

test('the SMI CQUIN statement shows what each indicator earned in the first two quarters', async () => {
  const finance = await service.token('36J', 'finance');
  const response = await service.request('/contracts/demo.bradford.SmiPhysicalHealthCquin/statement', {
    token: finance,
  });
  const statement = (await response.json()) as {
    lines: { kind: string; clause: string; period: string; pence: string; provisional: boolean }[];
  };
  const cquin = statement.lines.filter((l) => l.kind === 'cquin' && !l.provisional);
  expect(cquin.map((l) => `${l.clause} ${l.period}`).sort()).toEqual([
    'SixChecks 2026/27 Q1',
    'SixChecks 2026/27 Q2',
    'SmokingCessation 2026/27 Q1',
    'SmokingCessation 2026/27 Q2',
    'WeightMonitoring 2026/27 Q1',
    'WeightMonitoring 2026/27 Q2',
  ]);
  expect(cquin.every((l) => BigInt(l.pence) > 0n)).toBe(true);
});

test('the capitated contract pays on the registered list sent as JSON', async () => {
  const finance = await service.token('36J', 'finance');
  const response = await service.request(
    '/contracts/demo.bradford_capitated.BradfordIntegratedCare/statement',
    { token: finance },
  );
  const statement = (await response.json()) as {
    lines: { kind: string; period: string; pence: string; provider: string }[];
  };
  const april = statement.lines.filter((l) => l.kind === 'capitation' && l.period === '2026-04');
  // 650,000 people x £1,920 a year / 12 = £104,000,000, shared among the five providers.
  expect(april.reduce((sum, l) => sum + BigInt(l.pence), 0n)).toBe(10_400_000_000n);
});

test('every demo contract with something to feed has demo feeds in the manifest', () => {
  expect([...FED].sort()).toEqual([...DEMO_CONTRACTS].sort());
});

describe.each(FED.filter((c) => !c.startsWith('demo.bradford')))('the demo feeds of %s', (contract) => {
  const fed = MANIFEST.feeds.filter((f) => f.contract === contract);
  const providers = [...new Set(fed.map((f) => f.provider))];

  test('are stored, each provider seeing its own', async () => {
    for (const provider of providers) {
      const token = await service.token(provider, 'provider');
      const response = await service.request(`/contracts/${contract}/feeds`, { token });
      expect(response.status).toBe(200);
      const feeds = (await response.json()) as { source: string; period: string; current: boolean }[];
      const own = fed.filter((f) => f.provider === provider);
      expect(feeds.filter((f) => f.current)).toHaveLength(own.length);
    }
  });

  test("give the provider's position scored measures and payment lines in pounds", async () => {
    // A sub-contract's feeds are the prime's, but it pays its subcontractor, Pennine Care (RT2).
    const paid = contract === 'demo.pennine_care.PennineCareSubContract' ? 'RT2' : providers[0];
    const token = await service.token(paid as string, 'provider');
    const response = await service.request(`/contracts/${contract}/position`, { token });
    expect(response.status).toBe(200);
    const position = (await response.json()) as {
      measures: { status: string }[];
      lines: { pence: string; pounds: string }[];
    };
    // The sub-contract's measures are the prime's, scored for the prime: its subcontractor sees its money.
    if (paid === providers[0])
      expect(position.measures.filter((m) => m.status === 'scored').length).toBeGreaterThan(0);
    expect(position.lines.some((l) => BigInt(l.pence) !== 0n && /^-?[0-9]+\.[0-9]{2}$/.test(l.pounds))).toBe(
      true,
    );
  });
});
