import {
  clearDocuments,
  expectFoldings,
  expectSymbols,
  expectWorkspaceSymbols,
  parseHelper,
} from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { type DocumentSymbol, FoldingRangeKind, SymbolKind } from 'vscode-languageserver';
import { createServicesWithLibrary, demoContract, type TestServices } from './services.js';

const BRADFORD = demoContract('bradford-smi-cquin.parity');
const SHARED_SAVINGS = demoContract('shared-savings-mssp.parity');
const HULL_PILOT = demoContract('hull-mus-pilot.parity');

let services: TestServices;

beforeAll(async () => {
  services = await createServicesWithLibrary();
});

/** `name · detail` of each symbol, children indented beneath. */
function tree(symbols: DocumentSymbol[] = [], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` · ${s.detail}` : ''}`,
    ...tree(s.children, depth + 1),
  ]);
}

function find(symbols: DocumentSymbol[] = [], name: string): DocumentSymbol | undefined {
  for (const symbol of symbols) {
    if (symbol.name === name) return symbol;
    const inner = find(symbol.children, name);
    if (inner) return inner;
  }
  return undefined;
}

describe('document symbols (the outline)', () => {
  test('a CQUIN contract: package and imports, the contract, its tests', async () => {
    await expectSymbols(services.Parity)({
      text: BRADFORD,
      disposeAfterCheck: true,
      symbolToString: (s) => `${s.name} (${s.kind})`,
      expectedSymbols: [
        `demo.bradford (${SymbolKind.Package})`,
        `SmiPhysicalHealthCquin (${SymbolKind.Class})`,
        `Q2: linear attainment, one indicator at its maximum and one below its minimum (${SymbolKind.Event})`,
        `Q4: the health check is judged on the raised Q4 scale (${SymbolKind.Event})`,
        `Q3: tobacco chain monitored, CQUIN unaffected (${SymbolKind.Event})`,
        `Q1: too few smokers on the register to judge (${SymbolKind.Event})`,
        `Q2: five checks out of six does not count (${SymbolKind.Event})`,
        `Q2: the gap in six-check completion between ethnic groups (${SymbolKind.Event})`,
      ],
    });
  });

  test('the contract lists its parties, the scheme with the money at stake, and monitored measures', async () => {
    await expectSymbols(services.Parity)({
      text: BRADFORD,
      disposeAfterCheck: true,
      assert: (symbols) => {
        expect(tree(symbols).slice(0, 14)).toEqual([
          'demo.bradford',
          '  nhs/organisations',
          '  nhs/measures/smi',
          '  nhs/measures/tobacco_alcohol · as tobacco',
          'SmiPhysicalHealthCquin · Bradford District Care: SMI physical health CQUIN 2026/27 · cquin · 2026/27 · £84,000,000',
          '  BradfordPlace · commissioner',
          '  BradfordDistrictCare · provider',
          '  SmiPhysicalHealth · CQUIN worth £1,050,000.00 · Physical health of people with SMI',
          '    SixChecks · £525,000.00 a year · All six health checks in the last 12 months',
          '    SmokingCessation · £315,000.00 a year · Smokers offered cessation support',
          '    WeightMonitoring · £210,000.00 a year · BMI monitored for people on antipsychotics',
          '  smi.SmokingStatusRecorded · monitored · target 90%',
          '  smi.WeightGainOfferedIntervention · monitored · target 75%',
          '  tobacco.TobaccoScreened · monitored · target 90%',
        ]);
        const contract = find(symbols, 'SmiPhysicalHealthCquin');
        expect(find(symbols, 'BradfordDistrictCare')?.kind).toBe(SymbolKind.Object);
        expect(find(symbols, 'SmiPhysicalHealth')?.kind).toBe(SymbolKind.Module);
        expect(find(symbols, 'SixChecks')?.kind).toBe(SymbolKind.Method);
        // The selection is the name, inside the whole declaration.
        expect(contract?.selectionRange.start.line).toBe(contract?.range.start.line);
        expect(contract?.range.end.line).toBeGreaterThan(contract?.range.start.line ?? 0);
      },
    });
  });

  test('a pilot lists its outcomes with their targets, a target on a baseline with the baseline', async () => {
    await expectSymbols(services.Parity)({
      text: HULL_PILOT,
      disposeAfterCheck: true,
      assert: (symbols) => {
        expect(tree(find(symbols, 'pilot') ? [find(symbols, 'pilot') as DocumentSymbol] : [])).toEqual([
          'pilot · review on 2027-03-01',
          '  mus.PracticesTrained · target 80%',
          '  mus.SomaticSymptomsImproved · target 40%',
          '  mus.FewerGpAttendances · target 60%',
          '  mus.FrequentAttenders · target 60% below baseline 2025/26',
        ]);
      },
    });
  });

  test('a shared savings contract lists the clauses of its risk share', async () => {
    await expectSymbols(services.Parity)({
      text: SHARED_SAVINGS,
      disposeAfterCheck: true,
      assert: (symbols) => {
        const share = find(symbols, 'SharedSavings');
        expect(tree(share?.children)).toEqual([
          'benchmark · £100,000,000',
          'outturn · from PartnershipExpenditure',
          'minimum gain · 2% of budget',
          'minimum loss · 2% of budget',
          'gain shared · providers 50%, commissioner 50%',
          'quality modifier · QualityScore',
          'loss shared · providers 40%, commissioner 60%',
          'cap gain · at 10% of budget',
          'collar loss · at 5% of budget',
          'among providers · fixed',
          '  HomertonHealthcare · 40%',
          '  EastLondonNhsFT · 30%',
          '  CityAndHackneyGpConfederation · 20%',
          '  TavistockAndPortman · 10%',
        ]);
        expect(find(symbols, 'QualityScoreReturn')?.kind).toBe(SymbolKind.Struct);
        expect(find(symbols, 'QualityScore')?.kind).toBe(SymbolKind.Function);
      },
    });
  });

  test('a dataset lists its fields with their types', async () => {
    const smi = services.library.find((d) => d.uri.path.endsWith('measures/smi.parity'));
    const symbols = (await services.Parity.lsp.DocumentSymbolProvider?.getSymbols(smi!, {
      textDocument: { uri: smi!.uri.toString() },
    })) as DocumentSymbol[];
    const register = find(symbols, 'SmiRegister');
    expect(register?.kind).toBe(SymbolKind.Struct);
    expect(tree(register?.children).slice(0, 3)).toEqual([
      "person · pseudonym · Pseudonymous person key assigned by the ICB's data services",
      'practice · code · optional · ODS code of the registered GP practice',
      'registered_on · date · Date the person was added to the SMI register',
    ]);
    expect(register?.children?.every((f) => f.kind === SymbolKind.Field)).toBe(true);
  });

  test('a half-typed declaration still has a name in the outline', async () => {
    await expectSymbols(services.Parity)({
      text: 'package local\ncontract ',
      disposeAfterCheck: true,
      assert: (symbols) => expect(symbols.every((s) => s.name.length > 0)).toBe(true),
    });
  });
});

describe('workspace symbols', () => {
  test('finds a library measure by its own name, in its package', async () => {
    await expectWorkspaceSymbols(services.shared)({
      query: 'SixChecksComplete',
      assert: (symbols) => {
        expect(symbols.map((s) => [s.name, s.containerName, s.kind])).toEqual([
          ['SixChecksComplete', 'nhs.measures.smi', SymbolKind.Function],
        ]);
        const [symbol] = symbols;
        expect(symbol && 'range' in symbol.location && symbol.location.uri).toMatch(/measures\/smi\.parity$/);
      },
    });
  });

  test('finds organisations by a fragment of their name', async () => {
    await expectWorkspaceSymbols(services.shared)({
      query: 'Bradford',
      assert: (symbols) => {
        const organisations = symbols.filter((s) => s.kind === SymbolKind.Object).map((s) => s.name);
        expect(organisations).toEqual(expect.arrayContaining(['BradfordPlace', 'BradfordDistrictCare']));
        expect(symbols.every((s) => s.containerName === 'nhs.organisations')).toBe(true);
      },
    });
  });

  test('finds declarations in workspace files as well as the library, and by qualified name', async () => {
    const document = await parseHelper(services.Parity)(SHARED_SAVINGS);
    await expectWorkspaceSymbols(services.shared)({
      query: 'QualityScore',
      assert: (symbols) => {
        expect(symbols.map((s) => `${s.containerName}.${s.name}`)).toEqual(
          expect.arrayContaining([
            'demo.shared_savings.QualityScore',
            'demo.shared_savings.QualityScoreReturn',
          ]),
        );
      },
    });
    await expectWorkspaceSymbols(services.shared)({
      query: 'demo.shared_savings.Partnership',
      expectedSymbols: ['PartnershipExpenditure'],
    });
    await clearDocuments(services.shared, [document]);
  });
});

describe('folding', () => {
  test('folds blocks, runs of comment lines and the imports, one fold per line', async () => {
    const lines = BRADFORD.split('\n');
    const lineOf = (snippet: string) => lines.findIndex((l) => l.includes(snippet));
    await expectFoldings(services.Parity)({
      text: BRADFORD,
      disposeAfterCheck: true,
      assert: (foldings) => {
        const at = (line: number) => foldings.find((f) => f.startLine === line);
        // The explanatory comment at the top of the file.
        expect(at(0)).toMatchObject({ endLine: 8, kind: FoldingRangeKind.Comment });
        expect(at(lineOf('import "nhs/organisations"'))).toMatchObject({
          endLine: lineOf('import "nhs/measures/tobacco_alcohol"'),
          kind: FoldingRangeKind.Imports,
        });
        // A block folds up to the line before its closing brace.
        expect(at(lineOf('contract SmiPhysicalHealthCquin'))?.endLine).toBe(
          lineOf('monitor tobacco.AlcoholBriefAdvice'),
        );
        expect(at(lineOf('indicator SixChecks'))?.endLine).toBe(lineOf('in Q4 linear from 50% to 70%'));
        expect(at(lineOf('// Q2: six checks 250/500'))?.kind).toBe(FoldingRangeKind.Comment);
        expect(at(lineOf('given smi.SmiRegister in 2026/27 Q2 = rows {'))?.endLine).toBe(
          lineOf('(person = "P20"'),
        );
        const starts = foldings.map((f) => f.startLine);
        expect(new Set(starts).size).toBe(starts.length);
      },
    });
  });
});
