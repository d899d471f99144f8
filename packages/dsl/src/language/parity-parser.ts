import {
  type AstNode,
  type CstNode,
  createParser,
  isCompositeCstNode,
  type LangiumCoreServices,
  LangiumParser,
  type ParseResult,
  type ParserOptions,
} from 'langium';
import { findExcessiveDepth, MAX_TREE_DEPTH } from './ast-depth.js';

/**
 * The generated parser, guarded against a chain of operators thousands long: it builds a tree as
 * deep as the chain, which linking and validation would walk recursively past the call stack.
 * Such a document parses to an empty one with an error at the node past the limit, so editors and
 * the checker keep working. (Nesting past the parser's own stack is refused by the lexer.)
 */
export class ParityParser extends LangiumParser {
  override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
    let result: ParseResult<T>;
    try {
      result = super.parse<T>(input, options);
    } catch (error) {
      // Building the tree of such a chain can itself exhaust the stack.
      if (!(error instanceof RangeError)) throw error;
      return refused<T>({ offset: 0, line: 1, column: 1 });
    }
    const tooLong = findExcessiveDepth(result.value)?.$cstNode;
    if (!tooLong) return result;
    const first = firstLeaf(tooLong);
    const { start } = first.range;
    return refused<T>({ offset: first.offset, line: start.line + 1, column: start.character + 1 });
  }
}

/**
 * The first token of a node, found without recursion: a composite node's range is computed
 * recursively from its children, which on a chain thousands deep would exhaust the stack.
 */
function firstLeaf(node: CstNode): CstNode {
  let leaf = node;
  while (isCompositeCstNode(leaf) && leaf.content.length > 0) leaf = leaf.content[0] as CstNode;
  return leaf;
}

/** Builds the parser from the grammar, as Langium's own `createLangiumParser` does. */
export function createParityParser(services: LangiumCoreServices): LangiumParser {
  const parser = createParser(services.Grammar, new ParityParser(services), services.parser.Lexer.definition);
  parser.finalize();
  return parser;
}

/** An empty document with one error, so editors and the checker keep working on input refused. */
function refused<T>(place: { offset: number; line: number; column: number }): ParseResult<T> {
  return {
    value: { $type: 'Document', imports: [], declarations: [] } as unknown as T,
    lexerErrors: [
      {
        ...place,
        length: 1,
        message: `An expression here chains more operators than can be read (over ${MAX_TREE_DEPTH} levels): split it into named measures or simpler parts.`,
      },
    ],
    parserErrors: [],
  };
}
