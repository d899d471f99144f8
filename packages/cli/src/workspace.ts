import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type CheckedWorkspace, checkSources, createParityServices, type SourceFile } from '@parity/dsl';
import { declaredPackages, readLibrary, readSources } from '@parity/dsl/node';
import { EmptyFileSystem } from 'langium';

/**
 * Loads the given files and directories together with the libraries they import: the `--lib`
 * directories given, or else the nearest `contracts/` directory above the first path, and the
 * shared library built in (the one the service publishes against), except for the packages those
 * declare themselves.
 */
export async function loadWorkspace(
  paths: string[],
  libraries: string[],
): Promise<{
  workspace: CheckedWorkspace;
  requested: Set<string>;
  sources: SourceFile[];
}> {
  const requestedSources = await readSources(paths);
  const libraryDirs = libraries.length > 0 ? libraries : findContractLibrary(paths[0] ?? '.');
  const requested = new Set(requestedSources.map((source) => source.path));
  const given = [
    ...requestedSources,
    ...(libraryDirs.length > 0 ? await readSources(libraryDirs) : []).filter((s) => !requested.has(s.path)),
  ];
  const sources = [...given, ...(await readLibrary(declaredPackages(given)))];
  const services = createParityServices(EmptyFileSystem);
  const workspace = await checkSources(services, sources);
  return { workspace, requested, sources };
}

function findContractLibrary(start: string): string[] {
  let directory = resolve(start);
  for (;;) {
    const candidate = join(directory, 'contracts');
    if (existsSync(candidate)) return [candidate];
    const parent = dirname(directory);
    if (parent === directory) return [];
    directory = parent;
  }
}

/** Splits `--lib <dir>` options from positional arguments. */
export function parsePathArgs(args: string[]): {
  paths: string[];
  libraries: string[];
  options: Map<string, string>;
} {
  const paths: string[] = [];
  const libraries: string[] = [];
  const options = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg.startsWith('--')) {
      const value = args[++index] ?? '';
      if (arg === '--lib') libraries.push(value);
      else options.set(arg.slice(2), value);
    } else {
      paths.push(arg);
    }
  }
  return { paths, libraries, options };
}
