import { relative, sep } from 'node:path';
import type { SourceFile } from '@parity/dsl';
import { packageOf, readSources } from '@parity/dsl/node';
import { URI, type WorkspaceFolder } from 'langium';

/**
 * The library files to load as built-in documents: every file under `libraryDir`, except those
 * whose package a workspace file already declares. Opening the repository itself (or a copy of the
 * library) would otherwise declare every organisation twice.
 */
export async function builtInLibrary(
  libraryDir: string,
  folders: readonly WorkspaceFolder[],
): Promise<{ uri: URI; text: string }[]> {
  const declared = new Set<string>();
  for (const folder of folders) {
    for (const source of await readSourcesQuietly(URI.parse(folder.uri).fsPath)) {
      const name = packageOf(source.text);
      if (name) declared.add(name);
    }
  }
  const library = await readSources([libraryDir]);
  return library
    .filter((source) => !declared.has(packageOf(source.text) ?? ''))
    .map((source) => ({
      // Forward slashes on every platform: the path is part of a URI.
      uri: URI.parse(`parity-library:///${relative(libraryDir, source.path).split(sep).join('/')}`),
      text: source.text,
    }));
}

/** A workspace folder that cannot be read (gone, no permission) declares nothing. */
async function readSourcesQuietly(path: string): Promise<SourceFile[]> {
  try {
    return await readSources([path]);
  } catch {
    return [];
  }
}
