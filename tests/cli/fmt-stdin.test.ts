import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatParity } from '@parity/dsl';
import { expect, test } from 'vitest';
import { ROOT, type Run } from './run-parity.js';

/** `parity fmt -` formats standard input to standard output, as editors and pipes expect. */

function fmtStdin(input: string, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/parity.js'), 'fmt', '-', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const FORMATTED = readFileSync(join(ROOT, 'examples/walkthrough/smoking-cquin.parity'), 'utf8');
// Indents doubled and trailing spaces: only whitespace the canonical layout fixes.
const MESSY = FORMATTED.replace(/\n {2}(?=[a-z])/g, '\n    ').replace(/\n/g, '   \n');

test('formats what it is given to standard output', async () => {
  expect(MESSY).not.toBe(FORMATTED);
  const run = await fmtStdin(MESSY);
  expect([run.code, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toBe(formatParity(MESSY));
  expect(run.stdout).toBe(FORMATTED);
});

test('--check says whether standard input is formatted, and writes nothing to stdout', async () => {
  expect(await fmtStdin(FORMATTED, ['--check'])).toEqual({
    code: 0,
    stdout: '',
    stderr: 'Standard input is formatted.\n',
  });
  expect(await fmtStdin(MESSY, ['--check'])).toEqual({
    code: 1,
    stdout: '',
    stderr: "Standard input needs 'parity fmt'.\n",
  });
});

test('text that does not parse is given back unchanged, its first syntax error named, exit 1', async () => {
  const broken = 'package p\n\ncontract X "x" {\n  year 2026/27\n';
  const run = await fmtStdin(broken);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe(broken);
  expect(run.stderr).toMatch(/^<stdin>:\d+:\d+ error .+; not formatted\n$/);
});
