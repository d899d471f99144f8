import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { formatParity } from '@parity/dsl';
import { readSources } from '@parity/dsl/node';
import { type Output, wantsHelp } from '../output.js';
import { parsePathArgs } from '../workspace.js';

const HELP = `Usage: parity fmt <files|dirs>… [--check]

Rewrites .parity files in the canonical layout (two-space indents, single spaces, a space after
commas, no trailing spaces, at most one blank line). Only whitespace outside strings and comments
changes, so what a contract says never does.
With --check, changes nothing: lists files that are not formatted and exits 1 if there are any.
`;

export async function runFmt(args: string[], output: Output): Promise<number> {
  const check = args.includes('--check');
  const { paths } = parsePathArgs(args.filter((a) => a !== '--check'));
  if (wantsHelp(args) || paths.length === 0) {
    output.stdout.write(HELP);
    return wantsHelp(args) ? 0 : 2;
  }
  let unformatted = 0;
  for (const source of await readSources(paths)) {
    const formatted = formatParity(source.text);
    if (formatted === source.text) continue;
    unformatted++;
    const shown = relative(process.cwd(), source.path);
    if (check) {
      output.stdout.write(`${shown}: not formatted\n`);
    } else {
      // Re-read just before writing so an edit made meanwhile is not lost silently.
      if ((await readFile(source.path, 'utf8')) !== source.text) {
        output.stderr.write(`${shown}: changed while formatting; left as it is\n`);
        continue;
      }
      await writeFile(source.path, formatted);
      output.stdout.write(`${shown}: formatted\n`);
    }
  }
  if (check)
    output.stderr.write(
      unformatted === 0 ? 'All files are formatted.\n' : `${unformatted} file(s) need 'parity fmt'.\n`,
    );
  return check && unformatted > 0 ? 1 : 0;
}
