import {
  type AstNode,
  AstUtils,
  type LangiumCoreServices,
  type ValidationAcceptor,
  type ValidationChecks,
} from 'langium';
import type { Document, ParityAstType } from '../language/generated/ast.js';
import { checkBaselineTarget } from './baseline-checks.js';
import { checkContract } from './contract-checks.js';
import { checkAbsorbedCost } from './cost-checks.js';
import { checkDataset, checkOrganisation, checkOverTime } from './data-checks.js';
import { DocumentChecks } from './document-checks.js';
import {
  checkActivity,
  checkCapitation,
  checkIndicator,
  checkIndicatorPart,
  checkScheme,
  checkYearOfCare,
} from './incentive-checks.js';
import { checkIndicatorsAddToWorth, checkShareThresholdReach, checkThresholdReach } from './inert-checks.js';
import { checkLiterals } from './literal-checks.js';
import { checkMeasure } from './measure-checks.js';
import { checkBudget, checkPilot, checkRiskShare } from './share-checks.js';
import { checkContractTest } from './test-checks.js';

/** Registers every Parity validation rule with the language's validation registry. */
export function registerValidationChecks(services: LangiumCoreServices): void {
  const documentChecks = new DocumentChecks(services);
  const checks: ValidationChecks<ParityAstType> = {
    Document: [
      checkLiterals,
      (document: Document, accept: ValidationAcceptor) => documentChecks.checkDocument(document, accept),
    ].map(tolerant),
    Organisation: tolerant(checkOrganisation),
    Dataset: tolerant(checkDataset),
    AggregateReturn: tolerant(checkOverTime),
    Measure: tolerant(checkMeasure),
    Contract: tolerant(checkContract),
    Scheme: [checkScheme, checkIndicatorsAddToWorth].map(tolerant),
    ThresholdRule: tolerant(checkThresholdReach),
    ShareThreshold: tolerant(checkShareThresholdReach),
    Indicator: tolerant(checkIndicator),
    IndicatorPart: tolerant(checkIndicatorPart),
    ActivityLine: tolerant(checkActivity),
    AbsorbedCost: tolerant(checkAbsorbedCost),
    Capitation: tolerant(checkCapitation),
    YearOfCare: tolerant(checkYearOfCare),
    RiskShare: tolerant(checkRiskShare),
    Budget: tolerant(checkBudget),
    Pilot: tolerant(checkPilot),
    BaselineTarget: tolerant(checkBaselineTarget),
    ContractTest: tolerant(checkContractTest),
  };
  services.validation.ValidationRegistry.register(checks);
}

/**
 * While an author is typing, error recovery leaves nodes with properties missing. A check that
 * trips over such a node has nothing to add to the syntax error already reported, so it is skipped;
 * on a document that parsed cleanly the failure is a real defect and is reported as one.
 */
function tolerant<N extends AstNode>(check: (node: N, accept: ValidationAcceptor) => void) {
  return (node: N, accept: ValidationAcceptor): void => {
    try {
      check(node, accept);
    } catch (error) {
      const { parserErrors, lexerErrors } = AstUtils.getDocument(node).parseResult;
      if (parserErrors.length > 0 || lexerErrors.length > 0) return;
      throw error;
    }
  };
}
