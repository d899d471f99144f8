/**
 * @parity/dsl: the Parity contract language.
 *
 * Public surface: the language services (`createParityServices`), checking a set of sources
 * (`checkSources`), compiling a contract to a ContractModel (`compileContract`), the issue codes,
 * and the ContractModel schema re-exported from the engine. The generated AST is exported for the
 * language server. Reading files from disk lives in `@parity/dsl/node`.
 */

export { CONTRACT_MODEL_SCHEMA_VERSION, ContractModel } from '@parity/engine';
export { canonicalJson, sha256Hex } from './compiler/canonical-json.js';
export { type CompileOptions, compileContract, testsFor } from './compiler/compile-contract.js';
export { formatParity } from './format.js';
export * from './language/generated/ast.js';
export {
  ParityGeneratedSharedModule,
  ParityLanguageGeneratedModule,
  ParityLanguageLanguageMetaData,
} from './language/generated/module.js';
export {
  accountableFor,
  contractValue,
  measureKind,
  overTimeClauseOf,
  overTimeOfClause,
  partiesOf,
  submittedByOf,
} from './language/parity-facts.js';
export { createParityServices, type ParityCoreServices, ParityModule } from './language/parity-module.js';
export { packageOfImport, qualifiedName } from './language/parity-names.js';
export { type IssueCode, IssueCodes } from './validation/issue-codes.js';
export { registerValidationChecks } from './validation/register-checks.js';
export {
  type CheckedWorkspace,
  checkSources,
  hasErrors,
  type PlacedDiagnostic,
  type SourceFile,
} from './workspace.js';
