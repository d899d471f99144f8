import type { AstNode } from 'langium';

/**
 * Deeper syntax trees than this are refused. A long chain of operators (`a + b + c …` or
 * `x = 1 or x = 2 or …`) builds a tree as deep as the chain is long, and the recursive walks of
 * linking, validation and compilation would exhaust the call stack on a few thousand levels.
 * Contracts as written stay far below: a condition of 32 nested brackets is some 100 levels deep.
 */
export const MAX_TREE_DEPTH = 250;

/** The first node deeper than the limit, found without recursion (it runs after every parse). */
export function findExcessiveDepth(root: AstNode): AstNode | undefined {
  const nodes: AstNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop() as AstNode;
    const depth = depths.pop() as number;
    if (depth > MAX_TREE_DEPTH) return node;
    for (const key in node) {
      if (key.charCodeAt(0) === DOLLAR) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) {
          if (isAstNode(item)) {
            nodes.push(item);
            depths.push(depth + 1);
          }
        }
      } else if (isAstNode(value)) {
        nodes.push(value);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

const DOLLAR = '$'.charCodeAt(0);

function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}
