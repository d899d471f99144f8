import type { LangiumCoreServices, ValidationChecks } from 'langium';
import type { ParityAstType } from '../language/generated/ast.js';
import { checkContract } from './contract-checks.js';
import { checkDataset, checkOrganisation } from './data-checks.js';
import { DocumentChecks } from './document-checks.js';
import { checkActivity, checkCapitation, checkIndicator, checkScheme, checkYearOfCare } from './incentive-checks.js';
import { checkLiterals } from './literal-checks.js';
import { checkMeasure } from './measure-checks.js';
import { checkBudget, checkPilot, checkRiskShare } from './share-checks.js';
import { checkContractTest } from './test-checks.js';

/** Registers every Parity validation rule with the language's validation registry. */
export function registerValidationChecks(services: LangiumCoreServices): void {
  const documentChecks = new DocumentChecks(services);
  const checks: ValidationChecks<ParityAstType> = {
    Document: [checkLiterals, (document, accept) => documentChecks.checkDocument(document, accept)],
    Organisation: checkOrganisation,
    Dataset: checkDataset,
    Measure: checkMeasure,
    Contract: checkContract,
    Scheme: checkScheme,
    Indicator: checkIndicator,
    ActivityLine: checkActivity,
    Capitation: checkCapitation,
    YearOfCare: checkYearOfCare,
    RiskShare: checkRiskShare,
    Budget: checkBudget,
    Pilot: checkPilot,
    ContractTest: checkContractTest,
  };
  services.validation.ValidationRegistry.register(checks);
}
