/**
 * @parity/dsl: the Parity contract language.
 *
 * Public surface: the language services (`createParityServices`), checking a set of sources
 * (`checkSources`), compiling a contract to a ContractModel (`compileContract`), the issue codes,
 * and the ContractModel schema re-exported from the engine. The generated AST is exported for the
 * language server. Reading files from disk lives in `@parity/dsl/node`.
 */
export * from './language/generated/ast.js';
export { ParityLanguageLanguageMetaData, ParityGeneratedSharedModule, ParityLanguageGeneratedModule } from './language/generated/module.js';
export { createParityServices, ParityModule, type ParityCoreServices } from './language/parity-module.js';
export { IssueCodes, type IssueCode } from './validation/issue-codes.js';
export { checkSources, hasErrors, type CheckedWorkspace, type PlacedDiagnostic, type SourceFile } from './workspace.js';
export { ContractModel, CONTRACT_MODEL_SCHEMA_VERSION } from '@parity/engine';
export { compileContract, testsFor, type CompileOptions } from './compiler/compile-contract.js';
export { canonicalJson, sha256Hex } from './compiler/canonical-json.js';
