import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { createParityServices, formatParity } from '@parity/dsl';
import { readSources } from '@parity/dsl/node';
import { EmptyFileSystem } from 'langium';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';
import { existingPaths } from '../workspace.js';

const HELP = `Usage: parity fmt <files|dirs>… [--check]
       parity fmt -        format standard input to standard output (for editors and pipes)

Rewrites .parity files in the canonical layout (two-space indents, single spaces, a space after
commas, no trailing spaces, at most one blank line). Only whitespace outside strings and comments
changes, so what a contract says never does.
With --check, changes nothing: lists files that are not formatted and exits 1 if there are any.
A file that does not parse is left as it is, its first syntax error printed, and the exit code is 1.
`;

export async function runFmt(args: string[], output: Output): Promise<number> {
  const parsed = parseCommandArgs(args, { check: { type: 'boolean' } });
  const check = parsed.values.check === true;
  const paths = parsed.positionals;
  if (parsed.help || paths.length === 0) {
    output.stdout.write(HELP);
    return parsed.help ? 0 : 2;
  }
  const parser = createParityServices(EmptyFileSystem).Parity.parser.LangiumParser;
  if (paths.length === 1 && paths[0] === '-') return formatStream(parser, check, output);
  let unformatted = 0;
  let unreadable = 0;
  for (const source of await readSources(existingPaths(paths))) {
    const shown = relative(process.cwd(), source.path);
    const syntax = syntaxError(parser.parse(source.text), source.text);
    if (syntax) {
      unreadable++;
      output.stderr.write(`${shown}:${syntax}; not formatted\n`);
      continue;
    }
    const formatted = formatParity(source.text);
    if (formatted === source.text) continue;
    unformatted++;
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
  return unreadable > 0 || (check && unformatted > 0) ? 1 : 0;
}

type Parser = ReturnType<typeof createParityServices>['Parity']['parser']['LangiumParser'];

/**
 * `parity fmt -`: standard input formatted to standard output. Text that does not parse is
 * written back unchanged, its first syntax error on stderr, exit 1; with --check nothing is
 * written and the exit code says whether it was formatted.
 */
async function formatStream(parser: Parser, check: boolean, output: Output): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const syntax = syntaxError(parser.parse(text), text);
  if (syntax) {
    output.stderr.write(`<stdin>:${syntax}; not formatted\n`);
    if (!check) output.stdout.write(text);
    return 1;
  }
  const formatted = formatParity(text);
  if (check) {
    output.stderr.write(
      formatted === text ? 'Standard input is formatted.\n' : "Standard input needs 'parity fmt'.\n",
    );
    return formatted === text ? 0 : 1;
  }
  output.stdout.write(formatted);
  return 0;
}

/**
 * `line:col error …` of a parse's first lexer or parser error, or undefined when it parsed. An
 * error at the end of the text (a brace never closed) is placed after its last character.
 */
function syntaxError(
  result: {
    lexerErrors: { line?: number; column?: number; message: string }[];
    parserErrors: { token: { startLine?: number; startColumn?: number }; message: string }[];
  },
  text: string,
): string | undefined {
  const lexer = result.lexerErrors[0];
  if (lexer) return `${lexer.line ?? 1}:${lexer.column ?? 1} error ${lexer.message}`;
  const parser = result.parserErrors[0];
  if (!parser) return undefined;
  const { startLine, startColumn } = parser.token;
  const lines = text.replace(/\n$/, '').split('\n');
  const atEnd = startLine === undefined || !(startLine > 0);
  const line = atEnd ? lines.length : startLine;
  const column = atEnd ? (lines.at(-1)?.length ?? 0) + 1 : startColumn;
  return `${line}:${column} error ${parser.message.replace(/\.$/, '')}`;
}
