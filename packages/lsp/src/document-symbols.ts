import type { Document } from '@parity/dsl';
import { type AstNode, GrammarUtils, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import { kindsOf } from './node-kinds.js';
import { outlineEntry } from './outline.js';

/**
 * The outline of a Parity file: the package with its imports, then each declaration. A contract
 * lists its parties, schemes (with their indicators and the money each puts at stake), payment
 * lines, risk shares (with their clauses), pilots and monitored measures; a dataset lists its fields.
 */
export class ParityDocumentSymbolProvider implements DocumentSymbolProvider {
  getSymbols(document: LangiumDocument): DocumentSymbol[] {
    const root = document.parseResult.value as Document;
    const imports = root.imports.map(symbolOf).filter((s) => s !== undefined);
    const declarations = root.declarations.map(symbolOf).filter((s) => s !== undefined);
    const pack = packageSymbol(root, imports);
    return pack ? [pack, ...declarations] : [...imports, ...declarations];
  }
}

function symbolOf(node: AstNode): DocumentSymbol | undefined {
  const entry = outlineEntry(node);
  const cst = node.$cstNode;
  if (!entry || !cst) return undefined;
  const selected = GrammarUtils.findNodeForProperty(cst, entry.selection ?? 'name') ?? cst;
  const children = (entry.children ?? []).map(symbolOf).filter((s) => s !== undefined);
  return {
    // Editors refuse symbols without a name, which a half-typed declaration may lack.
    name: entry.name?.trim() || `(${node.$type})`,
    detail: entry.detail,
    kind: kindsOf(node.$type)[0],
    range: cst.range,
    selectionRange: selected.range,
    children: children.length > 0 ? children : undefined,
  };
}

/** The `package` line, spanning the imports beneath it, which it lists. */
function packageSymbol(root: Document, imports: DocumentSymbol[]): DocumentSymbol | undefined {
  const name = GrammarUtils.findNodeForProperty(root.$cstNode, 'name');
  const keyword = GrammarUtils.findNodeForKeyword(root.$cstNode, 'package');
  if (!root.name || !name || !keyword) return undefined;
  const end = imports.at(-1)?.range.end ?? name.range.end;
  return {
    name: root.name,
    kind: kindsOf('Document')[0],
    range: { start: keyword.range.start, end },
    selectionRange: name.range,
    children: imports.length > 0 ? imports : undefined,
  };
}
