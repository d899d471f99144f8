import {
  type AstNode,
  type AstNodeDescription,
  AstUtils,
  DefaultScopeProvider,
  EMPTY_SCOPE,
  type LangiumCoreServices,
  MapScope,
  type ReferenceInfo,
  type Scope,
  WorkspaceCache,
} from 'langium';
import {
  type Contract,
  type Dataset,
  type Document,
  type Field,
  isCell,
  isCohortClause,
  isContract,
  isContractTest,
  isDataset,
  isField,
  isFieldReference,
  isFlowDown,
  isFromClause,
  isGiven,
  isMeasure,
  isPairedScoring,
  isParentClause,
  isStratificationClause,
} from './generated/ast.js';
import { defaultAlias, packageOfImport } from './parity-names.js';

/**
 * Resolves names the way a commissioner reads them:
 * - declarations of the document's own package and of imported packages, by simple name, by the
 *   package's alias (`smi.SixChecks`) and by full name;
 * - dataset fields inside a measure, from the dataset the measure is `from`;
 * - inside a test, the named clauses of the contract under test;
 * - in a sub-contract's `flow down`, the indicators of the parent contract.
 */
export class ParityScopeProvider extends DefaultScopeProvider {
  private readonly importedScopes: WorkspaceCache<string, Scope>;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.importedScopes = new WorkspaceCache(services.shared);
  }

  override getScope(context: ReferenceInfo): Scope {
    const container = context.container;
    if (isFieldReference(container) || isStratificationClause(container) || isPairedScoring(container)) {
      const measure = AstUtils.getContainerOfType(container, isMeasure);
      return this.fieldScope(measure && datasetOfMeasureNode(measure));
    }
    if (isCell(container)) {
      const given = AstUtils.getContainerOfType(container, isGiven);
      const target = given?.target.ref;
      return this.fieldScope(isDataset(target) ? target : target && datasetOfMeasureNode(target));
    }
    if (isCohortClause(container) && context.property !== 'cohort') {
      return this.fieldScope(container.cohort.ref);
    }
    if (isFlowDown(container)) {
      const contract = AstUtils.getContainerOfType(container, isContract);
      const parent = contract?.members.find(isParentClause)?.parent.ref;
      return parent ? this.contractScope(parent, context, EMPTY_SCOPE) : EMPTY_SCOPE;
    }
    const test = AstUtils.getContainerOfType(container, isContractTest);
    if (test && context.property !== 'contract') {
      const contract = test.contract.ref;
      if (contract) return this.contractScope(contract, context, super.getScope(context));
    }
    return super.getScope(context);
  }

  protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
    const document = AstUtils.getDocument(context.container);
    const key = `${document.uri.toString()}|${referenceType}`;
    return this.importedScopes.get(key, () => this.createImportedScope(referenceType, document.parseResult.value as Document));
  }

  private createImportedScope(referenceType: string, root: Document): Scope {
    const visible = new Map<string, string>(); // package → alias
    if (root.name) visible.set(root.name, '');
    for (const anImport of root.imports) {
      const pkg = packageOfImport(anImport.path);
      visible.set(pkg, anImport.alias ?? defaultAlias(pkg));
    }
    const descriptions: AstNodeDescription[] = [];
    for (const description of this.indexManager.allElements(referenceType)) {
      const dot = description.name.lastIndexOf('.');
      const pkg = dot < 0 ? '' : description.name.slice(0, dot);
      const simple = description.name.slice(dot + 1);
      descriptions.push(description);
      const alias = visible.get(pkg);
      if (pkg === '' || alias === undefined) continue;
      descriptions.push({ ...description, name: simple });
      if (alias) descriptions.push({ ...description, name: `${alias}.${simple}` });
    }
    return new MapScope(descriptions);
  }

  private fieldScope(dataset: Dataset | undefined): Scope {
    if (!dataset) return EMPTY_SCOPE;
    return this.createScopeForNodes(dataset.members.filter(isField));
  }

  private contractScope(contract: Contract, context: ReferenceInfo, outer: Scope): Scope {
    const document = AstUtils.getDocument(contract);
    const referenceType = this.reflection.getReferenceType(context);
    const symbols = document.localSymbols?.getStream(contract) ?? [];
    const own = [...symbols].filter((description) => this.reflection.isSubtype(description.type, referenceType));
    const withContract = this.reflection.isSubtype(contract.$type, referenceType)
      ? [...own, this.descriptions.createDescription(contract, contract.name)]
      : own;
    return this.createScope(withContract, outer);
  }
}

/** The dataset a measure draws from, when it is a record-level dataset. */
export function datasetOfMeasureNode(node: AstNode): Dataset | undefined {
  if (!isMeasure(node)) return undefined;
  const from = node.clauses.find(isFromClause)?.source.ref;
  return isDataset(from) ? from : undefined;
}

/** Fields of a dataset, by name. */
export function fieldsOf(dataset: Dataset): Field[] {
  return dataset.members.filter(isField);
}
