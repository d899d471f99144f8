import type { Document } from '@parity/dsl';
import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';

/**
 * Folds every block (contracts, schemes, indicators, measures, datasets, tests, rows…) and block
 * comment, as Langium does by default, and adds what the default misses: a run of `//` comment
 * lines (the way Parity files explain their figures) and the imports. Where several ranges start on
 * one line (a clause and the expression it holds) only the widest is kept, as an editor can show
 * one fold per line.
 */
export class ParityFoldingRangeProvider extends DefaultFoldingRangeProvider {
  protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
    const ranges: FoldingRange[] = [];
    super.collectFolding(document, (range) => ranges.push(range));
    ranges.push(...lineCommentRuns(document), ...importRange(document));
    for (const range of widestPerLine(ranges)) acceptor(range);
  }
}

function lineCommentRuns(document: LangiumDocument): FoldingRange[] {
  const root = document.parseResult.value.$cstNode;
  if (!root) return [];
  const lines = CstUtils.flattenCst(root)
    .filter((leaf) => leaf.tokenType.name === 'SL_COMMENT')
    .map((leaf) => leaf.range.start.line)
    .toArray();
  const runs: Array<{ start: number; end: number }> = [];
  for (const line of lines) {
    const run = runs.at(-1);
    if (run && line === run.end + 1) run.end = line;
    else if (!run || line > run.end) runs.push({ start: line, end: line });
  }
  return runs
    .filter((run) => run.end > run.start)
    .map((run) => FoldingRange.create(run.start, run.end, undefined, undefined, FoldingRangeKind.Comment));
}

function importRange(document: LangiumDocument): FoldingRange[] {
  const imports = (document.parseResult.value as Document).imports;
  const first = imports[0]?.$cstNode;
  const last = imports.at(-1)?.$cstNode;
  if (!first || !last || last.range.end.line === first.range.start.line) return [];
  return [
    FoldingRange.create(
      first.range.start.line,
      last.range.end.line,
      undefined,
      undefined,
      FoldingRangeKind.Imports,
    ),
  ];
}

function widestPerLine(ranges: FoldingRange[]): FoldingRange[] {
  const byLine = new Map<number, FoldingRange>();
  for (const range of ranges) {
    const kept = byLine.get(range.startLine);
    if (!kept || range.endLine > kept.endLine) byLine.set(range.startLine, range);
  }
  return [...byLine.values()].sort((a, b) => a.startLine - b.startLine);
}
