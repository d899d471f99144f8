import { isContractTest, isDocument, isImport } from '@parity/dsl';
import {
  type AstNode,
  type AstReflection,
  AstUtils,
  type CompositeCstNode,
  type CstNode,
  CstUtils,
  GrammarAST,
  GrammarUtils,
  isLeafCstNode,
  isReference,
  type LeafCstNode,
  type MultiReference,
  type Reference,
} from 'langium';
import { AbstractSemanticTokenProvider, type LangiumServices, type SemanticTokenAcceptor } from 'langium/lsp';
import {
  SemanticTokenModifiers,
  type SemanticTokensOptions,
  SemanticTokenTypes,
} from 'vscode-languageserver';
import {
  DECLARATION_TOKENS,
  DOCUMENTATION_PROPERTIES,
  KEYWORD_PROPERTIES,
  LITERAL_TOKENS,
  OPERATORS,
  PARITY_TOKEN_LEGEND,
  PARITY_TOKEN_MODIFIERS,
} from './token-kinds.js';

/**
 * Semantic highlighting: what a TextMate grammar cannot know because it needs the linked model.
 * A name is coloured by what it refers to (an organisation, a measure, a dataset or field, a
 * contract, a paying clause), declarations carry the `declaration` modifier and names from the
 * built-in NHS library the `defaultLibrary` modifier; qualifiers (`smi.` in `smi.SixChecks`) are
 * namespaces. Keywords that are values (sectors, domains, quarters) are enum members, keywords
 * used as field names (`person`, `value`) are properties. Money and percentages are numbers with
 * `money` and `percentage` modifiers; test names are strings with the `declaration` modifier.
 */
export class ParitySemanticTokenProvider extends AbstractSemanticTokenProvider {
  private readonly reflection: AstReflection;

  constructor(services: LangiumServices) {
    super(services);
    this.reflection = services.shared.AstReflection;
  }

  override get tokenModifiers(): Record<string, number> {
    return PARITY_TOKEN_MODIFIERS;
  }

  override get semanticTokensOptions(): SemanticTokensOptions {
    return { ...super.semanticTokensOptions, legend: PARITY_TOKEN_LEGEND };
  }

  protected highlightElement(node: AstNode, accept: SemanticTokenAcceptor): void {
    const done = new Set<CstNode>();
    for (const info of AstUtils.streamReferences(node)) {
      const refNode = info.reference.$refNode;
      if (!refNode) continue;
      const target = resolved(info.reference);
      const type = DECLARATION_TOKENS[target?.$type ?? this.reflection.getReferenceType(info)];
      const modifier = target && isLibrary(target) ? SemanticTokenModifiers.defaultLibrary : undefined;
      this.highlightQualifiedName(refNode, type ?? SemanticTokenTypes.variable, modifier, accept, done);
    }
    const declared = DECLARATION_TOKENS[node.$type];
    const name = declared && GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    if (declared && name) {
      const modifiers = [SemanticTokenModifiers.declaration];
      if (isLibrary(node)) modifiers.push(SemanticTokenModifiers.defaultLibrary);
      this.highlightQualifiedName(name, declared, modifiers, accept, done);
    }
    if (isImport(node)) {
      for (const property of ['path', 'alias']) {
        const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
        if (cst) this.highlightQualifiedName(cst, SemanticTokenTypes.namespace, undefined, accept, done);
      }
    }
    if (node.$cstNode) {
      for (const leaf of ownLeaves(node.$cstNode, node)) {
        if (!done.has(leaf)) this.highlightLeaf(node, leaf, accept);
      }
    }
  }

  /** `smi.SixChecksComplete`: `smi` is a namespace, the last name gets the given type. */
  private highlightQualifiedName(
    cst: CstNode,
    type: string,
    modifier: string | string[] | undefined,
    accept: SemanticTokenAcceptor,
    done: Set<CstNode>,
  ): void {
    const leaves = CstUtils.flattenCst(cst)
      .filter((leaf) => !leaf.hidden)
      .toArray();
    const names = leaves.filter((leaf) => leaf.text !== '.');
    for (const leaf of leaves) done.add(leaf);
    names.forEach((leaf, i) => {
      const last = i === names.length - 1;
      accept({
        cst: leaf,
        type: last ? type : SemanticTokenTypes.namespace,
        modifier: last ? modifier : undefined,
      });
    });
  }

  /** A token of the node itself that is neither a name nor a reference: keywords and literals. */
  private highlightLeaf(node: AstNode, leaf: LeafCstNode, accept: SemanticTokenAcceptor): void {
    const literal = LITERAL_TOKENS[leaf.tokenType.name];
    const property = GrammarUtils.findAssignment(leaf)?.feature;
    if (literal) {
      const [type, modifier] = literal;
      const modifiers =
        isContractTest(node) && property === 'title'
          ? SemanticTokenModifiers.declaration
          : property && DOCUMENTATION_PROPERTIES.has(property)
            ? SemanticTokenModifiers.documentation
            : modifier;
      accept({ cst: leaf, type, modifier: modifiers });
      return;
    }
    if (!GrammarAST.isKeyword(leaf.grammarSource)) return;
    if (OPERATORS.has(leaf.text)) accept({ cst: leaf, type: SemanticTokenTypes.operator });
    else if (!/^[a-zA-Z]/.test(leaf.text)) return;
    else if (property && !KEYWORD_PROPERTIES.has(property))
      accept({ cst: leaf, type: SemanticTokenTypes.enumMember });
    else accept({ cst: leaf, type: SemanticTokenTypes.keyword });
  }
}

function resolved(reference: Reference | MultiReference): AstNode | undefined {
  return isReference(reference) ? reference.ref : reference.items[0]?.ref;
}

/** Declarations of the built-in NHS library, in the `nhs` package and those beneath it. */
function isLibrary(node: AstNode): boolean {
  const root = AstUtils.findRootNode(node);
  return isDocument(root) && (root.name === 'nhs' || (root.name?.startsWith('nhs.') ?? false));
}

/** The tokens that belong to a node, not to the nodes it contains. */
function* ownLeaves(cst: CstNode, owner: AstNode): Generator<LeafCstNode> {
  if (isLeafCstNode(cst)) {
    if (!cst.hidden) yield cst;
    return;
  }
  for (const child of (cst as CompositeCstNode).content) {
    if (child.astNode === owner) yield* ownLeaves(child, owner);
  }
}
