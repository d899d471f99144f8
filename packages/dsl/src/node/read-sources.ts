import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SourceFile } from '../workspace.js';

/**
 * Reads `.parity` files from the given files and directories (recursively), in a stable order,
 * each file once.
 */
export async function readSources(paths: string[]): Promise<SourceFile[]> {
  const files = new Set<string>();
  for (const path of paths) {
    for (const file of await listParityFiles(resolve(path))) files.add(file);
  }
  const sorted = [...files].sort();
  return Promise.all(sorted.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
}

async function listParityFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => {
        const child = join(path, entry.name);
        if (entry.isDirectory()) return listParityFiles(child);
        return Promise.resolve(entry.name.endsWith('.parity') ? [child] : []);
      }),
  );
  return nested.flat();
}
