import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import type { IssueCode } from './issue-codes.js';

/**
 * Reports a problem with its issue code, both as the diagnostic's `code` (shown to authors) and in
 * its `data` (read by quick fixes).
 */
export function report<N extends AstNode>(
  accept: ValidationAcceptor,
  severity: 'error' | 'warning' | 'info',
  code: IssueCode,
  message: string,
  info: Omit<DiagnosticInfo<N>, 'code' | 'data'> & { data?: Record<string, unknown> },
): void {
  accept(severity, message, { ...info, code, data: { code, ...info.data } } as DiagnosticInfo<N>);
}
