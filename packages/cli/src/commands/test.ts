import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { readRecordCsv } from '@parity/api';
import { type ContractModel, compileContract, isContract, testsFor } from '@parity/dsl';
import { DomainError, type RecordFileReader, runContractTests, type TestOutcome } from '@parity/engine';
import type { Output } from '../output.js';
import { loadWorkspace, parsePathArgs } from '../workspace.js';
import { formatDiagnostic } from './check.js';

const HELP = `Usage: parity test <files|dirs>… [--lib <dir>]…

Runs the in-language tests ('test "…" for Contract { given … expect … }') of the contracts in the
given files against the evaluation engine (a dataset's rows may come from a CSV file beside the
contract: given D = from "cases.csv"), and reports them like a test runner. A failed
expectation shows the figure expected, the figure computed and how it was computed.
Exits 1 when any test fails or any file has errors.
`;

export async function runTest(args: string[], output: Output): Promise<number> {
  const { paths, libraries, help } = parsePathArgs(args);
  if (help || paths.length === 0) {
    output.stdout.write(HELP);
    return help ? 0 : 2;
  }
  const { workspace, requested } = await loadWorkspace(paths, libraries);
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error' && requested.has(d.file));
  if (errors.length > 0) {
    for (const diagnostic of errors) output.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    output.stderr.write(`parity test: fix the ${errors.length} error(s) above first.\n`);
    return 1;
  }
  const roots = workspace.documents.map((d) => d.parseResult.value);
  const fileOf = (uri: string) => relative(process.cwd(), decodeURIComponent(new URL(uri).pathname));
  const models = new Map<string, ContractModel>();
  const requestedModels: ContractModel[] = [];
  for (const document of workspace.documents) {
    for (const contract of document.parseResult.value.declarations.filter(isContract)) {
      const model = compileContract(contract, { tests: testsFor(contract, roots), fileOf });
      models.set(model.contract.name, model);
      if (requested.has(document.uri.fsPath)) requestedModels.push(model);
    }
  }
  let passed = 0;
  let failed = 0;
  for (const model of requestedModels.sort((a, b) =>
    a.contract.location.file.localeCompare(b.contract.location.file),
  )) {
    for (const outcome of await runContractTests(model, models, readRecordFile)) {
      output.stdout.write(formatOutcome(outcome));
      if (outcome.passed) passed++;
      else failed++;
    }
  }
  output.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** A test's record file, beside the file the test is written in, read as a feed's cells are. */
const readRecordFile: RecordFileReader = (dataset, path, writtenIn) => {
  const file = resolve(dirname(writtenIn.file), path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DomainError(
      'invalid-record',
      `${writtenIn.file}:${writtenIn.line}: cannot read "${path}" (${file}).`,
    );
  }
  return readRecordCsv(dataset, text, relative(process.cwd(), file));
};

function formatOutcome(outcome: TestOutcome): string {
  const where = `${outcome.location.file}:${outcome.location.line}`;
  if (outcome.passed)
    return `  ✓ ${outcome.contract} › ${outcome.title} (${outcome.expectations} expectations)\n`;
  const lines = [`  ✗ ${outcome.contract} › ${outcome.title}  ${where}`];
  if (outcome.error) lines.push(`      could not evaluate: ${outcome.error}`);
  for (const failure of outcome.failures) {
    lines.push(
      `      ${failure.location.file}:${failure.location.line}: expected ${failure.expected}, got ${failure.actual}`,
    );
    for (const step of failure.explanation) lines.push(`        ${step}`);
  }
  return `${lines.join('\n')}\n`;
}
