import { relative } from 'node:path';
import { hasErrors, type PlacedDiagnostic } from '@parity/dsl';
import type { Output } from '../output.js';
import { loadWorkspace, parsePathArgs } from '../workspace.js';

const HELP = `Usage: parity check <files|dirs>… [--lib <dir>]…

Parses, links and validates Parity contracts. Directories are searched for .parity files.
Imports are resolved from the --lib directories, or else from the nearest contracts/ folder.
Prints one line per problem:  file:line:col severity code message
Exits 1 when any error is found, 0 otherwise (warnings alone do not fail).
`;

export async function runCheck(args: string[], output: Output): Promise<number> {
  const { paths, libraries, help } = parsePathArgs(args);
  if (help || paths.length === 0) {
    output.stdout.write(HELP);
    return help ? 0 : 2;
  }
  const { workspace, requested } = await loadWorkspace(paths, libraries);
  const shown = workspace.diagnostics.filter((diagnostic) => requested.has(diagnostic.file));
  for (const diagnostic of shown) output.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
  const errors = shown.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = shown.length - errors;
  output.stderr.write(`${requested.size} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
  return hasErrors(shown) ? 1 : 0;
}

export function formatDiagnostic(diagnostic: PlacedDiagnostic): string {
  const file = relative(process.cwd(), diagnostic.file) || diagnostic.file;
  return `${file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
}
