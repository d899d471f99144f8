import { type AstNode, AstUtils } from 'langium';
import type { Document } from '../language/generated/ast.js';
import { qualifiedName } from '../language/parity-names.js';

/** Gives a declaration its model name: package-qualified for top-level declarations. */
export type NameOf = (node: AstNode & { name: string }) => string;

export const nameOf: NameOf = (node) => {
  if (node.$container && node.$container.$type !== 'Document') return node.name;
  const root = AstUtils.getDocument(node).parseResult.value as Document;
  return qualifiedName(root.name, node.name);
};
