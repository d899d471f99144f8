import {
  type AstNode,
  type AstNodeDescription,
  AstUtils,
  DefaultScopeProvider,
  EMPTY_SCOPE,
  type LangiumCoreServices,
  type ReferenceInfo,
  type Scope,
  type Stream,
  stream,
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
  private readonly importedScopes: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;

  private readonly fieldScopes: WorkspaceCache<Dataset, Scope>;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.importedScopes = new WorkspaceCache(services.shared);
    this.fieldScopes = new WorkspaceCache(services.shared);
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
    const visible = this.importedScopes.get(document.uri.toString(), () =>
      this.collectVisible(document.parseResult.value as Document),
    );
    return new TypedScope(visible, (type) => this.reflection.isSubtype(type, referenceType));
  }

  /** Every name a document can use for declarations of the workspace, built once per document. */
  private collectVisible(root: Document): Map<string, AstNodeDescription[]> {
    const aliases = new Map<string, string>(); // package → alias
    if (root.name) aliases.set(root.name, '');
    for (const anImport of root.imports) {
      const pkg = packageOfImport(anImport.path);
      aliases.set(pkg, anImport.alias ?? defaultAlias(pkg));
    }
    const visible = new Map<string, AstNodeDescription[]>();
    const add = (name: string, description: AstNodeDescription) => {
      const existing = visible.get(name);
      if (existing) existing.push(description);
      else visible.set(name, [description]);
    };
    for (const description of this.indexManager.allElements()) {
      if (description.type === 'Document') continue;
      add(description.name, description);
      const dot = description.name.lastIndexOf('.');
      const alias = dot < 0 ? undefined : aliases.get(description.name.slice(0, dot));
      if (alias === undefined) continue;
      const simple = description.name.slice(dot + 1);
      add(simple, { ...description, name: simple });
      if (alias) add(`${alias}.${simple}`, { ...description, name: `${alias}.${simple}` });
    }
    return visible;
  }

  private fieldScope(dataset: Dataset | undefined): Scope {
    if (!dataset) return EMPTY_SCOPE;
    return this.fieldScopes.get(dataset, () => this.createScopeForNodes(dataset.members.filter(isField)));
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

/** Names visible to a document, filtered to the declarations a reference can point at. */
class TypedScope implements Scope {
  constructor(
    private readonly visible: Map<string, AstNodeDescription[]>,
    private readonly accepts: (type: string) => boolean,
  ) {}

  getElement(name: string): AstNodeDescription | undefined {
    return this.visible.get(name)?.find((d) => this.accepts(d.type));
  }

  getElements(name: string): Stream<AstNodeDescription> {
    return stream(this.visible.get(name) ?? []).filter((d) => this.accepts(d.type));
  }

  getAllElements(): Stream<AstNodeDescription> {
    return stream(this.visible.values()).flatMap((list) => list).filter((d) => this.accepts(d.type));
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
