import type { AstNodeDescription, ReferenceInfo } from 'langium';
import { type CompletionContext, type CompletionValueItem, DefaultCompletionProvider } from 'langium/lsp';

/**
 * Completion as Langium offers it, with each organisation, measure, dataset or contract shown
 * beside its title ("Smokers offered cessation support") rather than its node type.
 */
export class ParityCompletionProvider extends DefaultCompletionProvider {
  protected override createReferenceCompletionItem(
    nodeDescription: AstNodeDescription,
    refInfo: ReferenceInfo,
    context: CompletionContext,
  ): CompletionValueItem {
    const item = super.createReferenceCompletionItem(nodeDescription, refInfo, context);
    const title = titleOf(nodeDescription.node);
    return title ? { ...item, detail: title } : item;
  }
}

function titleOf(node: unknown): string | undefined {
  const title = (node as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' && title !== '' ? title : undefined;
}
