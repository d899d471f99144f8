import {
  type ContractTest as ModelTest,
  normaliseNumber,
  type Outcome,
  type PeriodRef,
  parseMoney,
  parsePercent,
  type TestStep,
} from '@parity/engine';
import type { AstNode } from 'langium';
import {
  type Outcome as AstOutcome,
  type ContractTest,
  isAttainmentOutcome,
  isContinuationOutcome,
  isCountObservation,
  isEarnsOutcome,
  isExpect,
  isFileObservation,
  isFlowsDownOutcome,
  isKeptOutcome,
  isOnAccountOutcome,
  isReconciliationOutcome,
  isRowsObservation,
  isScoreOutcome,
  isShareOutcome,
  isUnfundedOutcome,
  isValueObservation,
  type Observation,
  type Period,
} from '../language/generated/ast.js';
import { compileLiteral } from './compile-expression.js';
import { type FileNamer, locationOf } from './locations.js';
import { nameOf } from './names.js';

const TARGET_KINDS: Record<string, TestStep['target']['kind']> = {
  Measure: 'measure',
  Dataset: 'dataset',
  Indicator: 'indicator',
  IndicatorPart: 'indicator',
  Scheme: 'scheme',
  RiskShare: 'risk-share',
  ActivityLine: 'activity',
  Capitation: 'capitation',
  YearOfCare: 'year-of-care',
  Contract: 'contract',
  AbsorbedCost: 'cost',
};

// Datatype rules join their tokens without spaces: 'not yet due' arrives as 'notyetdue'.
const STATUSES: Record<string, 'met' | 'not-met' | 'insufficient-data' | 'not-yet-due'> = {
  met: 'met',
  notmet: 'not-met',
  insufficientdata: 'insufficient-data',
  notyetdue: 'not-yet-due',
};

const CONTINUATIONS: Record<string, 'continues' | 'ends' | 'pending'> = {
  continues: 'continues',
  doesnotcontinue: 'ends',
  awaitsreview: 'pending',
};

function compilePeriod(period: Period | undefined): PeriodRef | undefined {
  if (!period) return undefined;
  return { year: period.year, quarter: period.quarter as PeriodRef['quarter'], month: period.month };
}

function compileObservation(observation: Observation) {
  if (isCountObservation(observation)) {
    return {
      kind: 'count' as const,
      numerator: normaliseNumber(observation.numerator),
      denominator: normaliseNumber(observation.denominator),
    };
  }
  if (isValueObservation(observation))
    return {
      kind: 'value' as const,
      value: compileLiteral(observation.value),
      ...(observation.evidence === undefined ? {} : { evidence: observation.evidence }),
    };
  if (isRowsObservation(observation)) {
    return {
      kind: 'rows' as const,
      rows: observation.rows.map((row) =>
        Object.fromEntries(
          row.cells.map((cell) => [cell.field.ref?.name ?? cell.field.$refText, compileLiteral(cell.value)]),
        ),
      ),
    };
  }
  if (isFileObservation(observation)) return { kind: 'file' as const, path: observation.path };
  throw new Error('unknown observation');
}

function compileOutcome(outcome: AstOutcome): Outcome {
  if (isEarnsOutcome(outcome)) return { kind: 'earns', pence: parseMoney(outcome.amount).toString() };
  if (isUnfundedOutcome(outcome)) return { kind: 'unfunded', pence: parseMoney(outcome.amount).toString() };
  if (isOnAccountOutcome(outcome))
    return { kind: 'on-account', pence: parseMoney(outcome.amount).toString() };
  if (isFlowsDownOutcome(outcome))
    return { kind: 'flows-down', pence: parseMoney(outcome.amount).toString() };
  if (isKeptOutcome(outcome)) return { kind: 'kept', pence: parseMoney(outcome.amount).toString() };
  if (isReconciliationOutcome(outcome)) {
    const pence = parseMoney(outcome.amount);
    return { kind: 'reconciliation', pence: (outcome.direction === 'recovers' ? -pence : pence).toString() };
  }
  if (isShareOutcome(outcome)) {
    return {
      kind: 'share',
      side: outcome.side as 'providers' | 'commissioner',
      direction: outcome.direction.startsWith('receive') ? 'receive' : 'bear',
      pence: parseMoney(outcome.amount).toString(),
    };
  }
  if (isAttainmentOutcome(outcome)) return { kind: 'attains', value: normaliseNumber(outcome.value) };
  if (isScoreOutcome(outcome)) {
    const percent = outcome.value.endsWith('%');
    return {
      kind: 'scores',
      value: percent ? parsePercent(outcome.value) : normaliseNumber(outcome.value),
      percent,
    };
  }
  if (isContinuationOutcome(outcome))
    return {
      kind: 'continuation',
      decision: CONTINUATIONS[outcome.decision.replace(/\s/g, '')] ?? 'continues',
    };
  return { kind: 'status', status: STATUSES[outcome.status.replace(/\s/g, '')] ?? 'met' };
}

function targetOf(reference: { ref?: AstNode & { name?: string }; $refText: string }): TestStep['target'] {
  const target = reference.ref;
  if (!target || typeof target.name !== 'string') return { kind: 'measure', name: reference.$refText };
  return {
    kind: TARGET_KINDS[target.$type] ?? 'measure',
    name: nameOf(target as AstNode & { name: string }),
  };
}

export function compileTest(test: ContractTest, fileOf: FileNamer): ModelTest {
  return {
    title: test.title,
    steps: test.steps.map((step): TestStep => {
      const common = {
        target: targetOf(step.target),
        provider: step.provider?.ref ? nameOf(step.provider.ref) : undefined,
        period: compilePeriod(step.period),
        location: locationOf(step, fileOf),
      };
      return isExpect(step)
        ? { kind: 'expect', ...common, outcome: compileOutcome(step.outcome) }
        : { kind: 'given', ...common, observation: compileObservation(step.observation) };
    }),
    location: locationOf(test, fileOf),
  };
}
