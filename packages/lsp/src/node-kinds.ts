import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

/**
 * How each kind of declaration shows in the outline, in workspace symbol search and in completion:
 * organisations are objects, datasets are structs with fields, measures are functions (they compute
 * a value from data), contracts are classes, the clauses that pay money are methods, tests are events.
 */
const KINDS: Record<string, [SymbolKind, CompletionItemKind]> = {
  Document: [SymbolKind.Package, CompletionItemKind.Module],
  Import: [SymbolKind.Module, CompletionItemKind.Module],
  Organisation: [SymbolKind.Object, CompletionItemKind.Value],
  Party: [SymbolKind.Object, CompletionItemKind.Value],
  ProviderShare: [SymbolKind.Object, CompletionItemKind.Value],
  Dataset: [SymbolKind.Struct, CompletionItemKind.Struct],
  AggregateReturn: [SymbolKind.Struct, CompletionItemKind.Struct],
  Field: [SymbolKind.Field, CompletionItemKind.Field],
  Measure: [SymbolKind.Function, CompletionItemKind.Function],
  Contract: [SymbolKind.Class, CompletionItemKind.Class],
  Scheme: [SymbolKind.Module, CompletionItemKind.Module],
  RiskShare: [SymbolKind.Module, CompletionItemKind.Module],
  Pilot: [SymbolKind.Namespace, CompletionItemKind.Module],
  Indicator: [SymbolKind.Method, CompletionItemKind.Method],
  IndicatorPart: [SymbolKind.Method, CompletionItemKind.Method],
  AbsorbedCost: [SymbolKind.Constant, CompletionItemKind.Constant],
  ActivityLine: [SymbolKind.Method, CompletionItemKind.Method],
  Capitation: [SymbolKind.Method, CompletionItemKind.Method],
  YearOfCare: [SymbolKind.Method, CompletionItemKind.Method],
  Budget: [SymbolKind.Constant, CompletionItemKind.Constant],
  ContractTest: [SymbolKind.Event, CompletionItemKind.Event],
};

/** Clauses shown in the outline that are settings of their container rather than declarations. */
const CLAUSE: [SymbolKind, CompletionItemKind] = [SymbolKind.Property, CompletionItemKind.Property];

export function kindsOf(type: string): [SymbolKind, CompletionItemKind] {
  return KINDS[type] ?? CLAUSE;
}

export class ParityNodeKindProvider implements NodeKindProvider {
  getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
    return kindsOf(typeOf(node))[0];
  }

  getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
    return kindsOf(typeOf(node))[1];
  }
}

function typeOf(node: AstNode | AstNodeDescription): string {
  // A description has `type`; a node has `$type` (and a field node also has a `type` of its own).
  return '$type' in node ? node.$type : node.type;
}
