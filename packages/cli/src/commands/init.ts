import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createParityServices } from '@parity/dsl';
import { EmptyFileSystem } from 'langium';
import { choiceOption, parseCommandArgs } from '../args.js';
import { EDITOR_FILES, TEMPLATES } from '../init/templates.js';
import type { Output } from '../output.js';

const NAMES = TEMPLATES.map((t) => t.arrangement);

const HELP = `Usage: parity init [dir] [--template <${NAMES.join('|')}>] [--force]

Starts a contract folder (the current one by default): a contract from a template, with its tests
written in it, a sample feed for each source it reads, and editor settings for VS Code (the Parity
extension recommended, contracts formatted on save). 'parity check', 'parity test' and 'parity eval'
pass on it as it is; the nhs/… imports come from the library built into parity.
Templates (--template, ${NAMES[0]} by default):
${TEMPLATES.map((t) => `  ${t.arrangement.padEnd(10)} ${t.summary}`).join('\n')}
A folder that is not empty is left alone unless --force is given; then the files named above are
written over and nothing else is touched.
`;

export async function runInit(args: string[], output: Output): Promise<number> {
  const parsed = parseCommandArgs(args, { template: { type: 'string' }, force: { type: 'boolean' } });
  if (parsed.help || parsed.positionals.length > 1) {
    output.stdout.write(HELP);
    return parsed.help ? 0 : 2;
  }
  const arrangement = choiceOption(parsed, 'template', NAMES, NAMES[0] as string);
  const template = TEMPLATES.find((t) => t.arrangement === arrangement)!;
  const folder = resolve(parsed.positionals[0] ?? '.');
  const shown = relative(process.cwd(), folder) || '.';
  if (existsSync(folder) && readdirSync(folder).length > 0 && parsed.values.force !== true) {
    output.stderr.write(
      `parity init: ${shown} is not empty; start in an empty folder, or give --force to write the template's files into it.\n`,
    );
    return 1;
  }
  const files: Record<string, string> = {
    [template.contractFile]: template.contractText(packageName(folder, template.contractText)),
    ...Object.fromEntries(template.feeds.map((feed) => [feed.file, feed.text])),
    ...EDITOR_FILES,
  };
  for (const [path, text] of Object.entries(files)) {
    const file = join(folder, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const inside = (path: string) => (shown === '.' ? path : join(shown, path));
  const data = template.feeds.map((feed) => ` --data ${feed.source}=${inside(feed.file)}`).join('');
  output.stdout.write(
    [
      `Created a ${template.arrangement} contract in ${shown}:`,
      ...Object.keys(files).map((path) => `  ${inside(path)}`),
      '',
      'Next:',
      `  parity check ${inside(template.contractFile)}`,
      `  parity test ${inside(template.contractFile)}`,
      `  parity eval ${inside(template.contractFile)}${data}`,
      '',
    ].join('\n'),
  );
  return 0;
}

/**
 * The contract's package: the folder's name as a Parity name (`My contracts` → `my_contracts`),
 * or with `_contracts` added when that alone would not parse (a keyword such as `test`).
 */
function packageName(folder: string, source: (pkg: string) => string): string {
  const base = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(base) ? base : `contracts_${base}`.replace(/_$/, '');
  const parser = createParityServices(EmptyFileSystem).Parity.parser.LangiumParser;
  const parsed = parser.parse(source(name));
  return parsed.lexerErrors.length === 0 && parsed.parserErrors.length === 0 ? name : `${name}_contracts`;
}
