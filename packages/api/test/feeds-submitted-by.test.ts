import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvOf, FEEDS_TEST_CONTRACT, FEEDS_TEST_NAME } from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Who submits each dataset or return is the contract's to say: the caseload here is sent by the
 * commissioner for each provider, the quality return by a data service (NHS England, X24), and the
 * episodes by each provider for itself.
 */
const SUBMITTED_BY = {
  ...FEEDS_TEST_CONTRACT,
  text: FEEDS_TEST_CONTRACT.text
    .replace(
      'source "Test caseload snapshot"',
      'source "Test caseload snapshot"\n  submitted by commissioner',
    )
    .replace(
      'source "Test quality return"',
      'source "Test quality return"\n  submitted by data service NhsEngland',
    ),
};

let service: TestService;
const caseload = csvOf(['person', 'registered_on', 'smoker'], [['P000001', '2026-01-05', 'yes']]);
const hours = csvOf(
  ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'],
  [['StaffedHours', '2026-05', '', '', '160', '']],
);

beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [SUBMITTED_BY]);
});
afterAll(() => service.close());

async function refusals(): Promise<string[]> {
  const rows = await service.services.db.$client.execute(
    "SELECT detail FROM audit_log WHERE action = 'submit-feed' AND outcome = 'refused'",
  );
  return rows.rows.map((row) => String(row.detail));
}

describe('a dataset submitted by the commissioner', () => {
  test("is accepted from the commissioner's token for a provider of the contract", async () => {
    const sent = await postFeed(service, await service.token('36J', 'commissioner'), {
      contract: FEEDS_TEST_NAME,
      source: 'Caseload',
      period: '2026-05',
      provider: 'TAD',
      body: caseload,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ provider: 'TAD', period: '2026-05', rows: 1 });
    expect((sent.body as { submittedBy?: string }).submittedBy).toMatch(/^36J\/commissioner\//);
  });

  test('is refused from the provider itself, saying who submits it, and the refusal is audited', async () => {
    const sent = await postFeed(service, await service.token('TAD', 'provider'), {
      contract: FEEDS_TEST_NAME,
      source: 'Caseload',
      period: '2026-06',
      body: caseload,
    });
    expect(sent.status).toBe(403);
    expect(sent.body.message).toBe(
      'test.feeds.Caseload is submitted by the commissioner of test.feeds.FeedsTest (36J), for each of its providers; this token is for TAD as provider.',
    );
    expect((await refusals()).some((detail) => detail.includes('submitted by the commissioner'))).toBe(true);
  });

  test('is refused for an organisation that is not a provider of the contract', async () => {
    const sent = await postFeed(service, await service.token('36J', 'commissioner'), {
      contract: FEEDS_TEST_NAME,
      source: 'Caseload',
      period: '2026-06',
      body: caseload,
    });
    expect(sent.status).toBe(403);
    expect(sent.body.message).toBe(
      '36J is not a provider of test.feeds.FeedsTest, so no feed is submitted for it.',
    );
  });
});

describe('a return submitted by a data service', () => {
  test("is accepted from the data service's token for any provider of the contract", async () => {
    const sent = await postFeed(service, await service.token('X24', 'provider'), {
      contract: FEEDS_TEST_NAME,
      source: 'QualityReturn',
      period: '2026-05',
      provider: 'RAE',
      body: hours,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ provider: 'RAE', period: '2026-05' });
  });

  test('is refused from a provider and from the commissioner', async () => {
    for (const [organisation, role] of [
      ['RAE', 'provider'],
      ['36J', 'commissioner'],
    ] as const) {
      const sent = await postFeed(service, await service.token(organisation, role), {
        contract: FEEDS_TEST_NAME,
        source: 'QualityReturn',
        period: '2026-06',
        provider: 'RAE',
        body: hours,
      });
      expect(sent.status).toBe(403);
      expect(sent.body.message).toContain(
        'test.feeds.QualityReturn is submitted by the data service nhs.organisations.NhsEngland (X24), for each provider of test.feeds.FeedsTest',
      );
    }
  });
});

describe('a dataset submitted by each provider', () => {
  test('is refused from the commissioner', async () => {
    const sent = await postFeed(service, await service.token('36J', 'commissioner'), {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      provider: 'TAD',
      body: 'person\n',
    });
    expect(sent.status).toBe(403);
    expect(sent.body.message).toBe(
      'Only providers submit feeds to test.feeds.Episodes, each for itself; this token is for 36J as commissioner.',
    );
  });
});
