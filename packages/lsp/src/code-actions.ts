import {
  type Document,
  IssueCodes,
  isAggregateReturn,
  isDataset,
  isIndicator,
  isMeasure,
  isMeasureUse,
  isRiskShare,
  isScheme,
  isShareLimit,
  packageOfImport,
} from '@parity/dsl';
import {
  type AstNode,
  AstUtils,
  CstUtils,
  type LangiumDocument,
  type MaybePromise,
  type Reference,
} from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import { normalisedWeights } from './weights.js';

/** Diagnostics of one request that quick fixes are looked for. */
const MOST_DIAGNOSTICS_FIXED = 100;

/**
 * Quick fixes for the common errors: normalise weights to 100%, add a missing minimum denominator,
 * add a missing assessment basis, combine two caps or collars into one `lesser of`, fix a misspelt
 * reference, and add a missing import.
 */
export class ParityCodeActionProvider implements CodeActionProvider {
  constructor(private readonly services: LangiumServices) {}

  getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<CodeAction[]> {
    // An editor asks about the diagnostics under the cursor or selection. A selection of a whole
    // broken file can hold thousands, and fixes for misspelt names search the scope for each: only
    // the first ones are answered, so the request stays quick.
    return params.context.diagnostics
      .slice(0, MOST_DIAGNOSTICS_FIXED)
      .flatMap((diagnostic) => this.fixesFor(document, diagnostic));
  }

  private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const code = (diagnostic.data as { code?: string } | undefined)?.code ?? diagnostic.code;
    const node = nodeAt(document, diagnostic.range);
    switch (code) {
      case IssueCodes.WeightsNotHundred:
        return this.normaliseWeights(document, diagnostic, node);
      case IssueCodes.MissingMinimumDenominator:
        return this.addMinimumDenominator(diagnostic, node);
      case IssueCodes.MissingAssessment:
        return ['quarterly', 'annually'].flatMap((basis) =>
          this.insertIntoBlock(
            document,
            diagnostic,
            node && AstUtils.getContainerOfType(node, isScheme),
            `assessed ${basis}`,
            `Assess ${basis}`,
          ),
        );
      case IssueCodes.MissingOverTime: {
        const source = node && AstUtils.getContainerOfType(node, (n) => isDataset(n) || isAggregateReturn(n));
        const kinds = isDataset(source)
          ? ['events', 'snapshots']
          : [
              'events',
              'snapshots',
              'cumulative',
              'levels read as latest',
              'levels read as average of months',
            ];
        return kinds.flatMap((kind) =>
          this.insertIntoBlock(document, diagnostic, source, `rows are ${kind}`, `Say the rows are ${kind}`),
        );
      }
      case IssueCodes.MissingDirection:
        return ['higher', 'lower'].flatMap((direction) =>
          this.insertIntoBlock(
            document,
            diagnostic,
            node && AstUtils.getContainerOfType(node, isMeasure),
            `${direction} is better`,
            `Say ${direction} is better`,
          ),
        );
      case IssueCodes.DuplicateLimit:
        return this.combineLimits(document, diagnostic, node);
      case 'linking-error':
        return [...this.suggestNames(document, diagnostic), ...this.suggestImport(document, diagnostic)];
      default:
        return [];
    }
  }

  private normaliseWeights(
    document: LangiumDocument,
    diagnostic: Diagnostic,
    node: AstNode | undefined,
  ): CodeAction[] {
    const scheme = node && AstUtils.getContainerOfType(node, isScheme);
    if (!scheme) return [];
    const indicators = scheme.members.filter(isIndicator).filter((i) => i.weight?.percent && !i.weight.base);
    const weights = normalisedWeights(indicators.map((i) => i.weight.percent ?? '0%'));
    if (!weights) return [];
    const edits = indicators.flatMap((indicator, index): TextEdit[] => {
      const cst = indicator.weight.$cstNode;
      return cst ? [{ range: cst.range, newText: weights[index] ?? '' }] : [];
    });
    return [
      action(
        `Normalise weights to 100% (${weights.join(', ')})`,
        diagnostic,
        document.textDocument.uri,
        edits,
        true,
      ),
    ];
  }

  /**
   * Two caps (or collars) on the same side become one, the lesser of their amounts: the first is
   * rewritten as `collar loss at lesser of (…)` and the lines of the others removed.
   */
  private combineLimits(
    document: LangiumDocument,
    diagnostic: Diagnostic,
    node: AstNode | undefined,
  ): CodeAction[] {
    const limit = node && AstUtils.getContainerOfType(node, isShareLimit);
    const share = limit && AstUtils.getContainerOfType(limit, isRiskShare);
    if (!limit || !share) return [];
    const same = share.members
      .filter(isShareLimit)
      .filter((l) => l.kind === limit.kind && l.side === limit.side);
    const amounts = same.flatMap((l) => (l.amount ? [l.amount] : l.amounts)).map((a) => a.$cstNode?.text);
    const [first, ...others] = same;
    if (!first?.$cstNode || amounts.some((a) => a === undefined) || others.some((l) => !l.$cstNode))
      return [];
    const combined = `${first.kind} ${first.side} at lesser of (${amounts.join(', ')})`;
    const text = document.textDocument;
    const edits: TextEdit[] = [
      { range: first.$cstNode.range, newText: combined },
      ...others.map((other) => {
        const { start, end } = (other.$cstNode as NonNullable<AstNode['$cstNode']>).range;
        const line = text.getText({
          start: { line: start.line, character: 0 },
          end: { line: end.line + 1, character: 0 },
        });
        // A clause alone on its lines goes with them; one sharing a line with others goes alone.
        const alone = line.trim() === text.getText({ start, end }).trim();
        return alone
          ? {
              range: { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } },
              newText: '',
            }
          : { range: { start, end }, newText: '' };
      }),
    ];
    return [action(`Combine into '${combined}'`, diagnostic, text.uri, edits, true)];
  }

  private addMinimumDenominator(diagnostic: Diagnostic, node: AstNode | undefined): CodeAction[] {
    const use = node && AstUtils.getContainerOfType(node, isMeasureUse);
    const measure = use?.measure.ref;
    const close =
      measure?.$cstNode && CstUtils.findLeafNodeAtOffset(measure.$cstNode, measure.$cstNode.end - 1);
    if (!measure || !close) return [];
    const uri = AstUtils.getDocument(measure).textDocument.uri;
    const edit = {
      range: { start: close.range.start, end: close.range.start },
      newText: '  minimum denominator 20\n',
    };
    return [
      action(
        `Add 'minimum denominator 20' to ${measure.name} (adjust the number to what the contract needs)`,
        diagnostic,
        uri,
        [edit],
        true,
      ),
    ];
  }

  private insertIntoBlock(
    document: LangiumDocument,
    diagnostic: Diagnostic,
    block: AstNode | undefined,
    clause: string,
    title: string,
  ): CodeAction[] {
    const cst = block?.$cstNode;
    const open = cst && CstUtils.streamCst(cst).find((n) => n.text === '{');
    if (!cst || !open) return [];
    const line = document.textDocument.getText({
      start: { line: cst.range.start.line, character: 0 },
      end: cst.range.start,
    });
    const indent = `${/^\s*/.exec(line)?.[0] ?? ''}  `;
    const edit = { range: { start: open.range.end, end: open.range.end }, newText: `\n${indent}${clause}` };
    return [action(title, diagnostic, document.textDocument.uri, [edit], false)];
  }

  private suggestNames(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const reference = referenceAt(document, diagnostic.range);
    if (!reference) return [];
    const scope = this.services.references.ScopeProvider.getScope(reference.info);
    const wanted = reference.ref.$refText;
    const names = [
      ...new Set(
        scope
          .getAllElements()
          .map((d) => d.name)
          .toArray(),
      ),
    ]
      .map((name) => ({ name, distance: distance(wanted.toLowerCase(), name.toLowerCase()) }))
      .filter((c) => c.distance <= Math.max(2, Math.floor(wanted.length / 3)))
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
      .slice(0, 3);
    return names.map((c, index) =>
      action(
        `Change to '${c.name}'`,
        diagnostic,
        document.textDocument.uri,
        [{ range: diagnostic.range, newText: c.name }],
        index === 0,
      ),
    );
  }

  private suggestImport(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const reference = referenceAt(document, diagnostic.range);
    if (!reference) return [];
    const root = document.parseResult.value as Document;
    // An import still being typed (`import` with no path yet) imports nothing.
    const imported = new Set((root.imports ?? []).map((i) => packageOfImport(i.path ?? '')));
    const wanted = reference.ref.$refText;
    const packages = this.services.shared.workspace.IndexManager.allElements()
      .filter((d) => d.type !== 'Document' && d.name.endsWith(`.${wanted}`))
      .map((d) => d.name.slice(0, -wanted.length - 1))
      .filter((pkg) => pkg !== root.name && !imported.has(pkg))
      .distinct()
      .toArray();
    const anchor = (root.imports?.at(-1) ?? root).$cstNode;
    const line = root.imports?.length
      ? (anchor?.range.end.line ?? 0) + 1
      : root.name
        ? (root.$cstNode?.range.start.line ?? 0) + 1
        : 0;
    return packages.map((pkg) =>
      action(
        `Import "${pkg.replaceAll('.', '/')}"`,
        diagnostic,
        document.textDocument.uri,
        [
          {
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            newText: `import "${pkg.replaceAll('.', '/')}"\n`,
          },
        ],
        false,
      ),
    );
  }
}

function action(
  title: string,
  diagnostic: Diagnostic,
  uri: string,
  edits: TextEdit[],
  preferred: boolean,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [uri]: edits } },
  };
}

function nodeAt(document: LangiumDocument, range: Range): AstNode | undefined {
  const root = document.parseResult.value.$cstNode;
  const offset = document.textDocument.offsetAt(range.start);
  return root ? CstUtils.findLeafNodeAtOffset(root, offset)?.astNode : undefined;
}

function referenceAt(
  document: LangiumDocument,
  range: Range,
): { ref: Reference; info: { reference: Reference; container: AstNode; property: string } } | undefined {
  const root = document.parseResult.value.$cstNode;
  const offset = document.textDocument.offsetAt(range.start);
  const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
  // The reference belongs to the node of the text at the offset or to one of its containers: looking
  // only there keeps a request for many diagnostics from walking the whole document for each.
  for (let node = leaf?.astNode; node; node = node.$container) {
    for (const info of AstUtils.streamReferences(node)) {
      const ref = info.reference as Reference;
      const cst = ref.$refNode;
      if (cst && cst.offset <= offset && offset < cst.end)
        return { ref, info: { reference: ref, container: info.container, property: info.property } };
    }
  }
  return undefined;
}

/** Edit distance between two names, for suggesting the one meant. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}
