import { relative } from 'node:path';
import { type ContractModel, compileContract, isContract, testsFor } from '@parity/dsl';
import { formatDiagnostic } from './commands/check.js';
import type { Output } from './output.js';
import { loadWorkspace } from './workspace.js';

/**
 * The ContractModel of the one contract in a file (or the one named), compiled with its tests;
 * undefined when the file has errors or no such contract, said on stderr as `parity <command>: …`.
 * Source locations name files relative to the current directory.
 */
export async function loadContractModel(
  command: string,
  file: string,
  libraries: string[],
  wanted: string | undefined,
  output: Output,
): Promise<ContractModel | undefined> {
  const { workspace, requested } = await loadWorkspace([file], libraries);
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error' && requested.has(d.file));
  if (errors.length > 0) {
    for (const diagnostic of errors) output.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    output.stderr.write(`parity ${command}: fix the ${errors.length} error(s) above first.\n`);
    return undefined;
  }
  const documents = workspace.documents.filter((d) => requested.has(d.uri.fsPath));
  const contracts = documents.flatMap((d) => d.parseResult.value.declarations.filter(isContract));
  const chosen = wanted ? contracts.filter((c) => c.name === wanted) : contracts;
  if (chosen.length !== 1) {
    const names = contracts.map((c) => c.name).join(', ') || 'none';
    output.stderr.write(
      wanted
        ? `parity ${command}: no contract named ${wanted} here (contracts: ${names}).\n`
        : `parity ${command}: ${contracts.length === 0 ? 'no contract in this file' : `several contracts here (${names}): choose one with --contract <Name>`}.\n`,
    );
    return undefined;
  }
  const contract = chosen[0]!;
  const roots = workspace.documents.map((d) => d.parseResult.value);
  return compileContract(contract, {
    tests: testsFor(contract, roots),
    fileOf: (uri) => relative(process.cwd(), decodeURIComponent(new URL(uri).pathname)),
  });
}
