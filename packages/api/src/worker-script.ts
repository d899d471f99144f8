import { fileURLToPath } from 'node:url';

/**
 * The compiled file of a worker entry beside `from` (an `import.meta.url`). Run from the sources
 * (the tests), the entry is taken from the build, `out/`, as a worker thread cannot load TypeScript.
 */
export function workerScript(from: string, relative: string): URL {
  const here = fileURLToPath(from);
  if (!here.endsWith('.ts')) return new URL(relative, from);
  const source = new URL(relative, from).href;
  const at = source.lastIndexOf('/src/');
  return new URL(`${source.slice(0, at)}/out/${source.slice(at + '/src/'.length)}`);
}
