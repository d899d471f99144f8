import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { TextDocumentContentProvider, Uri } from 'vscode';

/** The scheme the language server gives the built-in library's documents. */
export const LIBRARY_SCHEME = 'parity-library';

/**
 * Shows the shared contract library read-only, so "Go to Definition" on an imported organisation
 * or national measure opens its declaration. `parity-library:///measures/smi.parity` is the file
 * `measures/smi.parity` of the library folder shipped inside the extension.
 */
export class LibraryDocuments implements TextDocumentContentProvider {
  constructor(private readonly libraryDir: string) {}

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const file = normalize(join(this.libraryDir, uri.path));
    if (!file.startsWith(this.libraryDir + sep))
      throw new Error(`Not in the Parity library: ${uri.toString()}`);
    return readFile(file, 'utf8');
  }
}
