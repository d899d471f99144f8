import {
  type Contract,
  type ContractModel,
  compileContract,
  isContract,
  isContractTest,
  isDocument,
  isParentClause,
  testsFor,
} from '@parity/dsl';
import { runContractTests, type TestOutcome } from '@parity/engine';
import { AstUtils, Cancellation, interruptAndCheck, type LangiumDocument } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';

export const RUN_TESTS_COMMAND = 'parity.runTests';

/**
 * A lens on each contract and each test: the in-language tests run against the engine, and the
 * lens shows how they came out. Skipped while the document has errors. Between contracts the
 * provider yields, so an edit arriving meanwhile (which makes the editor cancel the request) is not
 * kept waiting for every contract's tests.
 */
export class ParityCodeLensProvider implements CodeLensProvider {
  constructor(private readonly services: LangiumServices) {}

  async provideCodeLens(
    document: LangiumDocument,
    _params?: CodeLensParams,
    cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None,
  ): Promise<CodeLens[]> {
    if ((document.diagnostics ?? []).some((d) => d.severity === 1)) return [];
    const roots = this.services.shared.workspace.LangiumDocuments.all
      .map((d) => d.parseResult.value)
      .toArray();
    const lenses: CodeLens[] = [];
    const contracts = AstUtils.streamAst(document.parseResult.value).filter(isContract).toArray();
    const tests = AstUtils.streamAst(document.parseResult.value).filter(isContractTest).toArray();
    const targets = new Set<Contract>([
      ...contracts,
      ...tests.flatMap((t) => (t.contract.ref ? [t.contract.ref] : [])),
    ]);
    for (const contract of targets) {
      await interruptAndCheck(cancelToken);
      const outcomes = await runTests(contract, roots);
      if (contracts.includes(contract) && contract.$cstNode) {
        const failed = outcomes.filter((o) => !o.passed).length;
        const title =
          outcomes.length === 0
            ? 'No tests: add a test block'
            : failed === 0
              ? `✓ ${outcomes.length} test(s) passed`
              : `✗ ${failed} of ${outcomes.length} test(s) failed`;
        lenses.push({
          range: contract.$cstNode.range,
          command: { title, command: RUN_TESTS_COMMAND, arguments: [document.uri.toString(), contract.name] },
        });
      }
      for (const test of tests.filter((t) => t.contract.ref === contract)) {
        const outcome = outcomes.find((o) => o.title === test.title);
        if (!outcome || !test.$cstNode) continue;
        const title = outcome.passed
          ? '✓ passed'
          : `✗ ${outcome.error ?? outcome.failures.map((f) => `expected ${f.expected}, got ${f.actual}`).join('; ')}`;
        lenses.push({
          range: test.$cstNode.range,
          command: { title, command: RUN_TESTS_COMMAND, arguments: [document.uri.toString(), contract.name] },
        });
      }
    }
    return lenses;
  }
}

/**
 * The contracts a contract's tests evaluate with it: the prime it is under, and the sub-contracts
 * under it (whose flow-down a prime's test may expect), compiled from the workspace. Only those are
 * compiled: the lens runs on every edit.
 */
function relatedContracts(
  contract: Contract,
  roots: Parameters<typeof testsFor>[1],
): Map<string, ContractModel> {
  const parentOf = (c: Contract) => c.members.find(isParentClause)?.parent.ref;
  const related = new Map<string, ContractModel>();
  for (const root of roots) {
    for (const other of isDocument(root) ? root.declarations.filter(isContract) : []) {
      if (other === contract || (parentOf(contract) !== other && parentOf(other) !== contract)) continue;
      const compiled = compileContract(other, { tests: [] });
      related.set(compiled.contract.name, compiled);
    }
  }
  return related;
}

export async function runTests(
  contract: Contract,
  roots: Parameters<typeof testsFor>[1],
): Promise<TestOutcome[]> {
  try {
    const model = compileContract(contract, { tests: testsFor(contract, roots) });
    return await runContractTests(model, relatedContracts(contract, roots));
  } catch (error) {
    return [
      {
        contract: contract.name,
        title: 'compile',
        location: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 },
        passed: false,
        expectations: 0,
        failures: [],
        error: String(error),
      },
    ];
  }
}
