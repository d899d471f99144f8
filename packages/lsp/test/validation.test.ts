import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, IssueCodes } from '@parity/dsl';
import { URI } from 'langium';
import { clearDocuments, expectError, expectNoIssues, validationHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { CONTRACTS_DIR, createServicesWithLibrary, demoContract, type TestServices } from './services.js';

const DEMOS = readdirSync(join(CONTRACTS_DIR, 'demo')).filter((f) => f.endsWith('.parity'));

let services: TestServices;

beforeAll(async () => {
  services = await createServicesWithLibrary();
});

describe('the demonstration contracts in the language server', () => {
  test('the NHS library is loaded and has no errors', () => {
    expect(services.library.length).toBeGreaterThan(5);
    for (const document of services.library) {
      expect(document.diagnostics?.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    }
  });

  test('every demonstration contract links and validates without errors', async () => {
    const { shared } = services;
    const documents = DEMOS.map((file) =>
      shared.workspace.LangiumDocumentFactory.fromString(
        demoContract(file),
        URI.parse(`file:///contracts/demo/${file}`),
      ),
    );
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const errors = documents.flatMap((d) =>
      (d.diagnostics ?? [])
        .filter((x) => x.severity === DiagnosticSeverity.Error)
        .map((x) => `${d.uri.path}: ${x.message}`),
    );
    expect(errors).toEqual([]);
    expect(documents.map((d) => (d.parseResult.value as Document).name)).toContain('demo.bradford');
    await clearDocuments(shared, documents);
  });

  test('a single contract validates with validationHelper', async () => {
    const result = await validationHelper<Document>(services.Parity)(
      demoContract('bradford-smi-cquin.parity'),
    );
    expectNoIssues(result, { severity: DiagnosticSeverity.Error });
    await result.dispose();
  });

  test('indicator weights that do not sum to 100% are an error on the scheme', async () => {
    const broken = demoContract('bradford-smi-cquin.parity').replace('weight 20%', 'weight 10%');
    const result = await validationHelper<Document>(services.Parity)(broken);
    expectError(result, /sum to 90%/, { code: IssueCodes.WeightsNotHundred });
    await result.dispose();
  });

  test('a measure from a package that is not imported does not link', async () => {
    const broken = demoContract('bradford-smi-cquin.parity').replace('import "nhs/measures/smi"\n', '');
    const result = await validationHelper<Document>(services.Parity)(broken);
    // Langium's linker puts its code in the diagnostic's data, where the quick fixes look for it;
    // the editor's validator makes it the diagnostic's code too.
    expectError(result, "Could not resolve reference to Measure named 'smi.SixChecksComplete'.", {
      code: 'linking-error',
      data: {
        code: 'linking-error',
        containerType: 'MeasureUse',
        property: 'measure',
        refText: 'smi.SixChecksComplete',
      },
    });
    await result.dispose();
  });
});
