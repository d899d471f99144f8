import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

type Token = LexerResult['tokens'][number];

/** Deeper nesting than this is refused before parsing: the recursive-descent parser would exhaust the stack. */
export const MAX_NESTING = 32;

/**
 * More operators than this in one run (`a or b or …`, `x + y + …`, `- - 1`) are refused before
 * parsing: the run builds a tree as deep as it is long, which linking, validation and compilation
 * walk recursively. Conditions as written use a handful; the tree-depth guard behind it allows 250.
 */
export const MAX_CHAIN = 200;

/**
 * The lexer, with a guard against input nested or chained deeply enough to overflow the call stack
 * (hundreds of brackets, `not`s or operators in a row). It counts tokens, so brackets and operators
 * in comments and strings count for nothing. Such a document is refused with one error at the first
 * token past the limit and no tokens, so it parses to an empty document and editors and the checker
 * keep working.
 */
export class ParityLexer extends DefaultLexer {
  override tokenize(text: string, options?: TokenizeOptions): LexerResult {
    const result = super.tokenize(text, options);
    const excess = findExcessiveNesting(result.tokens);
    if (excess === undefined) return result;
    const { token } = excess;
    return {
      tokens: [],
      hidden: [],
      report: result.report,
      errors: [
        {
          offset: token.startOffset,
          length: token.image.length,
          line: token.startLine,
          column: token.startColumn,
          message:
            excess.kind === 'nesting'
              ? `Expressions are nested more than ${MAX_NESTING} levels deep here: split the condition into named measures or simpler parts.`
              : `An expression here chains more operators than can be read (over ${MAX_CHAIN} in a row): split it into named measures or simpler parts.`,
        },
      ],
    };
  }
}

/** Operators whose runs build a tree as deep as the run is long. */
const CHAINING = new Set(['or', 'and', 'not', '+', '-', '*', '/']);

/**
 * Tokens that may stand between chaining operators in one expression. Any other token (a clause's
 * keyword, a brace, a comma) ends the expression, and its run starts again from nothing.
 */
const WITHIN_EXPRESSION = new Set([
  'ID',
  'NUMBER',
  'MONEY',
  'PERCENT',
  'DATE',
  'MONTH',
  'STRING',
  'true',
  'false',
  '.',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'is',
  'recorded',
  'in',
]);

/**
 * The first token where brackets or a run of `not`s nest past the limit, or a run of operators
 * within one bracket level grows past its limit; what a parenthesised group holds counts at its
 * own level.
 */
export function findExcessiveNesting(
  tokens: readonly Token[],
): { token: Token; kind: 'nesting' | 'chain' } | undefined {
  let nots = 0;
  const chains: number[] = [0];
  for (const token of tokens) {
    const name = token.tokenType.name;
    if (name === '(') chains.push(0);
    else if (name === ')') {
      if (chains.length > 1) chains.pop();
    } else if (CHAINING.has(name)) chains[chains.length - 1] = (chains.at(-1) as number) + 1;
    else if (!WITHIN_EXPRESSION.has(name)) chains[chains.length - 1] = 0;
    if (name === 'not') nots++;
    else if (name !== '(') nots = 0;
    if (chains.length - 1 > MAX_NESTING || nots > MAX_NESTING) return { token, kind: 'nesting' };
    if ((chains.at(-1) as number) > MAX_CHAIN) return { token, kind: 'chain' };
  }
  return undefined;
}
