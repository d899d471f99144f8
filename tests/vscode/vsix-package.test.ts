import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PACKAGE_VSIX = join(ROOT, 'packages/lsp/scripts/package-vsix.mjs');

interface Manifest {
  name: string;
  version: string;
  publisher: string;
  main: string;
  icon: string;
  contributes: {
    languages: Array<{
      id: string;
      extensions: string[];
      configuration: string;
      icon: { light: string; dark: string };
    }>;
    grammars: Array<{ language: string; scopeName: string; path: string }>;
    snippets: Array<{ language: string; path: string }>;
  };
}

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Rule[];
}

let files: Record<string, Uint8Array>;
let manifest: Manifest;
let vsixName: string;

/** A file of the extension as packaged (vsce puts the extension under `extension/`). */
const packaged = (path: string) => files[`extension/${path.replace(/^\.\//, '')}`];

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'parity-vsix-'));
  execFileSync(process.execPath, [PACKAGE_VSIX, '--out', out], { stdio: 'pipe' });
  [vsixName = ''] = readdirSync(out);
  files = unzipSync(readFileSync(join(out, vsixName)));
  rmSync(out, { recursive: true, force: true });
  manifest = JSON.parse(strFromU8(packaged('package.json')!));
}, 60_000);

describe('the packaged VS Code extension (.vsix)', () => {
  test('is named parity-<version>.vsix and has the manifest vsce wants', () => {
    expect(vsixName).toBe(`parity-${manifest.version}.vsix`);
    expect(manifest.name).toBe('parity');
    expect(manifest.publisher).toBeTruthy();
    expect(files['extension.vsixmanifest']).toBeDefined();
    expect(packaged('readme.md') ?? packaged('README.md')).toBeDefined();
    expect(packaged('LICENSE.txt') ?? packaged('LICENSE')).toBeDefined();
  });

  test('contributes the Parity language with its grammar, configuration, snippets and icons', () => {
    const [language] = manifest.contributes.languages;
    expect(language?.id).toBe('parity');
    expect(language?.extensions).toEqual(['.parity']);
    expect(manifest.contributes.grammars[0]).toMatchObject({
      language: 'parity',
      scopeName: 'source.parity',
    });
    expect(manifest.contributes.snippets[0]?.language).toBe('parity');
    const referenced = [
      manifest.main,
      manifest.icon,
      language!.configuration,
      language!.icon.light,
      language!.icon.dark,
      manifest.contributes.grammars[0]!.path,
      manifest.contributes.snippets[0]!.path,
    ];
    for (const path of referenced) expect(packaged(path), path).toBeDefined();
  });

  test('holds the client and server bundles, and nothing from the sources', () => {
    expect(manifest.main).toBe('./out/extension.cjs');
    expect(packaged('out/server.cjs')?.length).toBeGreaterThan(100_000);
    expect(strFromU8(packaged('out/extension.cjs')!)).toContain('require("vscode")');
    const names = Object.keys(files);
    expect(names.filter((n) => /\.ts$|\.map$|node_modules|\/src\//.test(n))).toEqual([]);
  });

  test('ships the shared contract library the server loads', () => {
    const library = readdirSync(join(ROOT, 'contracts/nhs/measures')).map((f) => `library/measures/${f}`);
    for (const path of ['library/organisations.parity', ...library])
      expect(packaged(path), path).toBeDefined();
    expect(strFromU8(packaged('library/organisations.parity')!)).toContain('package nhs.organisations');
  });

  test('colours money, percentages, dates, numbers, keywords and comments', () => {
    const grammar = JSON.parse(strFromU8(packaged(manifest.contributes.grammars[0]!.path)!));
    const rules: Rule[] = [];
    const collect = (rule: Rule) => {
      rules.push(rule);
      for (const inner of rule.patterns ?? []) collect(inner);
    };
    for (const rule of Object.values(grammar.repository) as Rule[]) collect(rule);
    // Every expression is one JavaScript and Oniguruma (TextMate) both accept.
    for (const rule of rules)
      for (const source of [rule.match, rule.begin, rule.end]) if (source) new RegExp(source);
    const scopeOf = (text: string) =>
      rules.find((rule) => rule.name && rule.match && new RegExp(`^(?:${rule.match})$`).test(text))?.name;
    expect(scopeOf('£84,000,000')).toBe('constant.numeric.money.parity');
    expect(scopeOf('1.25%')).toBe('constant.numeric.percentage.parity');
    expect(scopeOf('2027-03-01')).toBe('constant.numeric.date.parity');
    expect(scopeOf('2026/27')).toBe('constant.numeric.financial-year.parity');
    expect(scopeOf('1,800')).toBe('constant.numeric.parity');
    expect(scopeOf('contract')).toBe('keyword.other.declaration.parity');
    expect(scopeOf('linear')).toBe('keyword.control.parity');
    expect(scopeOf('mental-health')).toBe('support.constant.parity');
    expect(scopeOf('// a note')).toBe('comment.line.double-slash.parity');
    expect(scopeOf('Q4')).toBe('constant.language.quarter.parity');
  });
});
