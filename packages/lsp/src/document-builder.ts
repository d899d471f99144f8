import {
  DefaultDocumentBuilder,
  type DocumentState,
  isOperationCancelled,
  type LangiumDocument,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/**
 * Langium's document builder, except that a document that has reached a build phase is always
 * announced as having reached it.
 *
 * The default builder checks for cancellation before telling each listener that a document reached
 * a phase, and skips the listener when a newer edit has cancelled the build meanwhile. The document
 * keeps its state, so the next build does not announce it again: its diagnostics are never published
 * (the editor keeps showing those of an older text) and a request waiting for it to be linked
 * waits until the document next changes. Here the listeners are always told; the build is still
 * cancelled at its next step.
 */
export class ParityDocumentBuilder extends DefaultDocumentBuilder {
  protected override async notifyDocumentPhase(
    document: LangiumDocument,
    state: DocumentState,
    cancelToken: CancellationToken,
  ): Promise<void> {
    for (const listener of this.documentPhaseListeners.get(state).slice()) {
      try {
        await listener(document, cancelToken);
      } catch (error) {
        if (!isOperationCancelled(error)) throw error;
      }
    }
  }
}
