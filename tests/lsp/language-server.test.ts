import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARITY_TOKEN_LEGEND } from '@parity/lsp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  LocationLink,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { decodeSemanticTokens, LspClient, positionIn } from './lsp-client.js';

const MEASURES = `package local.measures
import "nhs/organisations"

aggregate return Returns "Monthly return" {
  rows are events
  source "Bradford District Care electronic patient record"
}

/** People with SMI offered help to stop smoking. */
measure SmokersOffered "Smokers offered cessation support" {
  domain physical-health
  from Returns
  minimum denominator 20
  higher is better
  period quarter
}

measure WeightChecked "People whose weight was checked" {
  domain physical-health
  from Returns
  higher is better
  period quarter
}
`;

const CONTRACT = `package local.contract
import "nhs/organisations"
import "local/measures"

contract Smoking "Smoking and weight CQUIN" {
  arrangement cquin
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £84,000,000

  cquin Local "Local CQUIN" worth 1.25% of value {
    assessed quarterly
    indicator Smoking weight 60% {
      measure SmokersOffered
      linear from 40% to 60%
    }
    indicator Weight weight 40% {
      measure SmokersOffered
      linear from 50% to 90%
    }
  }
}

test "Q1 at 45% earns a quarter of the quarter" for Smoking {
  given SmokersOffered in 2026/27 Q1 = 180 of 400
  expect Smoking earns £39,375.00 in 2026/27 Q1
}
`;

let client: LspClient;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parity-lsp-'));
  writeFileSync(join(root, 'measures.parity'), MEASURES);
  writeFileSync(join(root, 'contract.parity'), CONTRACT);
  client = new LspClient(root);
  await client.initialize();
  await client.open('contract.parity', CONTRACT);
  await client.diagnosticsFor('contract.parity');
}, 60_000);

afterAll(async () => {
  await client?.close();
});

const doc = (file: string) => ({ textDocument: { uri: client.uri(file) } });

describe('the language server over stdio', () => {
  test('publishes diagnostics as the author types, and clears them once fixed', async () => {
    const broken = CONTRACT.replace('weight 40%', 'weight 30%');
    const reported = client.diagnosticsFor('contract.parity', (d) =>
      d.some((x) => x.code === 'weights-not-100'),
    );
    await client.change('contract.parity', broken, 2);
    const diagnostics = await reported;
    expect(diagnostics.find((d) => d.code === 'weights-not-100')?.message).toContain('sum to 90%');
    const cleared = client.diagnosticsFor(
      'contract.parity',
      (d) => !d.some((x) => x.code === 'weights-not-100'),
    );
    await client.change('contract.parity', CONTRACT, 3);
    expect((await cleared).filter((d) => d.severity === 1)).toEqual([]);
  });

  test('completes measures in scope', async () => {
    const position = positionIn(CONTRACT, 'measure SmokersOffered', 'measure '.length);
    const completion = await client.request<CompletionList>('textDocument/completion', {
      ...doc('contract.parity'),
      position,
    });
    const labels = completion.items.map((i) => i.label);
    expect(labels).toContain('SmokersOffered');
    expect(labels).toContain('WeightChecked');
    expect(completion.items.find((i) => i.label === 'SmokersOffered')?.detail).toBe(
      'Smokers offered cessation support',
    );
  });

  test('hovers an indicator with the money at stake', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      ...doc('contract.parity'),
      position: positionIn(CONTRACT, 'indicator Smoking', 'indicator '.length),
    });
    const text = JSON.stringify(hover.contents);
    // 1.25% of £84,000,000 = £1,050,000; 60% of it = £630,000, £157,500 a quarter.
    expect(text).toContain('£630,000.00 a year');
    expect(text).toContain('£157,500.00');
  });

  test('hovers a measure with its definition and documentation', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      ...doc('contract.parity'),
      position: positionIn(CONTRACT, 'measure SmokersOffered', 'measure '.length + 2),
    });
    const text = JSON.stringify(hover.contents);
    expect(text).toContain('Minimum denominator 20');
    expect(text).toContain('People with SMI offered help to stop smoking');
  });

  test('goes to the definition in another file and finds references', async () => {
    const position = positionIn(CONTRACT, 'measure SmokersOffered', 'measure '.length + 1);
    const definition = await client.request<Array<Location | LocationLink>>('textDocument/definition', {
      ...doc('contract.parity'),
      position,
    });
    const target = definition[0];
    expect(target && ('targetUri' in target ? target.targetUri : target.uri)).toBe(
      client.uri('measures.parity'),
    );
    const references = await client.request<Location[]>('textDocument/references', {
      ...doc('contract.parity'),
      position,
      context: { includeDeclaration: false },
    });
    expect(references.filter((r) => r.uri === client.uri('contract.parity')).length).toBeGreaterThanOrEqual(
      3,
    );
  });

  test('renames a measure across files', async () => {
    const position = positionIn(CONTRACT, 'measure SmokersOffered', 'measure '.length + 1);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      ...doc('contract.parity'),
      position,
      newName: 'SmokersSupported',
    });
    const files = Object.keys(edit.changes ?? {});
    expect(files).toEqual(
      expect.arrayContaining([client.uri('contract.parity'), client.uri('measures.parity')]),
    );
    expect(
      (edit.changes?.[client.uri('contract.parity')] ?? []).every((e) => e.newText === 'SmokersSupported'),
    ).toBe(true);
  });

  test('formats to the canonical layout, and formatting again changes nothing', async () => {
    const messy = CONTRACT.replace('  year 2026/27', '      year    2026/27');
    await client.change('contract.parity', messy, 10);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      ...doc('contract.parity'),
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits[0]?.newText).toBe(CONTRACT);
    await client.change('contract.parity', CONTRACT, 11);
    expect(
      await client.request<TextEdit[]>('textDocument/formatting', {
        ...doc('contract.parity'),
        options: { tabSize: 2, insertSpaces: true },
      }),
    ).toEqual([]);
  });

  test('shows computed money beside percentages', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      ...doc('contract.parity'),
      range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
    });
    const labels = hints.map((h) => h.label);
    expect(labels).toEqual(expect.arrayContaining(['= £1,050,000.00', '= £630,000.00', '= £420,000.00']));
  });

  test('runs the contract tests in a code lens', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', doc('contract.parity'));
    expect(lenses.map((l) => l.command?.title)).toEqual(
      expect.arrayContaining(['✓ 1 test(s) passed', '✓ passed']),
    );
  });
});

describe('quick fixes', () => {
  async function fixesFor(file: string, text: string, version: number, code: string) {
    const codeOf = (d: { code?: unknown; data?: unknown }) =>
      d.code ?? (d.data as { code?: string } | undefined)?.code;
    const reported = client.diagnosticsFor(file, (d) => d.some((x) => codeOf(x) === code));
    await client.change(file, text, version);
    const diagnostic = (await reported).find((d) => codeOf(d) === code);
    return client.request<CodeAction[]>('textDocument/codeAction', {
      ...doc(file),
      range: diagnostic?.range,
      context: { diagnostics: [diagnostic] },
    });
  }

  function applied(text: string, edits: TextEdit[]): string {
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) =>
      lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return [...edits]
      .sort((a, b) => offset(b.range.start) - offset(a.range.start))
      .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
  }

  test('normalises weights to 100% and the contract then validates', async () => {
    const broken = CONTRACT.replace('weight 40%', 'weight 20%');
    const [fix] = await fixesFor('contract.parity', broken, 20, 'weights-not-100');
    expect(fix?.title).toContain('Normalise weights to 100% (75%, 25%)');
    const fixed = applied(broken, fix?.edit?.changes?.[client.uri('contract.parity')] ?? []);
    const clean = client.diagnosticsFor('contract.parity', (d) => !d.some((x) => x.severity === 1));
    await client.change('contract.parity', fixed, 21);
    expect(await clean).toBeDefined();
  });

  test('fixes a misspelt reference', async () => {
    const broken = CONTRACT.replace(
      'measure SmokersOffered\n      linear from 40%',
      'measure SmokersOfered\n      linear from 40%',
    );
    const fixes = await fixesFor('contract.parity', broken, 30, 'linking-error');
    const fix = fixes.find((f) => f.title === "Change to 'SmokersOffered'");
    expect(fix).toBeDefined();
    const clean = client.diagnosticsFor('contract.parity', (d) => !d.some((x) => x.severity === 1));
    await client.change(
      'contract.parity',
      applied(broken, fix?.edit?.changes?.[client.uri('contract.parity')] ?? []),
      31,
    );
    expect(await clean).toBeDefined();
  });

  test('adds a missing import', async () => {
    const broken = CONTRACT.replace('import "local/measures"\n', '');
    const fixes = await fixesFor('contract.parity', broken, 40, 'linking-error');
    const fix = fixes.find((f) => f.title === 'Import "local/measures"');
    expect(fix).toBeDefined();
    const clean = client.diagnosticsFor('contract.parity', (d) => !d.some((x) => x.severity === 1));
    await client.change(
      'contract.parity',
      applied(broken, fix?.edit?.changes?.[client.uri('contract.parity')] ?? []),
      41,
    );
    expect(await clean).toBeDefined();
  });

  test('adds a missing minimum denominator to the measure in its own file', async () => {
    const uses = CONTRACT.replace(
      'measure SmokersOffered\n      linear from 50%',
      'measure WeightChecked\n      linear from 50%',
    );
    const [fix] = await fixesFor('contract.parity', uses, 50, 'missing-minimum-denominator');
    const edits = fix?.edit?.changes?.[client.uri('measures.parity')] ?? [];
    expect(edits).toHaveLength(1);
    const fixedMeasures = applied(MEASURES, edits);
    expect(fixedMeasures).toContain('  period quarter\n  minimum denominator 20\n}');
    await client.open('measures.parity', MEASURES);
    const clean = client.diagnosticsFor(
      'contract.parity',
      (d) => !d.some((x) => x.code === 'missing-minimum-denominator'),
    );
    await client.change('measures.parity', fixedMeasures, 2);
    expect(await clean).toBeDefined();
    await client.change('contract.parity', CONTRACT, 51);
  });
});

describe('semantic tokens, outline and symbols over stdio', () => {
  test('colours names by what they refer to, and money, percentages and test names', async () => {
    const tokens = await client.request<SemanticTokens>(
      'textDocument/semanticTokens/full',
      doc('contract.parity'),
    );
    const decoded = decodeSemanticTokens(tokens.data, CONTRACT, PARITY_TOKEN_LEGEND);
    const at = (snippet: string, offset: number) => {
      const { line, character } = positionIn(CONTRACT, snippet, offset);
      const token = decoded.find((t) => t.line === line && t.character === character);
      return token && `${token.text}: ${[token.type, ...token.modifiers].join('.')}`;
    };
    expect(at('provider BradfordDistrictCare', 'provider '.length)).toBe(
      'BradfordDistrictCare: class.defaultLibrary',
    );
    expect(at('measure SmokersOffered', 'measure '.length)).toBe('SmokersOffered: function');
    expect(at('value £84,000,000', 'value '.length)).toBe('£84,000,000: number.money');
    expect(at('worth 1.25% of value', 'worth '.length)).toBe('1.25%: number.percentage');
    expect(at('indicator Smoking', 'indicator '.length)).toBe('Smoking: method.declaration');
    expect(at('test "Q1 at 45%', 'test '.length)).toBe(
      '"Q1 at 45% earns a quarter of the quarter": string.declaration',
    );
    expect(at('for Smoking {', 'for '.length)).toBe('Smoking: type');
    expect(at('  cquin Local', 2)).toBe('cquin: keyword');
  });

  test('outlines the contract: parties, the scheme and the money each indicator puts at stake', async () => {
    const symbols = await client.request<DocumentSymbol[]>(
      'textDocument/documentSymbol',
      doc('contract.parity'),
    );
    const tree = (list: DocumentSymbol[] = [], depth = 0): string[] =>
      list.flatMap((s) => [
        `${'  '.repeat(depth)}${s.name}${s.detail ? ` · ${s.detail}` : ''}`,
        ...tree(s.children, depth + 1),
      ]);
    expect(tree(symbols)).toEqual([
      'local.contract',
      '  nhs/organisations',
      '  local/measures',
      'Smoking · Smoking and weight CQUIN · cquin · 2026/27 · £84,000,000',
      '  BradfordPlace · commissioner',
      '  BradfordDistrictCare · provider',
      '  Local · CQUIN worth £1,050,000.00 · Local CQUIN',
      '    Smoking · £630,000.00 a year',
      '    Weight · £420,000.00 a year',
      'Q1 at 45% earns a quarter of the quarter · for Smoking',
    ]);
  });

  test('finds measures and organisations across the workspace and the built-in library', async () => {
    const search = (query: string) => client.request<WorkspaceSymbol[]>('workspace/symbol', { query });
    const where = (s: WorkspaceSymbol) =>
      `${s.containerName}.${s.name} in ${'uri' in s.location ? s.location.uri : ''}`;
    // A measure in a workspace file that is not open in the editor.
    expect((await search('WeightChecked')).map(where)).toEqual([
      `local.measures.WeightChecked in ${client.uri('measures.parity')}`,
    ]);
    // A measure and an organisation from the built-in library.
    expect((await search('SixChecksComplete')).map(where)).toEqual([
      expect.stringMatching(
        /^nhs\.measures\.smi\.SixChecksComplete in parity-library:.*measures\/smi\.parity$/,
      ),
    ]);
    const organisations = await search('BradfordDistrict');
    expect(organisations.map((s) => s.name)).toContain('BradfordDistrictCare');
    expect(organisations.every((s) => s.containerName === 'nhs.organisations')).toBe(true);
  });

  test('folds the imports and every block', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', doc('contract.parity'));
    const line = (snippet: string) => positionIn(CONTRACT, snippet).line;
    expect(folds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          startLine: line('import "nhs/organisations"'),
          endLine: line('import "local/measures"'),
          kind: 'imports',
        }),
        expect.objectContaining({
          startLine: line('contract Smoking'),
          endLine: line('    indicator Weight') + 4,
        }),
        expect.objectContaining({
          startLine: line('indicator Smoking'),
          endLine: line('linear from 40% to 60%'),
        }),
      ]),
    );
  });
});
