import {
  ParityGeneratedSharedModule,
  ParityLanguageGeneratedModule,
  ParityModule,
  registerValidationChecks,
} from '@parity/dsl';
import { inject, type Module } from 'langium';
import {
  createDefaultModule,
  createDefaultSharedModule,
  type DefaultSharedModuleContext,
  type LangiumServices,
  type LangiumSharedServices,
  type PartialLangiumServices,
} from 'langium/lsp';
import { ParityCodeActionProvider } from './code-actions.js';
import { ParityCodeLensProvider } from './code-lens.js';
import { ParityFormatter } from './formatter.js';
import { ParityHoverProvider } from './hover.js';
import { ParityInlayHintProvider } from './inlay-hints.js';

/** The editor services the Parity language adds to Langium's. */
export const ParityLspModule: Module<LangiumServices, PartialLangiumServices> = {
  lsp: {
    Formatter: () => new ParityFormatter(),
    HoverProvider: (services) => new ParityHoverProvider(services),
    InlayHintProvider: () => new ParityInlayHintProvider(),
    CodeActionProvider: (services) => new ParityCodeActionProvider(services),
    CodeLensProvider: (services) => new ParityCodeLensProvider(services),
  },
};

export interface ParityLspServices {
  shared: LangiumSharedServices;
  Parity: LangiumServices;
}

/** The language with every editor feature, for the language server (over stdio or in a worker). */
export function createParityLspServices(context: DefaultSharedModuleContext): ParityLspServices {
  const shared = inject(createDefaultSharedModule(context), ParityGeneratedSharedModule);
  const Parity = inject(
    createDefaultModule({ shared }),
    ParityLanguageGeneratedModule,
    ParityModule as Module<LangiumServices, PartialLangiumServices>,
    ParityLspModule,
  );
  shared.ServiceRegistry.register(Parity);
  registerValidationChecks(Parity);
  return { shared, Parity };
}
