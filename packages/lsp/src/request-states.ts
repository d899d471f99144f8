import { DocumentState } from 'langium';
import type { ServiceRequirements } from 'langium/lsp';

/**
 * The build state a request waits for after an edit, where Parity needs less than Langium's default.
 *
 * Completion lists what is in scope at the cursor: the document's own declarations and the index of
 * the others, both known once scopes are computed. It need not wait for the document's references
 * to be linked (a reference it needs, such as a measure's dataset, resolves when asked), so the list
 * comes back while the rest of the document is still being linked and validated.
 */
export const PARITY_REQUEST_STATES: Partial<ServiceRequirements> = {
  CompletionProvider: DocumentState.ComputedScopes,
};
