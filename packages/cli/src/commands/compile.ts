import { canonicalJson } from '@parity/dsl';
import { loadContractModel } from '../contract-model.js';
import type { Output } from '../output.js';
import { parsePathArgs } from '../workspace.js';

const HELP = `Usage: parity compile <file> [--contract <Name>] [--lib <dir>]…

Compiles a contract to its ContractModel and prints it as JSON (keys sorted, so the same source
always prints the same bytes). The model carries its contentHash.
If the file holds several contracts, name one with --contract.
Source locations name files relative to the current directory.
`;

export async function runCompile(args: string[], output: Output): Promise<number> {
  const { paths, libraries, options, help } = parsePathArgs(args, ['lib', 'contract']);
  if (help || paths.length !== 1) {
    output.stdout.write(HELP);
    return help ? 0 : 2;
  }
  const model = await loadContractModel('compile', paths[0]!, libraries, options.get('contract'), output);
  if (!model) return 1;
  output.stdout.write(`${JSON.stringify(JSON.parse(canonicalJson(model)), null, 2)}\n`);
  return 0;
}
