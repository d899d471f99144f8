import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  type CheckedWorkspace,
  ContractModel,
  checkSources,
  compileContract,
  createParityServices,
  isContract,
  isContractTest,
  testsFor,
} from '../src/index.js';

const CONTRACTS = join(import.meta.dirname, '../../../contracts');

function listParity(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listParity(path);
    return name.endsWith('.parity') ? [path] : [];
  });
}

const files = listParity(CONTRACTS).sort();
const demoFiles = files.filter((file) => file.includes('/demo/'));

async function loadLibrary(): Promise<CheckedWorkspace> {
  const services = createParityServices(EmptyFileSystem);
  return checkSources(
    services,
    files.map((path) => ({ path, text: readFileSync(path, 'utf8') })),
  );
}

function compileAll(workspace: CheckedWorkspace): Map<string, ContractModel> {
  const roots = workspace.documents.map((d) => d.parseResult.value);
  const models = new Map<string, ContractModel>();
  for (const document of workspace.documents) {
    for (const contract of document.parseResult.value.declarations.filter(isContract)) {
      const model = compileContract(contract, {
        tests: testsFor(contract, roots),
        fileOf: (uri) => relative(CONTRACTS, decodeURIComponent(new URL(uri).pathname)),
      });
      models.set(model.contract.name, model);
    }
  }
  return models;
}

let workspace: CheckedWorkspace;
let models: Map<string, ContractModel>;
beforeAll(async () => {
  workspace = await loadLibrary();
  models = compileAll(workspace);
});

describe('the contract library', () => {
  test('has shared libraries and a demo contract for each seed arrangement', () => {
    expect(files.length).toBeGreaterThan(10);
    const arrangements = new Set([...models.values()].flatMap((m) => m.contract.arrangements));
    for (const kind of [
      'block',
      'activity',
      'cquin',
      'prime-provider',
      'sub-contract',
      'capitated',
      'year-of-care',
      'alliance',
      'pilot',
      'multi-commissioner',
      'provider-to-provider',
      'internal',
    ]) {
      expect(arrangements, kind).toContain(kind);
    }
  });

  test('parses, links and validates with no errors', () => {
    expect(workspace.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('compiles every contract to a model the exported schema accepts', () => {
    expect(models.size).toBeGreaterThanOrEqual(12);
    for (const model of models.values())
      expect(ContractModel.safeParse(model).success, model.contract.name).toBe(true);
  });

  test('compiles to identical hashes in a second, independent workspace', async () => {
    const again = compileAll(await loadLibrary());
    for (const [name, model] of models) expect(again.get(name)?.contentHash, name).toBe(model.contentHash);
  });

  test('holds a mental health provider to account for smoking and weight', () => {
    const accountable = [...models.values()].some((model) => {
      const mentalHealthProviders = new Set(
        model.organisations.filter((o) => o.sector === 'mental-health').map((o) => o.name),
      );
      const measures = model.contract.schemes
        .flatMap((s) => s.indicators)
        .filter((i) => {
          const provider =
            i.accountable ?? model.contract.parties.find((p) => p.role === 'provider')?.organisation;
          return provider !== undefined && mentalHealthProviders.has(provider);
        })
        .map((i) => model.measures.find((m) => m.name === i.measure)?.title.toLowerCase() ?? '');
      return (
        measures.some((t) => t.includes('smok')) &&
        measures.some((t) => t.includes('weight') || t.includes('bmi'))
      );
    });
    expect(accountable).toBe(true);
  });

  test('holds an acute trust to account for liaison coverage', () => {
    const accountable = [...models.values()].some((model) => {
      const acute = new Set(model.organisations.filter((o) => o.sector === 'acute').map((o) => o.name));
      const liaison = model.measures.filter((m) => m.scoring.kind === 'coverage').map((m) => m.name);
      const paid = model.contract.schemes
        .flatMap((s) => s.indicators)
        .filter((i) => i.measure && liaison.includes(i.measure));
      const monitored = model.contract.monitors.filter((m) => liaison.includes(m.measure));
      const provider = model.contract.parties.find(
        (p) => p.role === 'provider' || p.role === 'prime',
      )?.organisation;
      return (paid.length > 0 || monitored.length > 0) && provider !== undefined && acute.has(provider);
    });
    expect(accountable).toBe(true);
  });
});

describe.each(demoFiles.map((file) => [relative(CONTRACTS, file), file]))('%s', (_name, file) => {
  const text = readFileSync(file, 'utf8');

  test('opens with a comment naming the seed case and marking figures illustrative', () => {
    const opening = text.slice(0, text.indexOf('package'));
    expect(opening).toMatch(/\/\/|\/\*/);
    expect(opening.toLowerCase()).toContain('illustrative');
  });

  test('carries in-language tests for each of its contracts', () => {
    const document = workspace.documents.find((d) => d.uri.fsPath === file);
    const declarations = document?.parseResult.value.declarations ?? [];
    const tests = declarations.filter(isContractTest);
    for (const contract of declarations.filter(isContract)) {
      expect(
        tests.some((t) => t.contract.ref === contract),
        contract.name,
      ).toBe(true);
    }
  });
});
