import type { SourceLocation } from '@parity/engine';
import { type AstNode, AstUtils } from 'langium';

/** Names the file a document came from, as it should appear in compiled locations. */
export type FileNamer = (uri: string) => string;

/** The 1-based source location of a node, for results that point back to their clause. */
export function locationOf(node: AstNode, fileOf: FileNamer): SourceLocation {
  const range = node.$cstNode?.range;
  const file = fileOf(AstUtils.getDocument(node).uri.toString());
  if (!range) return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return {
    file,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
