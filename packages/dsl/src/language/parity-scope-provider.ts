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
  private readonly packageIndex: WorkspaceCache<'index', PackageIndex>;
  private readonly visibilities: WorkspaceCache<Document, Visibility>;

  private readonly fieldScopes: WorkspaceCache<Dataset, Scope>;
  private readonly containerScopes: WorkspaceCache<AstNode, Map<string, Scope>>;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.packageIndex = new WorkspaceCache(services.shared);
    this.visibilities = new WorkspaceCache(services.shared);
    this.fieldScopes = new WorkspaceCache(services.shared);
    this.containerScopes = new WorkspaceCache(services.shared);
  }

  override getScope(context: ReferenceInfo): Scope {
    const container = context.container;
    if (isFieldReference(container) || isStratificationClause(container) || isPairedScoring(container)) {
      const measure = AstUtils.getContainerOfType(container, isMeasure);
      return this.fieldScope(measure && datasetOfMeasureNode(measure));
    }
    if (isField(container) && isDataset(container.$container)) return this.fieldScope(container.$container);
    if (isCell(container)) {
      const given = AstUtils.getContainerOfType(container, isGiven);
      const target = given?.target?.ref;
      return this.fieldScope(isDataset(target) ? target : target && datasetOfMeasureNode(target));
    }
    if (isCohortClause(container) && context.property !== 'cohort') {
      return this.fieldScope(container.cohort?.ref);
    }
    if (isFlowDown(container)) {
      const contract = AstUtils.getContainerOfType(container, isContract);
      const parent = contract?.members.find(isParentClause)?.parent?.ref;
      return parent ? this.contractScope(parent, context, EMPTY_SCOPE) : EMPTY_SCOPE;
    }
    const test = AstUtils.getContainerOfType(container, isContractTest);
    if (test && context.property !== 'contract') {
      // A test still being typed may not name its contract yet.
      const contract = test.contract?.ref;
      if (contract) return this.contractScope(contract, context, this.lexicalScope(context));
    }
    return this.lexicalScope(context);
  }

  /**
   * Langium's default: symbols of each enclosing container, innermost first, then the global scope.
   * Built once per container and reference type as hash-map scopes, so a reference costs a lookup
   * per level rather than a scan of every declaration in the file.
   */
  private lexicalScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    const document = AstUtils.getDocument(context.container);
    const symbols = document.localSymbols;
    let owner: AstNode | undefined = context.container;
    while (owner && !symbols?.has(owner)) owner = owner.$container;
    if (!owner || !symbols) return this.getGlobalScope(referenceType, context);
    return this.containerScope(owner, referenceType, context);
  }

  private containerScope(owner: AstNode, referenceType: string, context: ReferenceInfo): Scope {
    const byType = this.containerScopes.get(owner, () => new Map());
    const cached = byType.get(referenceType);
    if (cached) return cached;
    const symbols = AstUtils.getDocument(owner).localSymbols;
    let outerOwner = owner.$container;
    while (outerOwner && !symbols?.has(outerOwner)) outerOwner = outerOwner.$container;
    const outer = outerOwner
      ? this.containerScope(outerOwner, referenceType, context)
      : this.getGlobalScope(referenceType, context);
    const own = (symbols?.getStream(owner) ?? stream<AstNodeDescription>([])).filter((d) =>
      this.reflection.isSubtype(d.type, referenceType),
    );
    const scope = new MapScope(own, outer);
    byType.set(referenceType, scope);
    return scope;
  }

  protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
    const index = this.packageIndex.get('index', () => this.indexPackages());
    const root = AstUtils.getDocument(context.container).parseResult.value as Document;
    const visibility = this.visibilities.get(root, () => visibilityOf(root));
    return new ImportedScope(index, visibility, (type) => this.reflection.isSubtype(type, referenceType));
  }

  /** Every exported declaration of the workspace, by full name and by package, built once per workspace state. */
  private indexPackages(): PackageIndex {
    const byFullName = new Map<string, AstNodeDescription[]>();
    const byPackage = new Map<string, Map<string, AstNodeDescription[]>>();
    for (const description of this.indexManager.allElements()) {
      if (description.type === 'Document') continue;
      addTo(byFullName, description.name, description);
      const dot = description.name.lastIndexOf('.');
      if (dot < 0) continue;
      const pkg = description.name.slice(0, dot);
      const members = byPackage.get(pkg) ?? new Map<string, AstNodeDescription[]>();
      byPackage.set(pkg, members);
      addTo(members, description.name.slice(dot + 1), description);
    }
    return { byFullName, byPackage };
  }

  private fieldScope(dataset: Dataset | undefined): Scope {
    if (!dataset) return EMPTY_SCOPE;
    return this.fieldScopes.get(dataset, () => this.createScopeForNodes(dataset.members.filter(isField)));
  }

  private contractScope(contract: Contract, context: ReferenceInfo, outer: Scope): Scope {
    const document = AstUtils.getDocument(contract);
    const referenceType = this.reflection.getReferenceType(context);
    const symbols = document.localSymbols?.getStream(contract) ?? [];
    const own = [...symbols].filter((description) =>
      this.reflection.isSubtype(description.type, referenceType),
    );
    const withContract = this.reflection.isSubtype(contract.$type, referenceType)
      ? [...own, this.descriptions.createDescription(contract, contract.name)]
      : own;
    return this.createScope(withContract, outer);
  }
}

interface PackageIndex {
  byFullName: Map<string, AstNodeDescription[]>;
  byPackage: Map<string, Map<string, AstNodeDescription[]>>;
}

/** The packages a document sees by simple name (its own and its imports) and its import aliases. */
interface Visibility {
  packages: string[];
  aliases: Map<string, string>;
}

function visibilityOf(root: Document): Visibility {
  const packages = root.name ? [root.name] : [];
  const aliases = new Map<string, string>();
  for (const anImport of root.imports ?? []) {
    const pkg = packageOfImport(anImport.path ?? '');
    packages.push(pkg);
    aliases.set(anImport.alias ?? defaultAlias(pkg), pkg);
  }
  return { packages, aliases };
}

function addTo(map: Map<string, AstNodeDescription[]>, name: string, description: AstNodeDescription): void {
  const existing = map.get(name);
  if (existing) existing.push(description);
  else map.set(name, [description]);
}

/**
 * The workspace as one document sees it: any declaration by full name; those of its own and
 * imported packages by simple name; those of imported packages by `alias.Name`. Lookups are
 * hash-map hits; only listing every element (for completion) builds renamed descriptions.
 */
class ImportedScope implements Scope {
  constructor(
    private readonly index: PackageIndex,
    private readonly visibility: Visibility,
    private readonly accepts: (type: string) => boolean,
  ) {}

  getElement(name: string): AstNodeDescription | undefined {
    return this.getElements(name).head();
  }

  getElements(name: string): Stream<AstNodeDescription> {
    const candidates: AstNodeDescription[] = [...(this.index.byFullName.get(name) ?? [])];
    const dot = name.lastIndexOf('.');
    if (dot < 0) {
      for (const pkg of this.visibility.packages)
        candidates.push(...(this.index.byPackage.get(pkg)?.get(name) ?? []));
    } else {
      const pkg = this.visibility.aliases.get(name.slice(0, dot));
      if (pkg) candidates.push(...(this.index.byPackage.get(pkg)?.get(name.slice(dot + 1)) ?? []));
    }
    return stream(candidates).filter((d) => this.accepts(d.type));
  }

  getAllElements(): Stream<AstNodeDescription> {
    const all: AstNodeDescription[] = [];
    for (const list of this.index.byFullName.values()) all.push(...list);
    for (const pkg of this.visibility.packages) {
      for (const [simple, list] of this.index.byPackage.get(pkg) ?? [])
        all.push(...list.map((d) => ({ ...d, name: simple })));
    }
    for (const [alias, pkg] of this.visibility.aliases) {
      for (const [simple, list] of this.index.byPackage.get(pkg) ?? [])
        all.push(...list.map((d) => ({ ...d, name: `${alias}.${simple}` })));
    }
    return stream(all).filter((d) => this.accepts(d.type));
  }
}

/** The dataset a measure draws from, when it is a record-level dataset. */
export function datasetOfMeasureNode(node: AstNode): Dataset | undefined {
  if (!isMeasure(node)) return undefined;
  const from = node.clauses.find(isFromClause)?.source?.ref;
  return isDataset(from) ? from : undefined;
}

/** Fields of a dataset, by name. */
export function fieldsOf(dataset: Dataset): Field[] {
  return dataset.members.filter(isField);
}
