/** @parity/lsp: the Parity language server and its editor services. */
export { startParityLanguageServer } from './main.js';
export {
  createParityLspServices,
  ParityLspModule,
  type ParityLspServices,
  ParitySharedLspModule,
} from './parity-lsp-module.js';
export { PARITY_TOKEN_LEGEND, ParityTokenModifiers } from './token-kinds.js';
export { type LibraryLoader, ParityWorkspaceManager } from './workspace-manager.js';
