import { formatParity } from '@parity/dsl';
import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { TextEdit } from 'vscode-languageserver';

/** Formatting through the same canonical layout as `parity fmt`, as one edit of the whole text. */
export class ParityFormatter implements Formatter {
  formatDocument(document: LangiumDocument): TextEdit[] {
    const text = document.textDocument.getText();
    const formatted = formatParity(text);
    if (formatted === text) return [];
    return [
      {
        range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
        newText: formatted,
      },
    ];
  }

  formatDocumentRange(document: LangiumDocument): TextEdit[] {
    return this.formatDocument(document);
  }

  formatDocumentOnType(): TextEdit[] {
    return [];
  }

  get formatOnTypeOptions() {
    return undefined;
  }
}
