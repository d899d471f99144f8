import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';

/**
 * Langium's document validator, giving every diagnostic a code editors show and filter on.
 * Parity's own checks set one (an `IssueCodes` value); Langium's lexer, parser and linker put
 * theirs only in the diagnostic's data (`lexing-error`, `parsing-error`, and `linking-error` for a
 * reference that names nothing in scope). Those are promoted to the code, as `parity check` and the
 * service already report them, so a problem has the same code everywhere.
 */
export class ParityDocumentValidator extends DefaultDocumentValidator {
  override async validateDocument(
    document: LangiumDocument,
    options?: ValidationOptions,
    cancelToken?: CancellationToken,
  ): Promise<Diagnostic[]> {
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    return diagnostics.map((diagnostic) => {
      const code = diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code;
      return code === undefined ? diagnostic : { ...diagnostic, code };
    });
  }
}
