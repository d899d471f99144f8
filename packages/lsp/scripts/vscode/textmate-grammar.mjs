// The TextMate grammar VS Code uses to colour Parity before (and beside) the language server.
//
// The keywords come from the Langium grammar itself, so the colouring follows the language as it
// changes. They are sorted into kinds a colour theme knows: declarations, word operators, the
// enumerated values of data-type rules (sectors, health domains, arrangement kinds...) and the
// other clause keywords. Literals mirror the grammar's terminals: money (£), percentages, dates,
// months, financial years and numbers.

import { createParityServices } from '@parity/dsl';
import { AstUtils, EmptyFileSystem, GrammarAST, GrammarUtils } from 'langium';

/** Keywords that open a top-level declaration. */
const DECLARATIONS = new Set([
  'package',
  'import',
  'organisation',
  'dataset',
  'aggregate',
  'measure',
  'contract',
  'test',
]);

/** Keywords that combine conditions and values. */
const WORD_OPERATORS = new Set(['and', 'or', 'not', 'in', 'is', 'within']);

/** Data-type rules that list identifiers, not enumerated values. */
const NAME_RULES = new Set(['Name', 'QualifiedName', 'PackageName', 'SignedNumber']);

const ID = '[_a-zA-Z]\\w*';
// A word keyword stands alone: not part of an identifier, a hyphenated word or a qualified name.
const before = '(?<![\\w.-])';
const after = '(?![\\w-])';

/** Word keywords of the grammar, each with whether it only ever appears as an enumerated value. */
export function grammarKeywords() {
  const grammar = createParityServices(EmptyFileSystem).Parity.Grammar;
  const kinds = new Map();
  for (const rule of grammar.rules) {
    if (!GrammarAST.isParserRule(rule) || NAME_RULES.has(rule.name)) continue;
    const enumerated = GrammarUtils.isDataTypeRule(rule);
    for (const node of AstUtils.streamAllContents(rule)) {
      if (!GrammarAST.isKeyword(node) || !/^[A-Za-z][\w-]*$/.test(node.value)) continue;
      kinds.set(node.value, (kinds.get(node.value) ?? true) && enumerated);
    }
  }
  return kinds;
}

function wordsPattern(words) {
  // Longest first, so `care-home` wins over `care`.
  const sorted = [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `${before}(${sorted.join('|')})${after}`;
}

/** Builds the grammar as a plain object, ready to be written as JSON. */
export function parityTextMateGrammar() {
  const keywords = grammarKeywords();
  const words = { declaration: [], operator: [], boolean: [], quarter: [], enumerated: [], clause: [] };
  for (const [word, enumerated] of keywords) {
    if (DECLARATIONS.has(word)) words.declaration.push(word);
    else if (WORD_OPERATORS.has(word)) words.operator.push(word);
    else if (word === 'true' || word === 'false') words.boolean.push(word);
    else if (/^Q[1-4]$/.test(word)) words.quarter.push(word);
    else if (enumerated) words.enumerated.push(word);
    else words.clause.push(word);
  }
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Parity',
    scopeName: 'source.parity',
    fileTypes: ['parity'],
    patterns: [
      { include: '#comments' },
      { include: '#strings' },
      { include: '#declarations' },
      { include: '#literals' },
      { include: '#keywords' },
      { include: '#operators' },
      { include: '#punctuation' },
    ],
    repository: {
      comments: {
        patterns: [
          {
            name: 'comment.block.documentation.parity',
            begin: '/\\*\\*(?!/)',
            end: '\\*/',
            captures: { 0: { name: 'punctuation.definition.comment.parity' } },
          },
          {
            name: 'comment.block.parity',
            begin: '/\\*',
            end: '\\*/',
            captures: { 0: { name: 'punctuation.definition.comment.parity' } },
          },
          {
            name: 'comment.line.double-slash.parity',
            match: '(//).*$',
            captures: { 1: { name: 'punctuation.definition.comment.parity' } },
          },
        ],
      },
      strings: {
        name: 'string.quoted.double.parity',
        begin: '"',
        end: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.parity' } },
        endCaptures: { 0: { name: 'punctuation.definition.string.end.parity' } },
        patterns: [{ name: 'constant.character.escape.parity', match: '\\\\.' }],
      },
      declarations: {
        patterns: [
          {
            comment: 'package demo.bradford',
            match: `${before}(package)\\s+(${ID}(?:\\.${ID})*)`,
            captures: {
              1: { name: 'keyword.other.declaration.parity' },
              2: { name: 'entity.name.namespace.parity' },
            },
          },
          {
            comment: 'contract Name "Title", measure Name "Title", indicator Name weight ...',
            match: `${before}(organisation|dataset|measure|contract|cquin|withhold|activity|capitation|indicator)\\s+(${ID})(?=\\s+("|weight${after}))`,
            captures: {
              1: { name: 'keyword.other.declaration.parity' },
              2: { name: 'entity.name.type.parity' },
            },
          },
          {
            comment: 'aggregate return Name, risk share Name, year of care Name',
            match: `${before}(aggregate\\s+return|risk\\s+share|year\\s+of\\s+care)\\s+(${ID})(?=\\s+")`,
            captures: {
              1: { name: 'keyword.other.declaration.parity' },
              2: { name: 'entity.name.type.parity' },
            },
          },
          {
            comment: 'a dataset field: name: type',
            match: `^\\s*(${ID})\\s*(:)\\s*(?=[a-z])`,
            captures: {
              1: { name: 'variable.other.property.parity' },
              2: { name: 'punctuation.separator.key-value.parity' },
            },
          },
        ],
      },
      literals: {
        patterns: [
          { name: 'constant.numeric.money.parity', match: '£[0-9][0-9,]*(?:\\.[0-9]+)?[mk]?(?!\\w)' },
          { name: 'constant.numeric.percentage.parity', match: '(?<![\\w.])[0-9][0-9,]*(?:\\.[0-9]+)?%' },
          {
            name: 'constant.numeric.date.parity',
            match: '(?<![\\w.])[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2})?(?![\\w])',
          },
          { name: 'constant.numeric.month.parity', match: '(?<![\\w.])[0-9]{4}-[0-9]{2}(?![\\w-])' },
          { name: 'constant.numeric.financial-year.parity', match: '(?<![\\w.])[0-9]{4}/[0-9]{2}(?![\\w])' },
          {
            name: 'constant.numeric.parity',
            match: '(?<![\\w.])[0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?(?![\\w%])',
          },
        ],
      },
      keywords: {
        patterns: [
          { name: 'keyword.other.declaration.parity', match: wordsPattern(words.declaration) },
          { name: 'keyword.operator.word.parity', match: wordsPattern(words.operator) },
          { name: 'constant.language.boolean.parity', match: wordsPattern(words.boolean) },
          { name: 'constant.language.quarter.parity', match: wordsPattern(words.quarter) },
          { name: 'support.constant.parity', match: wordsPattern(words.enumerated) },
          { name: 'keyword.control.parity', match: wordsPattern(words.clause) },
        ],
      },
      operators: {
        patterns: [
          { name: 'keyword.operator.comparison.parity', match: '!=|<=|>=|=|<|>' },
          { name: 'keyword.operator.arithmetic.parity', match: '[-+*/]' },
          { name: 'keyword.operator.optional.parity', match: '\\?' },
        ],
      },
      punctuation: {
        patterns: [
          { name: 'punctuation.section.block.begin.parity', match: '\\{' },
          { name: 'punctuation.section.block.end.parity', match: '\\}' },
          { name: 'punctuation.section.parens.begin.parity', match: '\\(' },
          { name: 'punctuation.section.parens.end.parity', match: '\\)' },
          { name: 'punctuation.separator.comma.parity', match: ',' },
          { name: 'punctuation.separator.key-value.parity', match: ':' },
          { name: 'punctuation.accessor.parity', match: '\\.' },
        ],
      },
    },
  };
}
