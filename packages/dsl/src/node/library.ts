import { join, relative, sep } from 'node:path';
import type { SourceFile } from '../workspace.js';
import { readSources } from './read-sources.js';

/**
 * The shared contract library shipped with Parity: the NHS organisations and national measures
 * (`contracts/nhs`). The checker, the test runner, the language server and the service all read it
 * from here, so a contract that checks is one the service publishes.
 */
export const LIBRARY_DIR = join(import.meta.dirname, '../../../../contracts/nhs');

const PACKAGE = /^\s*package\s+([\w.]+)/m;

/** The package a source declares, read from its text (no parse needed). */
export function packageOf(text: string): string | undefined {
  return PACKAGE.exec(text)?.[1];
}

/**
 * The library's files, each with its path under the contracts folder (`nhs/organisations.parity`),
 * leaving out the packages the caller's own files declare: a workspace holding the library itself
 * (or a copy of it) would otherwise declare every organisation twice.
 */
export async function readLibrary(declared: ReadonlySet<string> = new Set()): Promise<SourceFile[]> {
  const root = join(LIBRARY_DIR, '..');
  const sources = await readSources([LIBRARY_DIR]);
  return sources
    .filter((source) => !declared.has(packageOf(source.text) ?? ''))
    .map((source) => ({ path: relative(root, source.path).split(sep).join('/'), text: source.text }));
}

/** The packages a set of sources declare. */
export function declaredPackages(sources: readonly SourceFile[]): Set<string> {
  return new Set(sources.map((source) => packageOf(source.text)).filter((name) => name !== undefined));
}
