import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSources, createParityServices, type PlacedDiagnostic } from '@parity/dsl';
import { readSources } from '@parity/dsl/node';
import { EmptyFileSystem } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { expandSnippet, type Snippet } from './snippet-expansion.js';

const ROOT = join(import.meta.dirname, '../..');
const SNIPPETS: Record<string, Snippet> = JSON.parse(
  readFileSync(join(ROOT, 'packages/lsp/vscode/snippets/parity.code-snippets'), 'utf8'),
);

/** What a contract file written from a snippet starts with: its package and the whole shared library. */
const HEADER = `package snippets.check

import "nhs/organisations"
${[
  'diabetes',
  'finance',
  'liaison',
  'mus',
  'outcome_monitoring',
  'pain',
  'perinatal',
  'qof',
  'smi',
  'talking_therapies',
  'tobacco_alcohol',
]
  .map((pkg) => `import "nhs/measures/${pkg}"`)
  .join('\n')}

`;

/** Snippets that refer to a declaration another snippet writes. */
const NEEDS: Record<string, string[]> = {
  'Sub-contract': ['Prime provider contract'],
  'Contract test': ['Block contract'],
};

const services = createParityServices(EmptyFileSystem);
const SNIPPET_FILE = '/snippets/from-snippet.parity';

beforeAll(async () => {
  // The library is parsed once; each check then replaces only the file written from a snippet.
  const library = await readSources([join(ROOT, 'contracts/nhs')]);
  await checkSources(services, library);
});

/** Errors in a file checked against the shared library. */
async function errorsIn(text: string): Promise<PlacedDiagnostic[]> {
  const workspace = await checkSources(services, [{ path: SNIPPET_FILE, text }]);
  return workspace.diagnostics.filter((d) => d.severity === 'error');
}

/** The file an author has after inserting a snippet and keeping every default. */
function fileFromSnippet(name: string): string {
  const expansion = expandSnippet(SNIPPETS[name]!);
  if (expansion.startsWith('package ')) return expansion;
  const context = (NEEDS[name] ?? []).map((other) => expandSnippet(SNIPPETS[other]!));
  return [HEADER, ...context, expansion].join('\n');
}

describe('VS Code snippets', () => {
  test('there is a snippet for each kind of contract in the demonstration contracts', () => {
    const prefixes = Object.values(SNIPPETS).flatMap((s) => s.prefix);
    for (const kind of [
      'block',
      'withhold',
      'cquin',
      'activity',
      'capitated',
      'prime-provider',
      'sub-contract',
      'alliance',
      'year-of-care',
      'pilot',
      'multi-commissioner',
      'internal',
    ]) {
      expect(prefixes).toContain(`contract-${kind}`);
    }
  });

  test('every placeholder has a default, so a snippet expands to complete text', () => {
    for (const [name, snippet] of Object.entries(SNIPPETS)) {
      expect(expandSnippet(snippet), name).not.toMatch(/\$\{?\d/);
    }
  });

  test.each(Object.keys(SNIPPETS))('"%s" expanded with its defaults parses and validates', async (name) => {
    const text = fileFromSnippet(name);
    expect(await errorsIn(text), text).toEqual([]);
  });

  test('a mistake in a file written from a snippet is reported', async () => {
    const text = fileFromSnippet('Block contract').replace('provider LiftPsychology', 'provider NoSuchTrust');
    const errors = await errorsIn(text);
    expect(errors.map((e) => e.message).join('\n')).toContain('NoSuchTrust');
  });
});
