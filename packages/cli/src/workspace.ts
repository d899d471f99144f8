import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type CheckedWorkspace, checkSources, createParityServices, type SourceFile } from '@parity/dsl';
import { declaredPackages, readLibrary, readSources } from '@parity/dsl/node';
import { EmptyFileSystem } from 'langium';
import { type OptionSpecs, parseCommandArgs, stringOption, stringOptions } from './args.js';
import { UsageError } from './output.js';

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
  const requestedSources = await readSources(existingPaths(paths));
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

/** The paths given, each of which must exist. */
export function existingPaths(paths: string[]): string[] {
  const missing = paths.find((path) => !existsSync(path));
  if (missing !== undefined) throw new UsageError(`no such file or directory: ${missing}`);
  return paths;
}

/**
 * Splits `--name value` options from positional arguments; `--lib` may repeat. An option the
 * command does not take, or one without its value, is a usage error naming the options it takes.
 */
export function parsePathArgs(
  args: string[],
  takes: readonly string[] = ['lib'],
): {
  paths: string[];
  libraries: string[];
  options: Map<string, string>;
  help: boolean;
} {
  const specs: OptionSpecs = Object.fromEntries(
    takes.map((name) => [name, { type: 'string', multiple: name === 'lib' }] as const),
  );
  const parsed = parseCommandArgs(args, specs);
  const options = new Map<string, string>();
  for (const name of takes) {
    const value = stringOption(parsed, name);
    if (name !== 'lib' && value !== undefined) options.set(name, value);
  }
  return { paths: parsed.positionals, libraries: stringOptions(parsed, 'lib'), options, help: parsed.help };
}
