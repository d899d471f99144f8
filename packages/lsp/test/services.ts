import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readSources } from '@parity/dsl/node';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { createParityLspServices, type ParityLspServices } from '../src/parity-lsp-module.js';

/** The repository's contracts: the shared NHS library and the demonstration contracts. */
export const CONTRACTS_DIR = resolve(import.meta.dirname, '../../../contracts');
export const LIBRARY_DIR = join(CONTRACTS_DIR, 'nhs');

/** The text of a demonstration contract, by file name. */
export function demoContract(file: string): string {
  return readFileSync(join(CONTRACTS_DIR, 'demo', file), 'utf8');
}

export type TestServices = ParityLspServices & { library: LangiumDocument[] };

/**
 * The language server's services without a connection, with the NHS library loaded and built as
 * the language server loads it, so demonstration contracts that import it link.
 */
export async function createServicesWithLibrary(): Promise<TestServices> {
  const services = createParityLspServices(EmptyFileSystem);
  const { shared } = services;
  shared.workspace.ConfigurationProvider.initialized({});
  const library = (await readSources([LIBRARY_DIR])).map((source) =>
    shared.workspace.LangiumDocumentFactory.fromString(
      source.text,
      URI.parse(`parity-library:///${relative(LIBRARY_DIR, source.path)}`),
    ),
  );
  for (const document of library) shared.workspace.LangiumDocuments.addDocument(document);
  await shared.workspace.DocumentBuilder.build(library, { validation: true });
  return { ...services, library };
}

/** Puts a test marker (`<|>`, `<|`, `|>`) into a text at an offset within the first occurrence of a snippet. */
export function mark(text: string, snippet: string, offsetInSnippet: number, marker = '<|>'): string {
  const at = text.indexOf(snippet);
  if (at < 0) throw new Error(`not found: ${snippet}`);
  const offset = at + offsetInSnippet;
  return `${text.slice(0, offset)}${marker}${text.slice(offset)}`;
}
