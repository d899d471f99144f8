import { IssueCodes } from '@parity/dsl';
import { Cancellation, OperationCancelled } from 'langium';
import { clearDocuments, parseHelper, testCodeAction, validationHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, InlayHint } from 'vscode-languageserver';
import { createServicesWithLibrary, demoContract, type TestServices } from './services.js';

const BRADFORD = demoContract('bradford-smi-cquin.parity');

let services: TestServices;

beforeAll(async () => {
  services = await createServicesWithLibrary();
});

describe('inlay hints', () => {
  test('show the money beside the instalments and each percentage: the scheme, then each indicator', async () => {
    const document = await parseHelper(services.Parity)(BRADFORD);
    const hints = (await services.Parity.lsp.InlayHintProvider?.getInlayHints(document, {
      textDocument: { uri: document.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(BRADFORD.length) },
    })) as InlayHint[];
    expect(hints.map((h) => h.label)).toEqual([
      '= 12 × £7,000,000.00',
      '= £1,050,000.00',
      '= £525,000.00',
      '= £315,000.00',
      '= £210,000.00',
    ]);
    // Each hint sits just after the percentage it prices.
    const [, scheme] = hints;
    const offset = scheme && document.textDocument.offsetAt(scheme.position);
    expect(BRADFORD.slice(0, offset).endsWith('worth 1.25% of value')).toBe(true);
    await clearDocuments(services.shared, [document]);
  });

  test("price with the contract's rounding: £84,000,001 × 1.25% rounded down to the pound is £1,050,000.00", async () => {
    // By hand: £84,000,001 × 1.25% = £1,050,000.0125, down to the pound £1,050,000; weights 50/30/20.
    const text = BRADFORD.replace(/value £[0-9,]+/, 'value £84,000,001').replace(
      /(contract \w+ "[^"]*" \{)/,
      '$1\n  rounding down to pound',
    );
    const document = await parseHelper(services.Parity)(text);
    const hints = (await services.Parity.lsp.InlayHintProvider?.getInlayHints(document, {
      textDocument: { uri: document.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
    })) as InlayHint[];
    // The instalments: 8,400,000,100p ÷ 12 = 700,000,008p remainder 4, the remainder to the first four.
    expect(hints.map((h) => h.label)).toEqual([
      '= 4 × £7,000,000.09 + 8 × £7,000,000.08',
      '= £1,050,000.00',
      '= £525,000.00',
      '= £315,000.00',
      '= £210,000.00',
    ]);
    await clearDocuments(services.shared, [document]);
  });
});

describe('a term of several years', () => {
  test("each year's value shows that year's instalments, as the engine pays them", async () => {
    const text = demoContract('west-london-secure-block.parity');
    const document = await parseHelper(services.Parity)(text);
    const hints = (await services.Parity.lsp.InlayHintProvider?.getInlayHints(document, {
      textDocument: { uri: document.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
    })) as InlayHint[];
    // £3,600,000 ÷ 12 = £300,000; £3,708,000 ÷ 12 = £309,000; the instalments clause, the first year.
    expect(hints.map((h) => h.label)).toEqual([
      '= 12 × £300,000.00',
      '= 12 × £309,000.00',
      '= 12 × £300,000.00',
    ]);
    await clearDocuments(services.shared, [document]);
  });
});

describe('quick fixes', () => {
  test('weights that sum to 200% are normalised back to 50%, 30% and 20%', async () => {
    const broken = BRADFORD.replace('weight 50%', 'weight 100%')
      .replace('weight 30%', 'weight 60%')
      .replace('weight 20%', 'weight 40%');
    const result = await testCodeAction(services.Parity)(broken, IssueCodes.WeightsNotHundred, BRADFORD);
    expect(result.action?.title).toBe('Normalise weights to 100% (50%, 30%, 20%)');
    await result.dispose();
  });

  test('a scheme without an assessment basis is offered quarterly or annual assessment', async () => {
    const broken = BRADFORD.replace('    assessed quarterly\n', '');
    const result = await validationHelper(services.Parity)(broken);
    const diagnostic = result.diagnostics.find((d) => d.code === IssueCodes.MissingAssessment);
    expect(diagnostic).toBeDefined();
    const actions = (await services.Parity.lsp.CodeActionProvider?.getCodeActions(result.document, {
      textDocument: { uri: result.document.uri.toString() },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Assess quarterly', 'Assess annually']);
    await result.dispose();
  });
});

describe('two caps or collars on the same side', () => {
  const HACKNEY = demoContract('hackney-loss-limits.parity');

  test('are combined into one collar at the lesser of their amounts', async () => {
    const broken = HACKNEY.replace(
      'collar loss at lesser of (5% of budget, £1,000,000)',
      'collar loss at 5% of budget\n    collar loss at £1,000,000',
    );
    expect(broken).not.toBe(HACKNEY);
    const result = await testCodeAction(services.Parity)(broken, IssueCodes.DuplicateLimit, HACKNEY);
    expect(result.action?.title).toBe("Combine into 'collar loss at lesser of (5% of budget, £1,000,000)'");
    await result.dispose();
  });

  test('show each candidate priced beside a limit that is the lesser of several', async () => {
    const document = await parseHelper(services.Parity)(HACKNEY);
    const hints = (await services.Parity.lsp.InlayHintProvider?.getInlayHints(document, {
      textDocument: { uri: document.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(HACKNEY.length) },
    })) as InlayHint[];
    // Equal partners: greater of 2% × £50m = £1,000,000 and £1,200,000; lesser of 8% × £30m =
    // £2,400,000 and 4% × £50m = £2,000,000. Fractional shares: cap 10% × £100m = £10,000,000;
    // lesser of 5% × £100m = £5,000,000 and £1,000,000.
    expect(hints.map((h) => h.label)).toEqual(
      expect.arrayContaining(['= £1,200,000.00', '= £2,000,000.00', '= £10,000,000.00', '= £1,000,000.00']),
    );
    await clearDocuments(services.shared, [document]);
  });
});

describe('what rows mean over time', () => {
  const CAMDEN = demoContract('camden-whittington-liaison.parity');

  test('a dataset that does not say is offered events or snapshots, and the fix restores the contract', async () => {
    const broken = CAMDEN.replace(/(per call \{)\n {2}rows are events/, '$1');
    expect(broken).not.toBe(CAMDEN);
    const result = await validationHelper(services.Parity)(broken);
    const diagnostic = result.diagnostics.find((d) => d.code === IssueCodes.MissingOverTime);
    const actions = (await services.Parity.lsp.CodeActionProvider?.getCodeActions(result.document, {
      textDocument: { uri: result.document.uri.toString() },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Say the rows are events', 'Say the rows are snapshots']);
    const [edit] = Object.values(actions[0]?.edit?.changes ?? {})[0] ?? [];
    const at = result.document.textDocument.offsetAt(edit!.range.start);
    expect(broken.slice(0, at) + edit!.newText + broken.slice(at)).toBe(CAMDEN);
    await result.dispose();
  });

  test('a return that does not say is offered every kind a return may have', async () => {
    const broken = CAMDEN.replace(/(Highgate unit" \{)\n {2}rows are events/, '$1');
    const result = await validationHelper(services.Parity)(broken);
    const diagnostic = result.diagnostics.find((d) => d.code === IssueCodes.MissingOverTime);
    expect(diagnostic?.message).toMatch(
      /^Return LiaisonClinicReturn does not say what a row means over time/,
    );
    const actions = (await services.Parity.lsp.CodeActionProvider?.getCodeActions(result.document, {
      textDocument: { uri: result.document.uri.toString() },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      'Say the rows are events',
      'Say the rows are snapshots',
      'Say the rows are cumulative',
      'Say the rows are levels read as latest',
      'Say the rows are levels read as average of months',
    ]);
    await result.dispose();
  });
});

describe('code lenses', () => {
  test('run the contract tests and show that all six pass', async () => {
    const document = await parseHelper(services.Parity)(BRADFORD, { validation: true });
    const lenses =
      (await services.Parity.lsp.CodeLensProvider?.provideCodeLens(document, {
        textDocument: { uri: document.uri.toString() },
      })) ?? [];
    const titles = lenses.map((l) => l.command?.title);
    expect(titles[0]).toBe('✓ 6 test(s) passed');
    expect(titles.filter((t) => t === '✓ passed')).toHaveLength(6);
    await clearDocuments(services.shared, [document]);
  });

  test("run a prime's tests with its sub-contract, so what flows down can be expected", async () => {
    const parse = parseHelper(services.Parity);
    const prime = await parse(demoContract('pennine-msk-prime.parity'), { validation: true });
    const sub = await parse(demoContract('pennine-care-subcontract.parity'), { validation: true });
    const lenses =
      (await services.Parity.lsp.CodeLensProvider?.provideCodeLens(prime, {
        textDocument: { uri: prime.uri.toString() },
      })) ?? [];
    // The prime's first test expects what flows down to Pennine Care and what the prime keeps.
    expect(lenses.map((l) => l.command?.title)).toEqual(['✓ 2 test(s) passed', '✓ passed', '✓ passed']);
    await clearDocuments(services.shared, [prime, sub]);
  });

  test('stop running tests when the editor cancels the request (an edit came in)', async () => {
    const document = await parseHelper(services.Parity)(BRADFORD, { validation: true });
    const source = new Cancellation.CancellationTokenSource();
    source.cancel();
    const lenses = services.Parity.lsp.CodeLensProvider?.provideCodeLens(
      document,
      { textDocument: { uri: document.uri.toString() } },
      source.token,
    );
    await expect(lenses).rejects.toBe(OperationCancelled);
    await clearDocuments(services.shared, [document]);
  });
});
