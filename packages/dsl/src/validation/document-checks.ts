import {
  type AstNode,
  type AstNodeDescription,
  AstUtils,
  type LangiumCoreServices,
  type ValidationAcceptor,
  WorkspaceCache,
} from 'langium';
import {
  type Document,
  isAggregateReturn,
  isContract,
  isContractTest,
  isDataset,
  isMeasure,
  isOrganisation,
} from '../language/generated/ast.js';
import { packageOfImport, qualifiedName } from '../language/parity-names.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

/** Checks that need the whole workspace: imports, duplicate names, ODS codes and unused declarations. */
export class DocumentChecks {
  private readonly referencedNodes: WorkspaceCache<'all', Set<AstNode>>;

  constructor(private readonly services: LangiumCoreServices) {
    this.referencedNodes = new WorkspaceCache(services.shared);
  }

  checkDocument(document: Document, accept: ValidationAcceptor): void {
    this.checkImports(document, accept);
    this.checkDuplicateNames(document, accept);
    this.checkDuplicateOdsCodes(document, accept);
    this.checkUnusedDeclarations(document, accept);
  }

  /** Every node some reference in the workspace points at, gathered once per workspace state. */
  private collectReferencedNodes(): Set<AstNode> {
    const referenced = new Set<AstNode>();
    for (const document of this.services.shared.workspace.LangiumDocuments.all) {
      for (const reference of document.references) {
        const target = 'ref' in reference ? reference.ref : undefined;
        if (target) referenced.add(target);
      }
    }
    return referenced;
  }

  private checkImports(document: Document, accept: ValidationAcceptor): void {
    const index = this.services.shared.workspace.IndexManager;
    const known = new Set(index.allElements('Document').map((description) => description.name));
    const used = new Set(this.referencedPackages(document));
    for (const anImport of document.imports) {
      const pkg = packageOfImport(anImport.path);
      if (!known.has(pkg)) {
        report(
          accept,
          'error',
          IssueCodes.UnknownImport,
          `No file declares 'package ${pkg}': check the spelling of "${anImport.path}" or add the library to the workspace.`,
          { node: anImport, property: 'path' },
        );
      } else if (!used.has(pkg)) {
        report(
          accept,
          'warning',
          IssueCodes.UnusedImport,
          `Nothing from "${anImport.path}" is used here: remove the import.`,
          { node: anImport, property: 'path', data: { unnecessary: true } },
        );
      }
    }
  }

  private *referencedPackages(document: Document): Generator<string | undefined> {
    for (const reference of AstUtils.getDocument(document).references) {
      const target = 'ref' in reference ? reference.ref : undefined;
      if (target) yield (AstUtils.getDocument(target).parseResult.value as Document).name;
    }
  }

  private checkDuplicateNames(document: Document, accept: ValidationAcceptor): void {
    const index = this.services.shared.workspace.IndexManager;
    const uri = AstUtils.getDocument(document).uri.toString();
    const localSeen = new Set<string>();
    const declaredElsewhere = new Map<string, AstNodeDescription>();
    for (const description of index.allElements()) {
      if (description.type !== 'Document' && description.documentUri.toString() !== uri) {
        declaredElsewhere.set(description.name, description);
      }
    }
    for (const declaration of document.declarations) {
      if (isContractTest(declaration)) continue;
      const name = declaration.name;
      if (localSeen.has(name)) {
        report(
          accept,
          'error',
          IssueCodes.DuplicateName,
          `${name} is declared twice in this file: rename one of them.`,
          { node: declaration, property: 'name' },
        );
        continue;
      }
      localSeen.add(name);
      const full = qualifiedName(document.name, name);
      const elsewhere = declaredElsewhere.get(full);
      if (elsewhere) {
        report(
          accept,
          'error',
          IssueCodes.DuplicateName,
          `${full} is also declared in ${elsewhere.documentUri.path.split('/').pop()}: names must be unique within a package.`,
          { node: declaration, property: 'name' },
        );
      }
    }
    for (const contract of document.declarations.filter(isContract))
      this.checkContractNames(contract, accept);
  }

  private checkContractNames(contract: AstNode, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const node of AstUtils.streamAllContents(contract)) {
      const name = (node as { name?: unknown }).name;
      if (typeof name !== 'string') continue;
      if (seen.has(name)) {
        report(
          accept,
          'error',
          IssueCodes.DuplicateName,
          `${name} is already used in this contract: give each scheme, indicator and share its own name.`,
          { node, property: 'name' as never },
        );
      }
      seen.add(name);
    }
  }

  private checkDuplicateOdsCodes(document: Document, accept: ValidationAcceptor): void {
    const organisations = document.declarations.filter(isOrganisation);
    if (organisations.length === 0) return;
    const byCode = new Map<string, AstNodeDescription[]>();
    for (const description of this.services.shared.workspace.IndexManager.allElements('Organisation')) {
      const ods = description.node && isOrganisation(description.node) ? description.node.ods : undefined;
      if (ods) byCode.set(ods, [...(byCode.get(ods) ?? []), description]);
    }
    for (const organisation of organisations) {
      const self = qualifiedName(document.name, organisation.name);
      const clash = byCode.get(organisation.ods)?.find((d) => d.name !== self);
      if (clash) {
        report(
          accept,
          'error',
          IssueCodes.DuplicateOdsCode,
          `ODS code "${organisation.ods}" is already used by ${clash.name}: each organisation has its own code.`,
          { node: organisation, property: 'ods' },
        );
      }
    }
  }

  /** In a file that holds a contract, data and measures declared there should be used somewhere. */
  private checkUnusedDeclarations(document: Document, accept: ValidationAcceptor): void {
    if (!document.declarations.some(isContract)) return;
    const referenced = this.referencedNodes.get('all', () => this.collectReferencedNodes());
    for (const declaration of document.declarations) {
      if (
        !(
          isMeasure(declaration) ||
          isDataset(declaration) ||
          isAggregateReturn(declaration) ||
          isOrganisation(declaration)
        )
      )
        continue;
      if (!referenced.has(declaration)) {
        report(
          accept,
          'warning',
          IssueCodes.UnusedDeclaration,
          `${declaration.name} is declared but nothing uses it: use it in the contract or remove it.`,
          { node: declaration, property: 'name', data: { unnecessary: true } },
        );
      }
    }
  }
}
