import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

type Token = LexerResult['tokens'][number];

/** Deeper nesting than this is refused before parsing: the recursive-descent parser would exhaust the stack. */
export const MAX_NESTING = 32;

/**
 * The lexer, with a guard against input nested deeply enough to overflow the parser's call stack
 * (hundreds of brackets or `not`s). It counts tokens, so brackets in comments and strings nest
 * nothing. Such a document is refused with one error at the first token past the limit and no
 * tokens, so it parses to an empty document and editors and the checker keep working.
 */
export class ParityLexer extends DefaultLexer {
  override tokenize(text: string, options?: TokenizeOptions): LexerResult {
    const result = super.tokenize(text, options);
    const tooDeep = findExcessiveNesting(result.tokens);
    if (tooDeep === undefined) return result;
    return {
      tokens: [],
      hidden: [],
      report: result.report,
      errors: [
        {
          offset: tooDeep.startOffset,
          length: tooDeep.image.length,
          line: tooDeep.startLine,
          column: tooDeep.startColumn,
          message: `Expressions are nested more than ${MAX_NESTING} levels deep here: split the condition into named measures or simpler parts.`,
        },
      ],
    };
  }
}

/** The first token where brackets, or a run of `not`s, nest past the limit. */
export function findExcessiveNesting(tokens: readonly Token[]): Token | undefined {
  let depth = 0;
  let nots = 0;
  for (const token of tokens) {
    const name = token.tokenType.name;
    if (name === '(') depth++;
    else if (name === ')') depth = Math.max(0, depth - 1);
    if (name === 'not') nots++;
    else if (name !== '(') nots = 0;
    if (depth > MAX_NESTING || nots > MAX_NESTING) return token;
  }
  return undefined;
}
