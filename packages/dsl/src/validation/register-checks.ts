import type { LangiumCoreServices, ValidationChecks } from 'langium';
import type { ParityAstType } from '../language/generated/ast.js';

/** Registers every Parity validation rule with the language's validation registry. */
export function registerValidationChecks(services: LangiumCoreServices): void {
  const checks: ValidationChecks<ParityAstType> = {};
  services.validation.ValidationRegistry.register(checks);
}
