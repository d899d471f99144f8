import type { ValidationAcceptor } from 'langium';
import {
  type ContractTest,
  type Expect,
  type Given,
  isAbsorbedCost,
  isAttainmentOutcome,
  isAttestationScoring,
  isContinuationOutcome,
  isContract,
  isCountObservation,
  isDataset,
  isEarnsOutcome,
  isExpect,
  isFileObservation,
  isFlowsDownOutcome,
  isGiven,
  isIndicator,
  isKeptOutcome,
  isMeasure,
  isOnAccountOutcome,
  isPilot,
  isReconciliationOutcome,
  isRiskShare,
  isRowsObservation,
  isScheme,
  isScoreOutcome,
  isScoringClause,
  isShareOutcome,
  isStatusOutcome,
  isTermClause,
  isUnfundedOutcome,
  isValueObservation,
  type Period,
} from '../language/generated/ast.js';
import { contractYear } from '../language/parity-facts.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

export function checkContractTest(test: ContractTest, accept: ValidationAcceptor): void {
  const contract = test.contract.ref;
  const year = contract && contractYear(contract);
  const term = contract?.members.find(isTermClause);
  for (const step of test.steps) {
    if (isGiven(step)) checkGiven(step, accept);
    if (isExpect(step)) checkExpect(step, accept);
    if (step.period && year) checkPeriod(step.period, year, term, accept);
  }
  if (!test.steps.some(isExpect)) {
    report(
      accept,
      'warning',
      IssueCodes.TestTargetKind,
      `This test expects nothing, so it cannot fail: add an 'expect …' line.`,
      { node: test, property: 'title' },
    );
  }
}

function checkGiven(given: Given, accept: ValidationAcceptor): void {
  const target = given.target.ref;
  if (!target) return;
  const rows = isRowsObservation(given.observation) || isFileObservation(given.observation);
  if (rows && !isDataset(target)) {
    report(
      accept,
      'error',
      IssueCodes.TestTargetKind,
      `Rows are given for a dataset, and ${target.name} is a measure: give its result as 'N of D' or a value, or give rows of its dataset.`,
      { node: given, property: 'target' },
    );
  }
  if (!rows && isDataset(target)) {
    report(
      accept,
      'error',
      IssueCodes.TestTargetKind,
      `${target.name} is a record-level dataset: give it 'rows { (field = value, …) }' or 'from "file.csv"'.`,
      { node: given, property: 'target' },
    );
  }
  if (
    isValueObservation(given.observation) &&
    given.observation.evidence !== undefined &&
    !(isMeasure(target) && target.clauses.some((c) => isScoringClause(c) && isAttestationScoring(c.scoring)))
  ) {
    report(
      accept,
      'error',
      IssueCodes.TestTargetKind,
      `Only an attestation carries an evidence reference, and ${target.name} is not scored as one: remove 'evidence …' or give an attestation.`,
      { node: given.observation, property: 'evidence' },
    );
  }
  if (
    isCountObservation(given.observation) &&
    Number(given.observation.numerator.replaceAll(',', '')) >
      Number(given.observation.denominator.replaceAll(',', ''))
  ) {
    report(
      accept,
      'error',
      IssueCodes.ThresholdOutOfRange,
      `The numerator ${given.observation.numerator} is above the denominator ${given.observation.denominator}: no real return can say that.`,
      { node: given.observation },
    );
  }
}

function checkExpect(expect: Expect, accept: ValidationAcceptor): void {
  const target = expect.target.ref;
  if (!target) return;
  const outcome = expect.outcome;
  const wrong = (message: string) =>
    report(accept, 'error', IssueCodes.TestTargetKind, message, { node: expect, property: 'target' });
  if (isEarnsOutcome(outcome) && (isMeasure(target) || isRiskShare(target))) {
    wrong(
      isMeasure(target)
        ? `A measure scores, it does not earn: expect what ${target.name} 'scores', or what an indicator earns.`
        : `For a risk share, expect what 'providers receive' or 'providers bear'.`,
    );
  }
  if (isEarnsOutcome(outcome) && isAbsorbedCost(target))
    wrong(`A cost carried earns nothing: expect what ${target.name} 'leaves £… unfunded'.`);
  if (isUnfundedOutcome(outcome) && !isAbsorbedCost(target))
    wrong(`Only a cost a provider carries leaves an amount unfunded: name a 'cost'.`);
  if ((isFlowsDownOutcome(outcome) || isKeptOutcome(outcome)) && !isIndicator(target))
    wrong(`Only a prime's indicator flows down to its sub-contracts: name an 'indicator'.`);
  if ((isOnAccountOutcome(outcome) || isReconciliationOutcome(outcome)) && !isScheme(target))
    wrong(`Only a scheme is paid on account and reconciled: name a 'cquin' or 'withhold' scheme.`);
  if (isShareOutcome(outcome) && !isRiskShare(target))
    wrong(`Only a risk share is split between providers and commissioner: name a 'risk share'.`);
  if (isAttainmentOutcome(outcome) && !isIndicator(target))
    wrong(`Attainment belongs to an indicator: name an indicator.`);
  if ((isScoreOutcome(outcome) || isStatusOutcome(outcome)) && !isMeasure(target) && !isIndicator(target)) {
    wrong(`Scores and statuses belong to measures and indicators: name one.`);
  }
  if (isContinuationOutcome(outcome) && !(isContract(target) && target.members.some(isPilot)))
    wrong(`Only a pilot continues or not at its review: name a contract with a 'pilot { … }' clause.`);
}

const MONTHS_FROM_APRIL = (month: string) => {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return year * 12 + mm - 4;
};

function checkPeriod(
  period: Period,
  year: string,
  term: { start: string; end: string } | undefined,
  accept: ValidationAcceptor,
): void {
  const startYear = Number(year.slice(0, 4));
  if (period.year && period.year !== year && !term) {
    report(
      accept,
      'error',
      IssueCodes.PeriodOutsideYear,
      `${period.year} is outside the contract year ${year}: test a period within ${year}.`,
      { node: period, property: 'year' },
    );
  }
  if (period.month) {
    const index = MONTHS_FROM_APRIL(period.month);
    const first = term ? MONTHS_FROM_APRIL(term.start) : startYear * 12;
    const last = term ? MONTHS_FROM_APRIL(term.end) : startYear * 12 + 11;
    if (index < first || index > last) {
      report(
        accept,
        'error',
        IssueCodes.PeriodOutsideYear,
        `${period.month} is outside the contract ${term ? `term ${term.start} to ${term.end}` : `year ${year} (April to March)`}.`,
        { node: period, property: 'month' },
      );
    }
  }
}
