import { type LangiumDocument, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from './language/generated/ast.js';
import type { ParityCoreServices } from './language/parity-module.js';

/** One Parity source file: where it comes from (a path or URI) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A diagnostic placed in a file, with 1-based line and column as editors and terminals show them. */
export interface PlacedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

export interface CheckedWorkspace {
  documents: LangiumDocument<Document>[];
  diagnostics: PlacedDiagnostic[];
}

const SEVERITIES = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/**
 * Parses, links and validates a set of sources together, so imports between them resolve.
 * Sources are identified by `path`; a path that is not a URI is treated as a file path.
 */
export async function checkSources(
  services: ParityCoreServices,
  sources: SourceFile[],
): Promise<CheckedWorkspace> {
  const langiumDocuments = services.shared.workspace.LangiumDocuments;
  const factory = services.shared.workspace.LangiumDocumentFactory;
  const documents: LangiumDocument<Document>[] = [];
  const pathOf = new Map<string, string>();
  for (const source of sources) {
    const uri = toUri(source.path);
    if (langiumDocuments.hasDocument(uri)) await services.shared.workspace.DocumentBuilder.update([], [uri]);
    const document = factory.fromString<Document>(source.text, uri);
    langiumDocuments.addDocument(document);
    documents.push(document);
    pathOf.set(uri.toString(), source.path);
  }
  await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
  const diagnostics = documents.flatMap((document) =>
    (document.diagnostics ?? []).map((diagnostic) =>
      place(pathOf.get(document.uri.toString()) ?? '', diagnostic),
    ),
  );
  return { documents, diagnostics: diagnostics.sort(compareDiagnostics) };
}

function toUri(path: string): URI {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? URI.parse(path) : URI.file(path);
}

function place(file: string, diagnostic: Diagnostic): PlacedDiagnostic {
  const code = diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code ?? 'syntax';
  return {
    file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: SEVERITIES[diagnostic.severity ?? 1],
    code: String(code),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
  };
}

function compareDiagnostics(a: PlacedDiagnostic, b: PlacedDiagnostic): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
  );
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: PlacedDiagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
