import {
  clearDocuments,
  expectCompletion,
  expectFindReferences,
  expectGoToDefinition,
  expectHover,
  parseHelper,
} from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { CompletionItemKind, type LocationLink } from 'vscode-languageserver';
import { createServicesWithLibrary, demoContract, mark, type TestServices } from './services.js';

const BRADFORD = demoContract('bradford-smi-cquin.parity');
const CAMDEN = demoContract('camden-whittington-liaison.parity');
const SHARED_SAVINGS = demoContract('shared-savings-mssp.parity');
const HACKNEY = demoContract('hackney-loss-limits.parity');
const OXFORD_ANNUAL = demoContract('oxford-smi-year-of-care-annual.parity');
const OXFORD_ACTIVITY = demoContract('oxford-psych-medicine-activity.parity');
const WEST_LONDON_CQUIN = demoContract('west-london-smi-cquin.parity');
const HULL_PILOT = demoContract('hull-mus-pilot.parity');

let services: TestServices;

beforeAll(async () => {
  services = await createServicesWithLibrary();
});

describe('completion', () => {
  test('offers the library organisations for a party, as values', async () => {
    await expectCompletion(services.Parity)({
      text: mark(BRADFORD, 'provider BradfordDistrictCare', 'provider Bradford'.length),
      index: 0,
      disposeAfterCheck: true,
      assert: (completion) => {
        const labels = completion.items.map((i) => i.label);
        expect(labels).toEqual(expect.arrayContaining(['BradfordDistrictCare', 'BradfordPlace']));
        expect(completion.items.every((i) => i.kind === CompletionItemKind.Value)).toBe(true);
        // Each beside its title, as the author knows it.
        const trust = completion.items.find((i) => i.label === 'BradfordDistrictCare');
        expect(trust?.detail).toBe('Bradford District Care NHS Foundation Trust');
      },
    });
  });

  test("offers 'lesser' and 'greater' where a cap or collar's amount goes", async () => {
    const text = HACKNEY.replace(
      'collar loss at lesser of (8% of value, 4% of budget)',
      'collar loss at <|>',
    );
    await expectCompletion(services.Parity)({
      text,
      index: 0,
      disposeAfterCheck: true,
      assert: (completion) => {
        expect(completion.items.map((i) => i.label)).toEqual(expect.arrayContaining(['lesser', 'greater']));
      },
    });
  });

  test("offers 'equally' beside the other ways to divide the providers' part", async () => {
    const text = HACKNEY.replace('among providers equally', 'among providers <|>');
    await expectCompletion(services.Parity)({
      text,
      index: 0,
      disposeAfterCheck: true,
      assert: (completion) => {
        expect(completion.items.map((i) => i.label)).toEqual(
          expect.arrayContaining(['equally', 'fixed', 'pro']),
        );
      },
    });
  });

  test("offers 'round' for a contract's rounding policy", async () => {
    const text = OXFORD_ANNUAL.replace('round the annual amount, pay monthly instalments', '<|>');
    await expectCompletion(services.Parity)({
      text,
      index: 0,
      disposeAfterCheck: true,
      assert: (completion) => {
        expect(completion.items.map((i) => i.label)).toEqual(expect.arrayContaining(['round', 'rounding']));
      },
    });
  });

  test("offers 'part' inside an indicator and 'cost' among a contract's clauses", async () => {
    for (const [text, keyword] of [
      [WEST_LONDON_CQUIN.replace('part A4b', '<|>part A4b'), 'part'],
      [OXFORD_ACTIVITY.replace('  cost PsychMedTeam', '  <|>cost PsychMedTeam'), 'cost'],
    ] as const) {
      await expectCompletion(services.Parity)({
        text,
        index: 0,
        disposeAfterCheck: true,
        assert: (completion) => {
          expect(completion.items.map((i) => i.label)).toContain(keyword);
        },
      });
    }
  });

  test("offers 'across' and 'of' beside 'with' for parity, and 'below' and 'above' after a target", async () => {
    for (const [text, keywords] of [
      ['measure M "m" {\n  scored as parity <|>\n}\n', ['with', 'across', 'of']],
      [HULL_PILOT.replace('60% below baseline 2025/26', '60% <|>'), ['below', 'above']],
    ] as const) {
      await expectCompletion(services.Parity)({
        text,
        index: 0,
        disposeAfterCheck: true,
        assert: (completion) => {
          expect(completion.items.map((i) => i.label)).toEqual(expect.arrayContaining([...keywords]));
        },
      });
    }
  });

  test('offers measures, as functions, where an indicator names its measure', async () => {
    await expectCompletion(services.Parity)({
      text: mark(SHARED_SAVINGS, 'quality modifier QualityScore', 'quality modifier '.length),
      index: 0,
      disposeAfterCheck: true,
      assert: (completion) => {
        const measures = completion.items
          .filter((i) => i.kind === CompletionItemKind.Function)
          .map((i) => i.label);
        expect(measures).toEqual(expect.arrayContaining(['QualityScore', 'PartnershipExpenditure']));
      },
    });
  });
});

describe('hover', () => {
  test('an indicator shows the money it puts at stake, a year and by quarter', async () => {
    await expectHover(services.Parity)({
      text: mark(BRADFORD, 'indicator SixChecks', 'indicator '.length),
      index: 0,
      hover:
        /£525,000\.00 a year \(£131,250\.00 \+ £131,250\.00 \+ £131,250\.00 \+ £131,250\.00 by quarter\)/,
      disposeAfterCheck: true,
    });
  });

  test("an indicator part shows its share of the indicator's money, a year and by quarter", async () => {
    // 2.5% of £3,600,000 = £90,000, all to CardioMetabolic; 4a is 80% of it: £72,000, £18,000 a quarter.
    await expectHover(services.Parity)({
      text: mark(WEST_LONDON_CQUIN, 'part A4a', 'part '.length),
      index: 0,
      hover:
        /Part A4a of indicator CardioMetabolic[\s\S]*80% of CardioMetabolic: £72,000\.00 a year \(£18,000\.00 \+ £18,000\.00 \+ £18,000\.00 \+ £18,000\.00 by quarter\)/,
      disposeAfterCheck: true,
    });
  });

  test('a cost carried says who carries it, what funds it and that its memoranda move no money', async () => {
    await expectHover(services.Parity)({
      text: mark(OXFORD_ACTIVITY, 'cost PsychMedTeam', 'cost '.length),
      index: 0,
      hover:
        /£720,000 a year, carried by OxfordUniversityHospitals and funded by FirstOutpatient, FollowUpOutpatient[\s\S]*move no money/,
      disposeAfterCheck: true,
    });
  });

  test("a target's 'baseline' says how the improvement is measured and that a missing baseline is not zero", async () => {
    await expectHover(services.Parity)({
      text: mark(HULL_PILOT, 'baseline 2025/26', 0),
      index: 0,
      hover:
        /A percentage is relative \(60% below: at most 40% of the baseline\)[\s\S]*never a fall from zero/,
      disposeAfterCheck: true,
    });
  });

  test("'parity across strata' says which groups are compared and that small groups are left out", async () => {
    await expectHover(services.Parity)({
      text: 'measure M "m" {\n  scored as parity <|>across strata as gap\n}\n',
      index: 0,
      hover: /gap \(highest group less lowest\)[\s\S]*left out and named/,
      disposeAfterCheck: true,
    });
  });

  test('a dataset and a return say what their rows mean over time', async () => {
    await expectHover(services.Parity)({
      text: mark(CAMDEN, 'dataset AdviceLineCalls', 'dataset '.length),
      index: 0,
      hover: /Rows are events: each is something that happened in its period, so periods add up/,
      disposeAfterCheck: true,
    });
  });

  test('a dataset says who submits its feeds: each provider unless it says otherwise', async () => {
    await expectHover(services.Parity)({
      text: mark(CAMDEN, 'dataset AdviceLineCalls', 'dataset '.length),
      index: 0,
      hover: /Submitted by each provider, for itself\./,
      disposeAfterCheck: true,
    });
    const ledger = `package hovers

import "nhs/organisations"

dataset Ledger "Spend lines" per line {
  rows are events
  submitted by commissioner
  line_id: text
}

aggregate return Register "Registered list" {
  rows are levels read as latest
  submitted by data service NhsEngland
}
`;
    await expectHover(services.Parity)({
      text: mark(ledger, 'dataset Ledger', 'dataset '.length),
      index: 0,
      hover: /Submitted by the commissioner, for each provider of the contract\./,
      disposeAfterCheck: true,
    });
    await expectHover(services.Parity)({
      text: mark(ledger, 'aggregate return Register', 'aggregate return '.length),
      index: 0,
      hover:
        /Submitted by the data service nhs\.organisations\.NhsEngland \(X24\), for each provider of the contract\./,
      disposeAfterCheck: true,
    });
  });

  test('a risk share shows a limit chosen from several amounts with each priced', async () => {
    // 8% of the £30,000,000 value = £2,400,000; 4% of the £50,000,000 benchmark = £2,000,000.
    await expectHover(services.Parity)({
      text: mark(HACKNEY, 'risk share PartnershipShare', 'risk share '.length),
      index: 0,
      hover:
        /providers' loss collared at £2,000,000\.00 \(lesser of \(8% of value = £2,400,000\.00, 4% of budget = £2,000,000\.00\)\)/,
      disposeAfterCheck: true,
    });
  });

  test('a year of care rounded once for the year says so', async () => {
    await expectHover(services.Parity)({
      text: mark(OXFORD_ANNUAL, 'year of care SmiCohortAnnual', 'year of care '.length),
      index: 0,
      hover: /the annual amount is rounded once and the months are instalments of it/,
      disposeAfterCheck: true,
    });
  });

  test('a library measure shows its definition in plain English', async () => {
    await expectHover(services.Parity)({
      text: mark(BRADFORD, 'measure smi.SixChecksComplete', 'measure smi.Six'.length),
      index: 0,
      hover: /\*\*Measure SixChecksComplete\*\*[\s\S]*Minimum denominator 20/,
      disposeAfterCheck: true,
    });
  });
});

describe('go to definition and find references', () => {
  const declared = 'measure QualityScore "Quality performance score"';

  test('goes from a quality modifier to the measure declared above it', async () => {
    const withRange = SHARED_SAVINGS.replace(
      declared,
      'measure <|QualityScore|> "Quality performance score"',
    );
    await expectGoToDefinition(services.Parity)({
      text: mark(withRange, 'quality modifier QualityScore', 'quality modifier Qual'.length),
      index: 0,
      rangeIndex: 0,
      disposeAfterCheck: true,
    });
  });

  test('goes from a contract to a measure in the built-in library', async () => {
    const document = await parseHelper(services.Parity)(BRADFORD);
    const offset = BRADFORD.indexOf('measure smi.SixChecksComplete') + 'measure smi.Six'.length;
    const links = (await services.Parity.lsp.DefinitionProvider?.getDefinition(document, {
      textDocument: { uri: document.uri.toString() },
      position: document.textDocument.positionAt(offset),
    })) as LocationLink[];
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link?.targetUri).toMatch(/^parity-library:.*\/measures\/smi\.parity$/);
    const library = services.library.find((d) => d.uri.toString() === link?.targetUri);
    const start = library?.textDocument.offsetAt(
      link?.targetSelectionRange.start ?? { line: 0, character: 0 },
    );
    expect(library?.textDocument.getText().slice(start, (start ?? 0) + 'SixChecksComplete'.length)).toBe(
      'SixChecksComplete',
    );
    await clearDocuments(services.shared, [document]);
  });

  test('finds every use of a measure: the declaration, the monitor, the quality modifier', async () => {
    const marked = SHARED_SAVINGS.replace(/\bQualityScore\b/g, '<|QualityScore|>');
    await expectFindReferences(services.Parity)({
      text: mark(marked, 'quality modifier <|QualityScore', 'quality modifier <|Qual'.length),
      includeDeclaration: true,
      disposeAfterCheck: true,
    });
  });
});
