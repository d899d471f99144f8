import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import {
  ContractModel,
  checkSources,
  compileContract,
  createParityServices,
  isContract,
  testsFor,
} from '../src/index.js';
import { ALLIANCE, CQUIN, LIBRARY } from './helpers.js';

async function compileFrom(files: Record<string, string>, contractFile: string) {
  const services = createParityServices(EmptyFileSystem);
  const { documents, diagnostics } = await checkSources(
    services,
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const document = documents.find((d) => d.uri.path === contractFile);
  const contract = document?.parseResult.value.declarations.find(isContract);
  if (!contract) throw new Error('no contract');
  return compileContract(contract, {
    tests: testsFor(
      contract,
      documents.map((d) => d.parseResult.value),
    ),
    fileOf: (uri) => uri.replace('file:///', ''),
  });
}

const cquinSources = { '/lib.parity': LIBRARY, '/cquin.parity': CQUIN };

describe('compileContract', () => {
  test('produces a model that the exported schema accepts', async () => {
    const model = await compileFrom(cquinSources, '/cquin.parity');
    expect(ContractModel.safeParse(model).success).toBe(true);
    expect(model.schemaVersion).toBe(2);
  });

  test('gives byte-identical JSON and hash for the same source, compiled twice', async () => {
    const first = await compileFrom(cquinSources, '/cquin.parity');
    const second = await compileFrom(cquinSources, '/cquin.parity');
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('changes the hash when a figure changes', async () => {
    const first = await compileFrom(cquinSources, '/cquin.parity');
    const changed = await compileFrom(
      { ...cquinSources, '/cquin.parity': CQUIN.replace('£1,000,000', '£1,000,001') },
      '/cquin.parity',
    );
    expect(changed.contentHash).not.toBe(first.contentHash);
  });

  test('keeps money as exact pence text and percentages as exact decimal text', async () => {
    const model = await compileFrom(cquinSources, '/cquin.parity');
    expect(model.contract.valuePence).toBe('100000000');
    expect(model.contract.schemes[0]?.worth).toEqual({ kind: 'percent', percent: '1.25', base: 'value' });
    expect(model.contract.schemes[0]?.indicators[0]?.weight).toEqual({
      kind: 'percent',
      percent: '60',
      base: 'scheme',
    });
    expect(model.tests[0]?.steps[1]).toMatchObject({
      kind: 'expect',
      outcome: { kind: 'earns', pence: '125000' },
    });
  });

  test('copies in the measures, datasets and organisations the contract uses, by qualified name', async () => {
    const model = await compileFrom(cquinSources, '/cquin.parity');
    expect(model.measures.map((m) => m.name)).toEqual(['lib.Offered', 'lib.Reported']);
    expect(model.datasets.map((d) => d.name)).toEqual(['lib.Register']);
    expect(model.organisations.map((o) => [o.name, o.ods])).toEqual([
      ['lib.Icb', 'QAA'],
      ['lib.MhTrust', 'RAA'],
    ]);
  });

  test('says who submits a dataset or return: absent is each provider, else the commissioner or a data service', async () => {
    const plain = await compileFrom(cquinSources, '/cquin.parity');
    expect(plain.datasets[0]?.submittedBy).toBeUndefined();
    const declared = await compileFrom(
      {
        ...cquinSources,
        '/lib.parity': LIBRARY.replace(
          'source "GP clinical systems"',
          'source "GP clinical systems"\n  submitted by data service Icb2',
        ).replace(
          'source "Trust monthly return"',
          'source "Trust monthly return"\n  submitted by commissioner',
        ),
      },
      '/cquin.parity',
    );
    expect(declared.datasets[0]?.submittedBy).toEqual({
      kind: 'data-service',
      organisation: 'lib.Icb2',
      ods: 'QAB',
    });
    expect(declared.returns.map((r) => r.submittedBy)).toEqual([{ kind: 'commissioner' }]);
  });

  test('normalises durations to minutes or calendar months', async () => {
    const model = await compileFrom(cquinSources, '/cquin.parity');
    const offered = model.measures.find((m) => m.name === 'lib.Offered');
    expect(offered?.numerator).toMatchObject({ kind: 'within', window: { unit: 'months', amount: '12' } });
  });

  test('points each clause back to where it is written', async () => {
    const model = await compileFrom(cquinSources, '/cquin.parity');
    const indicator = model.contract.schemes[0]?.indicators[0];
    expect(indicator?.location).toMatchObject({ file: 'cquin.parity', line: 13, column: 5 });
  });

  test('compiles a risk share with bands, cap, collar and quality gate', async () => {
    const model = await compileFrom(
      { '/lib.parity': LIBRARY, '/alliance.parity': ALLIANCE },
      '/alliance.parity',
    );
    const share = model.contract.riskShares[0];
    expect(share).toMatchObject({
      budget: { kind: 'budget', pence: '5000000000' },
      gain: [{ providersPercent: '50', commissionerPercent: '50' }],
      cap: { kind: 'percent', percent: '2', base: 'budget' },
      collar: { kind: 'percent', percent: '1', base: 'budget' },
      qualityGate: { required: 1, measures: ['lib.Offered'], otherwisePercent: '50', order: 'after-cap' },
      providerSplit: { basis: 'pro-rata-value' },
    });
  });

  test('compiles limits chosen from several amounts and fractional shares', async () => {
    const alliance = ALLIANCE.replace(
      'cap gain at 2% of budget',
      'cap gain at greater of (2% of budget, £1m)',
    )
      .replace('collar loss at 1% of budget', 'collar loss at lesser of (1% of budget, £250,000)')
      .replace(
        'among providers pro rata to value',
        'among providers fixed {\n      MhTrust 1/3\n      Acute 2/3\n    }',
      );
    const model = await compileFrom(
      { '/lib.parity': LIBRARY, '/alliance.parity': alliance },
      '/alliance.parity',
    );
    expect(model.contract.riskShares[0]).toMatchObject({
      cap: {
        kind: 'greater-of',
        amounts: [
          { kind: 'percent', percent: '2', base: 'budget' },
          { kind: 'money', pence: '100000000' },
        ],
      },
      collar: {
        kind: 'lesser-of',
        amounts: [
          { kind: 'percent', percent: '1', base: 'budget' },
          { kind: 'money', pence: '25000000' },
        ],
      },
      providerSplit: {
        basis: 'fixed',
        shares: [
          { organisation: 'lib.MhTrust', fraction: '1/3' },
          { organisation: 'lib.Acute', fraction: '2/3' },
        ],
      },
    });
  });

  test('compiles an equal split and the annual rounding policy', async () => {
    const alliance = ALLIANCE.replace('among providers pro rata to value', 'among providers equally');
    const model = await compileFrom(
      { '/lib.parity': LIBRARY, '/alliance.parity': alliance },
      '/alliance.parity',
    );
    expect(model.contract.riskShares[0]?.providerSplit).toEqual({ basis: 'equal' });
    expect(model.contract.rounding).toEqual({ mode: 'half-up', unit: 'penny' });
    const annual = await compileFrom(
      {
        '/lib.parity': LIBRARY,
        '/alliance.parity': alliance.replace(
          '  year 2026/27',
          '  year 2026/27\n  round the annual amount, pay monthly instalments',
        ),
      },
      '/alliance.parity',
    );
    expect(annual.contract.rounding).toEqual({ mode: 'half-up', unit: 'penny', totals: 'annual' });
  });
});
