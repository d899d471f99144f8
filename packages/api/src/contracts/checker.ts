import {
  type CheckedWorkspace,
  type ContractModel,
  checkSources,
  compileContract,
  createParityServices,
  isContract,
  type PlacedDiagnostic,
  type SourceFile,
  testsFor,
} from '@parity/dsl';
import { EmptyFileSystem } from 'langium';

export interface CheckOutcome {
  diagnostics: PlacedDiagnostic[];
  /** Models of the contracts declared in the submitted (not library) sources, when error-free. */
  models: ContractModel[];
}

/**
 * Checks and compiles submitted contract sources together with the shared library. One set of
 * language services is reused (building the parser is costly), so checks run one at a time.
 */
export class ContractChecker {
  private readonly services = createParityServices(EmptyFileSystem);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly library: SourceFile[]) {}

  check(sources: SourceFile[]): Promise<CheckOutcome> {
    const run = this.queue.then(() => this.checkNow(sources));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async checkNow(sources: SourceFile[]): Promise<CheckOutcome> {
    const builder = this.services.shared.workspace.DocumentBuilder;
    const existing = this.services.shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
    await builder.update([], existing);
    const submitted = new Set(sources.map((s) => normalise(s.path)));
    const library = this.library.filter(
      (file) => ![...submitted].some((path) => path.endsWith(normalise(file.path))),
    );
    const all = [
      ...sources.map((s) => ({ path: normalise(s.path), text: s.text })),
      ...library.map((l) => ({ path: `library/${normalise(l.path)}`, text: l.text })),
    ];
    const workspace = await checkSources(this.services, all);
    const diagnostics = workspace.diagnostics.filter(
      (d) => !d.file.startsWith('/library/') || d.severity === 'error',
    );
    if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, models: [] };
    return { diagnostics, models: compileSubmitted(workspace, submitted) };
  }
}

function normalise(path: string): string {
  return `/${path.replace(/^\/+/, '').replace(/\\/g, '/')}`;
}

function compileSubmitted(workspace: CheckedWorkspace, submitted: Set<string>): ContractModel[] {
  const roots = workspace.documents.map((d) => d.parseResult.value);
  return workspace.documents
    .filter((d) => submitted.has(d.uri.path))
    .flatMap((d) => d.parseResult.value.declarations.filter(isContract))
    .map((contract) =>
      compileContract(contract, {
        tests: testsFor(contract, roots),
        fileOf: (uri) => decodeURIComponent(new URL(uri).pathname).replace(/^\/(library\/)?/, ''),
      }),
    );
}
