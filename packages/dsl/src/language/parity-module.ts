import {
  createDefaultCoreModule,
  createDefaultSharedCoreModule,
  type DefaultSharedCoreModuleContext,
  inject,
  type LangiumCoreServices,
  type LangiumSharedCoreServices,
  type Module,
  type PartialLangiumCoreServices,
} from 'langium';
import '../node20-polyfills.js';
import { registerValidationChecks } from '../validation/register-checks.js';
import { ParityGeneratedSharedModule, ParityLanguageGeneratedModule } from './generated/module.js';
import { ParityLexer } from './parity-lexer.js';
import { createParityParser } from './parity-parser.js';
import { ParityScopeComputation } from './parity-scope-computation.js';
import { ParityScopeProvider } from './parity-scope-provider.js';

/** Services the Parity language adds to Langium's core services. */
export const ParityModule: Module<LangiumCoreServices, PartialLangiumCoreServices> = {
  parser: {
    Lexer: (services) => new ParityLexer(services),
    LangiumParser: (services) => createParityParser(services),
  },
  references: {
    ScopeComputation: (services) => new ParityScopeComputation(services),
    ScopeProvider: (services) => new ParityScopeProvider(services),
  },
};

export interface ParityCoreServices {
  shared: LangiumSharedCoreServices;
  Parity: LangiumCoreServices;
}

/**
 * Creates the language services without any editor (LSP) support: for the compiler, the command line
 * and the service. The language server composes `ParityModule` with Langium's LSP modules instead.
 */
export function createParityServices(context: DefaultSharedCoreModuleContext): ParityCoreServices {
  const shared = inject(createDefaultSharedCoreModule(context), ParityGeneratedSharedModule);
  const Parity = inject(createDefaultCoreModule({ shared }), ParityLanguageGeneratedModule, ParityModule);
  shared.ServiceRegistry.register(Parity);
  registerValidationChecks(Parity);
  shared.workspace.ConfigurationProvider.initialized({});
  return { shared, Parity };
}
