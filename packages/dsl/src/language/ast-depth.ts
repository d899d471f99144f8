import type { AstNode } from 'langium';

/**
 * Deeper syntax trees than this are refused. A long chain of operators (`a + b + c …` or
 * `x = 1 or x = 2 or …`) builds a tree as deep as the chain is long, and the recursive walks of
 * linking, validation and compilation would exhaust the call stack on a few thousand levels.
 * Contracts as written stay far below: a condition of 32 nested brackets is some 100 levels deep.
 */
export const MAX_TREE_DEPTH = 250;

/** The first node deeper than the limit, found without recursion. */
export function findExcessiveDepth(root: AstNode): AstNode | undefined {
  const pending: Array<[AstNode, number]> = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (depth > MAX_TREE_DEPTH) return node;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('$')) continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (isAstNode(child)) pending.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}

function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}
