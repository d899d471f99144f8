import { type CodeLens, commands, type OutputChannel, Uri, window } from 'vscode';

/** The command the language server puts on its test lenses. */
export const RUN_TESTS_COMMAND = 'parity.runTests';

/**
 * Runs a contract's in-language tests again and reports them in the "Parity" output. The language
 * server runs the tests when it computes the lenses over each contract and test, so asking for
 * the lenses afresh is running them; their titles are the outcomes.
 */
export async function runContractTests(
  output: OutputChannel,
  documentUri?: string,
  contractName?: string,
): Promise<void> {
  const uri = documentUri ? Uri.parse(documentUri) : window.activeTextEditor?.document.uri;
  if (!uri) {
    void window.showInformationMessage('Open a Parity contract to run its tests.');
    return;
  }
  const lenses = (await commands.executeCommand<CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  const outcomes = lenses.filter(
    (lens) =>
      lens.command?.command === RUN_TESTS_COMMAND &&
      (contractName === undefined || lens.command.arguments?.[1] === contractName),
  );
  output.appendLine(`Tests of ${contractName ?? 'the contracts'} in ${uri.toString(true)}:`);
  if (outcomes.length === 0) output.appendLine('  none to run (the file may have errors)');
  for (const lens of outcomes)
    output.appendLine(`  line ${lens.range.start.line + 1}: ${lens.command?.title}`);
  output.show(true);
}
