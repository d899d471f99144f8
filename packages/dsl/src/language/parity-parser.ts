import {
  type AstNode,
  createLangiumParser,
  type LangiumCoreServices,
  type LangiumParser,
  type ParseResult,
} from 'langium';
import { findExcessiveDepth, MAX_TREE_DEPTH } from './ast-depth.js';

/** Deeper nesting than this is refused before parsing: the recursive-descent parser would exhaust the stack. */
export const MAX_NESTING = 32;

/**
 * The generated parser, guarded against input nested deeply enough to overflow the call stack
 * (hundreds of parentheses or `not`s, or thousands of operators in a chain). Such a document parses
 * to an empty one with an error at the first token past the limit, so editors and the checker keep
 * working.
 */
export function createParityParser(services: LangiumCoreServices): LangiumParser {
  const parser = createLangiumParser(services);
  const parse = parser.parse.bind(parser);
  parser.parse = (<T>(text: string, options?: unknown) => {
    const tooDeep = findExcessiveNesting(text);
    if (tooDeep)
      return refused<T>(
        tooDeep,
        `Expressions are nested more than ${MAX_NESTING} levels deep here: split the condition into named measures or simpler parts.`,
      );
    let result: ParseResult<T>;
    try {
      result = parse(text, options as never) as unknown as ParseResult<T>;
    } catch (error) {
      // A chain of operators thousands long can exhaust the stack while the tree is built.
      if (!(error instanceof RangeError)) throw error;
      return refused<T>({ offset: 0, line: 1, column: 1 }, TOO_LONG);
    }
    const tooLong = findExcessiveDepth(result.value as AstNode)?.$cstNode;
    if (!tooLong) return result;
    const { start } = tooLong.range;
    return refused<T>(
      { offset: tooLong.offset, line: start.line + 1, column: start.character + 1 },
      TOO_LONG,
    );
  }) as LangiumParser['parse'];
  return parser;
}

const TOO_LONG = `An expression here chains more operators than can be read (over ${MAX_TREE_DEPTH} levels): split it into named measures or simpler parts.`;

/** An empty document with one error, so editors and the checker keep working on input refused. */
function refused<T>(place: Place, message: string): ParseResult<T> {
  return {
    value: { $type: 'Document', imports: [], declarations: [] } as unknown as T,
    lexerErrors: [{ offset: place.offset, length: 1, line: place.line, column: place.column, message }],
    parserErrors: [],
  };
}

interface Place {
  offset: number;
  line: number;
  column: number;
}

/** Finds the first place where brackets or a chain of `not`s nest past the limit, skipping strings and line and block comments. */
export function findExcessiveNesting(text: string): Place | undefined {
  // Runs before every parse, so it reads character codes rather than one-character strings.
  let depth = 0;
  let nots = 0;
  let line = 1;
  let lineStart = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === NEWLINE) {
      line++;
      lineStart = offset + 1;
    } else if (code === QUOTE) {
      offset = skipString(text, offset);
    } else if (code === SLASH && text.charCodeAt(offset + 1) === SLASH) {
      while (offset + 1 < text.length && text.charCodeAt(offset + 1) !== NEWLINE) offset++;
    } else if (code === SLASH && text.charCodeAt(offset + 1) === STAR) {
      // A block comment: brackets inside it nest nothing; count its lines.
      const end = text.indexOf('*/', offset + 2);
      const last = end < 0 ? text.length : end + 2;
      for (let at = text.indexOf('\n', offset); at >= 0 && at < last; at = text.indexOf('\n', at + 1)) {
        line++;
        lineStart = at + 1;
      }
      offset = last - 1;
    } else if (code === OPEN) {
      depth++;
    } else if (code === CLOSE) {
      depth = Math.max(0, depth - 1);
    } else if (
      code === LETTER_N &&
      text.startsWith('not', offset) &&
      !isWordCode(text.charCodeAt(offset - 1)) &&
      !isWordCode(text.charCodeAt(offset + 3))
    ) {
      nots++;
      offset += 2;
    } else if (isWordCode(code)) {
      nots = 0;
    }
    if (depth > MAX_NESTING || nots > MAX_NESTING) return { offset, line, column: offset - lineStart + 1 };
  }
  return undefined;
}

const [NEWLINE, QUOTE, SLASH, STAR, OPEN, CLOSE, LETTER_N] = ['\n', '"', '/', '*', '(', ')', 'n'].map((c) =>
  c.charCodeAt(0),
);

/** A character `\w` matches: a letter, digit or underscore (NaN, past either end, is not). */
function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

function skipString(text: string, start: number): number {
  for (let offset = start + 1; offset < text.length; offset++) {
    if (text[offset] === '\\') offset++;
    else if (text[offset] === '"' || text[offset] === '\n') return offset;
  }
  return text.length;
}
