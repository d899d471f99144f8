import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'langium';
import { clearDocuments, expectFormatting, parseHelper } from 'langium/test';
import { beforeAll, describe, test } from 'vitest';
import { CONTRACTS_DIR, createServicesWithLibrary, demoContract, type TestServices } from './services.js';

const DEMOS = readdirSync(join(CONTRACTS_DIR, 'demo')).filter((f) => f.endsWith('.parity'));
const OPTIONS = { insertSpaces: true, tabSize: 2 };

let services: TestServices;

beforeAll(async () => {
  services = await createServicesWithLibrary();
});

/** The text after one round of formatting in the language server. */
async function formatOnce(text: string): Promise<string> {
  const document = await parseHelper(services.Parity)(text);
  const edits = await services.Parity.lsp.Formatter?.formatDocument(document, {
    textDocument: { uri: document.uri.toString() },
    options: OPTIONS,
  });
  await clearDocuments(services.shared, [document]);
  return TextDocument.applyEdits(document.textDocument, edits ?? []);
}

describe('formatting', () => {
  test('lays out a messy contract as the canonical demonstration contract', async () => {
    const canonical = demoContract('bradford-smi-cquin.parity');
    const messy = canonical
      .replace('  year 2026/27', '      year    2026/27')
      .replace('    indicator SixChecks', 'indicator    SixChecks')
      .replace(
        '  monitor smi.SmokingStatusRecorded target 90%',
        '\tmonitor smi.SmokingStatusRecorded   target 90%',
      );
    await expectFormatting(services.Parity)({
      before: messy,
      after: canonical,
      options: OPTIONS,
      disposeAfterCheck: true,
    });
  });

  test.each(DEMOS)('formatting %s twice changes nothing the second time', async (file) => {
    const once = await formatOnce(demoContract(file));
    await expectFormatting(services.Parity)({
      before: once,
      after: once,
      options: OPTIONS,
      disposeAfterCheck: true,
    });
  });
});
