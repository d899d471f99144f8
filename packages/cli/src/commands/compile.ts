import { relative } from 'node:path';
import { canonicalJson, compileContract, isContract, testsFor } from '@parity/dsl';
import { type Output, wantsHelp } from '../output.js';
import { loadWorkspace, parsePathArgs } from '../workspace.js';
import { formatDiagnostic } from './check.js';

const HELP = `Usage: parity compile <file> [--contract <Name>] [--lib <dir>]…

Compiles a contract to its ContractModel and prints it as JSON (keys sorted, so the same source
always prints the same bytes). The model carries its contentHash.
If the file holds several contracts, name one with --contract.
Source locations name files relative to the current directory.
`;

export async function runCompile(args: string[], output: Output): Promise<number> {
  const { paths, libraries, options } = parsePathArgs(args, ['lib', 'contract']);
  if (wantsHelp(args) || paths.length !== 1) {
    output.stdout.write(HELP);
    return wantsHelp(args) ? 0 : 2;
  }
  const { workspace, requested } = await loadWorkspace(paths, libraries);
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error' && requested.has(d.file));
  if (errors.length > 0) {
    for (const diagnostic of errors) output.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    output.stderr.write(`parity compile: fix the ${errors.length} error(s) above first.\n`);
    return 1;
  }
  const documents = workspace.documents.filter((d) => requested.has(d.uri.fsPath));
  const contracts = documents.flatMap((d) => d.parseResult.value.declarations.filter(isContract));
  const wanted = options.get('contract');
  const chosen = wanted ? contracts.filter((c) => c.name === wanted) : contracts;
  if (chosen.length !== 1) {
    const names = contracts.map((c) => c.name).join(', ') || 'none';
    output.stderr.write(
      wanted
        ? `parity compile: no contract named ${wanted} here (contracts: ${names}).\n`
        : `parity compile: ${contracts.length === 0 ? 'no contract in this file' : `several contracts here (${names}): choose one with --contract <Name>`}.\n`,
    );
    return 1;
  }
  const contract = chosen[0]!;
  const roots = workspace.documents.map((d) => d.parseResult.value);
  const model = compileContract(contract, {
    tests: testsFor(contract, roots),
    fileOf: (uri) => relative(process.cwd(), decodeURIComponent(new URL(uri).pathname)),
  });
  output.stdout.write(`${JSON.stringify(JSON.parse(canonicalJson(model)), null, 2)}\n`);
  return 0;
}
