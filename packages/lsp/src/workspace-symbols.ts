import { type AstNodeDescription, Cancellation, interruptAndCheck } from 'langium';
import { DefaultWorkspaceSymbolProvider } from 'langium/lsp';
import type { WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';

/**
 * Workspace symbol search over every declaration the index knows: the open workspace's and the
 * built-in library's organisations, datasets, measures and contracts. Each is listed by its own
 * name with its package as the container (`SixChecksComplete` in `nhs.measures.smi`), and a query
 * matches either the name (`SixChecks`, `SCC`) or the qualified name (`nhs.measures.smi.Six`).
 */
export class ParityWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
  override async getSymbols(
    params: WorkspaceSymbolParams,
    cancelToken = Cancellation.CancellationToken.None,
  ): Promise<WorkspaceSymbol[]> {
    const symbols: WorkspaceSymbol[] = [];
    for (const description of this.indexManager.allElements()) {
      await interruptAndCheck(cancelToken);
      const [, name] = split(description);
      if (
        !this.fuzzyMatcher.match(params.query, name) &&
        !this.fuzzyMatcher.match(params.query, description.name)
      )
        continue;
      const symbol = this.getWorkspaceSymbol(description);
      if (symbol) symbols.push(symbol);
    }
    return symbols;
  }

  protected override getWorkspaceSymbol(description: AstNodeDescription): WorkspaceSymbol | undefined {
    const symbol = super.getWorkspaceSymbol(description);
    const [container, name] = split(description);
    return symbol && container ? { ...symbol, name, containerName: container } : symbol;
  }
}

/** A declaration's package and own name; a package is listed under its whole name. */
function split(description: AstNodeDescription): [string | undefined, string] {
  const dot = description.name.lastIndexOf('.');
  if (description.type === 'Document' || dot < 0) return [undefined, description.name];
  return [description.name.slice(0, dot), description.name.slice(dot + 1)];
}
