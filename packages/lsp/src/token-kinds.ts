import { AllSemanticTokenModifiers, AllSemanticTokenTypes } from 'langium/lsp';
import { SemanticTokenTypes } from 'vscode-languageserver';

/**
 * The semantic token each kind of declaration gets, at its declaration and wherever it is named.
 * Only standard token types are used, so any colour theme tells them apart:
 *
 *   organisation                        class      (the parties to contracts)
 *   dataset, aggregate return           struct     (records with fields)
 *   field                               property
 *   measure                             function   (computes a value from data)
 *   contract                            type
 *   scheme, indicator, payment lines    method     (each computes money)
 *   package, import, `smi.` qualifier   namespace
 */
export const DECLARATION_TOKENS: Record<string, SemanticTokenTypes> = {
  Document: SemanticTokenTypes.namespace,
  Organisation: SemanticTokenTypes.class,
  Dataset: SemanticTokenTypes.struct,
  AggregateReturn: SemanticTokenTypes.struct,
  Field: SemanticTokenTypes.property,
  Measure: SemanticTokenTypes.function,
  Contract: SemanticTokenTypes.type,
  Scheme: SemanticTokenTypes.method,
  Indicator: SemanticTokenTypes.method,
  RiskShare: SemanticTokenTypes.method,
  ActivityLine: SemanticTokenTypes.method,
  Capitation: SemanticTokenTypes.method,
  YearOfCare: SemanticTokenTypes.method,
  Budget: SemanticTokenTypes.method,
};

/**
 * Modifiers beyond the standard ones, so a theme or user setting can colour money and percentages
 * apart from other numbers (`"number.money": "#2e7d32"` in `editor.semanticTokenColorCustomizations`),
 * and periods (financial years, months, dates) apart from both.
 */
export const ParityTokenModifiers = { money: 'money', percentage: 'percentage', period: 'period' } as const;

const standardCount = Object.keys(AllSemanticTokenModifiers).length;

export const PARITY_TOKEN_MODIFIERS: Record<string, number> = {
  ...AllSemanticTokenModifiers,
  [ParityTokenModifiers.money]: 1 << standardCount,
  [ParityTokenModifiers.percentage]: 1 << (standardCount + 1),
  [ParityTokenModifiers.period]: 1 << (standardCount + 2),
};

/** Terminals that are highlighted by what they are, wherever they appear. */
export const LITERAL_TOKENS: Record<string, [SemanticTokenTypes, string?]> = {
  MONEY: [SemanticTokenTypes.number, ParityTokenModifiers.money],
  PERCENT: [SemanticTokenTypes.number, ParityTokenModifiers.percentage],
  NUMBER: [SemanticTokenTypes.number],
  DATE: [SemanticTokenTypes.number, ParityTokenModifiers.period],
  MONTH: [SemanticTokenTypes.number, ParityTokenModifiers.period],
  FINANCIAL_YEAR: [SemanticTokenTypes.number, ParityTokenModifiers.period],
  STRING: [SemanticTokenTypes.string],
};

/** Words that combine or compare: `and`, `or`, `not`, `=`, `<=`, `+`… */
export const OPERATORS = new Set([
  'and',
  'or',
  'not',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '?',
]);

/**
 * Keywords assigned to a property are values (a sector, a health domain, a quarter, a schedule) and
 * are highlighted as enum members, except these, which read as the clause's own keyword:
 * `cquin Local…`, `provider X`, `gain shared…`, `linear from…`, `higher is better`.
 */
export const KEYWORD_PROPERTIES = new Set([
  'kind',
  'keyword',
  'role',
  'side',
  'part',
  'direction',
  'value',
  'evidence',
  'beyond',
  'all',
  'across',
]);

/** Properties whose text explains a declaration rather than naming data. */
export const DOCUMENTATION_PROPERTIES = new Set(['title', 'description', 'text']);

/** The legend the server announces: which index means which token type and which bit which modifier. */
export const PARITY_TOKEN_LEGEND = {
  tokenTypes: Object.keys(AllSemanticTokenTypes),
  tokenModifiers: Object.keys(PARITY_TOKEN_MODIFIERS),
};
