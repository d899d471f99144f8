import {
  type AstNode,
  type AstNodeDescription,
  AstUtils,
  DefaultScopeComputation,
  type LangiumDocument,
  type MultiMap,
} from 'langium';
import { type Document, isContract, isContractTest, isDocument } from './generated/ast.js';
import { qualifiedName } from './parity-names.js';

/**
 * Exports each top-level declaration under its package-qualified name, and the document itself
 * under its package name so that imports can be resolved.
 *
 * Inside a contract every named clause (scheme, indicator, share, activity…) is visible from the whole
 * contract, so a quality gate can name an indicator declared in a sibling scheme.
 */
export class ParityScopeComputation extends DefaultScopeComputation {
  protected override addExportedSymbol(
    node: AstNode,
    exports: AstNodeDescription[],
    document: LangiumDocument,
  ): void {
    if (isDocument(node)) {
      if (node.name) exports.push(this.descriptions.createDescription(node, node.name, document));
      return;
    }
    if (isContractTest(node)) return;
    const name = this.nameProvider.getName(node);
    if (!name) return;
    const root = document.parseResult.value as Document;
    exports.push(this.descriptions.createDescription(node, qualifiedName(root.name, name), document));
  }

  override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value;
    return this.collectExportedSymbolsForNode(root, document, (node) => [
      node,
      ...AstUtils.streamContents(node),
    ]);
  }

  protected override addLocalSymbol(
    node: AstNode,
    document: LangiumDocument,
    symbols: MultiMap<AstNode, AstNodeDescription>,
  ): void {
    const name = this.nameProvider.getName(node);
    if (!name || isDocument(node)) return;
    const contract = AstUtils.getContainerOfType(node.$container, isContract);
    const scopeOwner = contract ?? node.$container;
    if (scopeOwner) symbols.add(scopeOwner, this.descriptions.createDescription(node, name, document));
  }
}
