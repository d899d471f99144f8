import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { SourceFile } from '@parity/dsl';

/** The repository's contract folder: shared libraries under nhs/, demo contracts under demo/. */
export const CONTRACTS_DIR = join(import.meta.dirname, '../../../contracts');

/** Reads every .parity file under a folder, paths relative to it, in a stable order. */
export async function readParityFolder(root: string, under = ''): Promise<SourceFile[]> {
  const found: SourceFile[] = [];
  const walk = async (directory: string): Promise<void> => {
    for (const entry of (await readdir(directory, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.parity'))
        found.push({ path: relative(root, path), text: await readFile(path, 'utf8') });
    }
  };
  await walk(join(root, under));
  return found;
}
