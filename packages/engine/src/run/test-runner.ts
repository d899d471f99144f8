import { dateOfDayNumber, dayAfterMonth, financialYearOf } from '../calendar/index.js';
import { monthsOf, parsePeriod } from '../calendar/periods.js';
import { DomainError } from '../core/errors.js';
import {
  equals,
  fromDecimal,
  fromPercent,
  mul,
  type Rational,
  rational,
  toDecimal,
} from '../core/rational.js';
import { WHOLE_CONTRACT } from '../measures/aggregate-index.js';
import type { AggregateObservation, Observations, RecordRow } from '../measures/observations.js';
import type { PeriodRef, SourceLocation } from '../model/common.js';
import type { Literal } from '../model/expression.js';
import type { ContractModel, Dataset } from '../model/index.js';
import type { TestStep } from '../model/test.js';
import { formatPence } from '../money.js';
import { mainProvider } from '../payments/context.js';
import { isPayable, type PaymentLine } from '../payments/payment-line.js';
import { measureMet } from '../payments/risk-share.js';
import { apportion, commissionerShares } from '../position/apportionment.js';
import { type Evaluation, evaluateInContext } from './evaluate.js';
import { flowDownFigure, subContractsOf } from './flow-down-expectations.js';

export interface ExpectationFailure {
  location: SourceLocation;
  expected: string;
  actual: string;
  /** The explanation of the figure that was compared. */
  explanation: string[];
}

export interface TestOutcome {
  contract: string;
  title: string;
  location: SourceLocation;
  passed: boolean;
  expectations: number;
  failures: ExpectationFailure[];
  /** Set when the test could not be evaluated at all: its givens were refused. */
  error?: string;
}

type Expect = Extract<TestStep, { kind: 'expect' }>;
type Given = Extract<TestStep, { kind: 'given' }>;

/**
 * Runs a contract's in-language tests against the engine: each test's givens become observations,
 * the contract is evaluated as of the end of its term, and each expectation is compared exactly.
 */
/**
 * Reads the rows of a record file a test gives (`given D = from "cases.csv"`), its path relative to
 * the file the test is written in. The engine does no I/O: whoever runs the tests reads the file,
 * through the same cell codecs as a feed.
 */
export type RecordFileReader = (dataset: Dataset, path: string, writtenIn: SourceLocation) => RecordRow[];

export async function runContractTests(
  model: ContractModel,
  parents?: ReadonlyMap<string, ContractModel>,
  readRecordFile?: RecordFileReader,
): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const test of model.tests) {
    const base = { contract: model.contract.name, title: test.title, location: test.location };
    const expects = test.steps.filter((s): s is Expect => s.kind === 'expect');
    try {
      const givens = test.steps.filter((s): s is Given => s.kind === 'given');
      const parent = model.contract.parent ? parents?.get(model.contract.parent) : undefined;
      const observations = observationsOf(
        model,
        parent ? givens.filter((g) => !knows(parent, g) || knows(model, g)) : givens,
        readRecordFile,
      );
      // Tests look back from the end of the term, when every period is due.
      const asOf = dateOfDayNumber(dayAfterMonth(model.contract.term.end));
      // A sub-contract reads the prime's own evaluation of the givens about the prime's measures.
      const primeFor = async (year?: string) =>
        parent &&
        (
          await evaluateInContext(
            parent,
            observationsOf(
              parent,
              givens.filter((g) => knows(parent, g)),
              readRecordFile,
            ),
            { asOf, year },
          )
        ).result;
      // Each year of a longer term is evaluated as itself: an expectation is checked in its year.
      const evaluations = new Map<string, Evaluation>();
      const failures: ExpectationFailure[] = [];
      // A test that expects nothing still has its givens read, and refused if they are bad.
      if (expects.length === 0)
        await evaluateInContext(model, observations, { asOf, prime: await primeFor() });
      for (const e of expects) {
        const year = yearOfRef(model, e.period);
        let evaluation = evaluations.get(year);
        if (!evaluation) {
          evaluation = await evaluateInContext(model, observations, {
            asOf,
            prime: await primeFor(year),
            year,
          });
          evaluations.set(year, evaluation);
        }
        const flowing = e.outcome.kind === 'flows-down' || e.outcome.kind === 'kept';
        const flows: PaymentLine[] = [];
        for (const sub of flowing ? subContractsOf(model, parents) : []) {
          const given = observationsOf(
            sub,
            givens.filter((g) => knows(sub, g)),
            readRecordFile,
          );
          const result = (await evaluateInContext(sub, given, { asOf, year, prime: evaluation.result }))
            .result;
          flows.push(...result.lines.filter((l) => l.kind === 'flow-down'));
        }
        const failure = check(evaluation, e, flows);
        if (failure) failures.push(failure);
      }
      outcomes.push({ ...base, passed: failures.length === 0, expectations: expects.length, failures });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({
        ...base,
        passed: false,
        expectations: expects.length,
        failures: [],
        error: `${error.code}: ${error.message}`,
      });
    }
  }
  return outcomes;
}

function yearOfRef(model: ContractModel, ref: PeriodRef | undefined): string {
  if (ref?.month) return financialYearOf(ref.month);
  return ref?.year ?? model.contract.year;
}

function labelOf(model: ContractModel, ref: PeriodRef | undefined): string {
  if (!ref) return model.contract.year;
  if (ref.month) return ref.month;
  const year = ref.year ?? model.contract.year;
  return ref.quarter ? `${year} ${ref.quarter}` : year;
}

function providerOf(model: ContractModel, organisation: string | undefined): string | undefined {
  return organisation ? model.organisations.find((o) => o.name === organisation)?.ods : undefined;
}

function observationsOf(
  model: ContractModel,
  givens: Given[],
  readRecordFile?: RecordFileReader,
): Observations {
  const aggregates: AggregateObservation[] = [];
  const records: Record<string, RecordRow[]> = {};
  for (const given of givens) {
    const period = labelOf(model, given.period);
    const provider = providerOf(model, given.provider);
    const observation = given.observation;
    if (observation.kind === 'rows' || observation.kind === 'file') {
      const month = /^[0-9]{4}-[0-9]{2}$/.test(period) ? period : monthsOf(parsePeriod(period)).at(-1);
      const owner = provider ?? mainProvider({ model });
      const defaults = { provider: owner === WHOLE_CONTRACT ? firstProvider(model) : owner, month };
      const rows = records[given.target.name] ?? [];
      records[given.target.name] = rows;
      if (observation.kind === 'file') {
        // A file's own provider and month columns, where it has them, win over the given's.
        for (const row of recordFile(model, given, observation.path, readRecordFile))
          rows.push({ ...defaults, ...row });
        continue;
      }
      for (const cells of observation.rows) rows.push({ ...defaults, ...rowValues(cells) });
      continue;
    }
    const base = { measure: given.target.name, provider: provider ?? WHOLE_CONTRACT, period };
    if (observation.kind === 'count')
      aggregates.push({ ...base, numerator: observation.numerator, denominator: observation.denominator });
    else
      aggregates.push({
        ...base,
        ...observedValue(observation.value),
        ...(observation.evidence === undefined ? {} : { evidence: observation.evidence }),
      });
  }
  return { aggregates, records };
}

function recordFile(
  model: ContractModel,
  given: Given,
  path: string,
  readRecordFile: RecordFileReader | undefined,
): RecordRow[] {
  const dataset = model.datasets.find((d) => d.name === given.target.name);
  if (!dataset)
    throw new DomainError(
      'unknown-dataset',
      `${given.target.name} is not a dataset: rows come from a file only for a dataset.`,
    );
  if (!readRecordFile)
    throw new DomainError(
      'invalid-record',
      `Rows of ${dataset.name} are given from "${path}", a file on disk: run the tests with parity test, which reads it.`,
    );
  return readRecordFile(dataset, path, given.location);
}

/** Whether a given is about one of the model's own measures or datasets. */
function knows(model: ContractModel, given: Given): boolean {
  const name = given.target.name;
  return model.measures.some((m) => m.name === name) || model.datasets.some((d) => d.name === name);
}

function firstProvider(model: ContractModel): string {
  return model.contract.parties.find((p) => p.role !== 'commissioner')?.ods ?? WHOLE_CONTRACT;
}

function observedValue(literal: Literal): { value?: string; pence?: string } {
  switch (literal.type) {
    case 'money':
      return { pence: literal.pence };
    case 'percent':
      return { value: toDecimal(fromPercent(literal.value), 8) };
    case 'number':
      return { value: literal.value };
    case 'boolean':
      return { value: literal.value ? '1' : '0' };
    default:
      return { value: '0' };
  }
}

function rowValues(cells: Record<string, Literal>): Record<string, string | number | boolean | null> {
  const row: Record<string, string | number | boolean | null> = {};
  for (const [field, literal] of Object.entries(cells)) {
    if (literal.type === 'money') row[field] = Number(literal.pence);
    else if (literal.type === 'number')
      row[field] = literal.value.includes('.') ? literal.value : Number(literal.value);
    else if (literal.type === 'boolean') row[field] = literal.value;
    else if (literal.type === 'duration') row[field] = Number(literal.duration.amount);
    else row[field] = literal.value;
  }
  return row;
}

function check(
  evaluation: Evaluation,
  expect: Expect,
  flows: readonly PaymentLine[],
): ExpectationFailure | undefined {
  const model = evaluation.context.model;
  const period = labelOf(model, expect.period);
  const provider = providerOf(model, expect.provider);
  const outcome = expect.outcome;
  const fail = (expected: string, actual: string, explanation: string[]): ExpectationFailure => ({
    location: expect.location,
    expected,
    actual,
    explanation,
  });
  // An amount of money expected, compared to the penny.
  const amount = (wanted: string, actual: bigint, explanation: string[]) =>
    actual === BigInt(wanted)
      ? undefined
      : fail(formatPence(BigInt(wanted)), formatPence(actual), explanation);
  // `expect X for <commissioner> earns …`: that commissioner's apportioned share of what X earns.
  const shares = commissionerShares(model, evaluation.context);
  const commissioner = shares?.some((c) => c.ods === provider) ? provider : undefined;
  if (outcome.kind === 'earns') {
    const lines = matchingLines(
      evaluation.result.lines,
      expect,
      period,
      commissioner ? undefined : provider,
      model,
    );
    const total = lines.reduce(
      (sum, l) =>
        sum + (shares && commissioner ? BigInt(apportion(l.pence, shares)[commissioner] ?? '0') : l.pence),
      0n,
    );
    return amount(
      outcome.pence,
      total,
      lines.map((l) => l.trace.text),
    );
  }
  if (outcome.kind === 'unfunded' || outcome.kind === 'on-account' || outcome.kind === 'reconciliation') {
    const kind = outcome.kind === 'unfunded' ? 'cost-unfunded' : outcome.kind;
    const lines = evaluation.result.lines.filter(
      (l) =>
        l.kind === kind &&
        l.clause === expect.target.name &&
        withinPeriod(l.period, period) &&
        (!provider || l.provider === provider),
    );
    const total = lines.reduce((sum, l) => sum + l.pence, 0n);
    return amount(
      outcome.pence,
      total,
      lines.map((l) => l.trace.text),
    );
  }
  if (outcome.kind === 'share') {
    const share = evaluation.result.riskShares.find((r) => r.name === expect.target.name);
    const line =
      provider === undefined
        ? undefined
        : evaluation.result.lines.find(
            (l) => l.kind === 'risk-share' && l.clause === expect.target.name && l.provider === provider,
          );
    const side =
      outcome.side === 'providers'
        ? provider
          ? line?.pence
          : share?.providersPence
        : share?.commissionerPence;
    const actual = side === undefined ? undefined : outcome.direction === 'bear' ? -side : side;
    const explanation = share ? share.steps : ['no outturn: the share was not settled'];
    return actual === BigInt(outcome.pence)
      ? undefined
      : fail(
          `${outcome.direction} ${formatPence(BigInt(outcome.pence))}`,
          actual === undefined ? 'not settled' : `${outcome.direction} ${formatPence(actual)}`,
          explanation,
        );
  }
  if (outcome.kind === 'attains') {
    const line = matchingLines(evaluation.result.lines, expect, period, provider, model)[0];
    const actual = line?.attainment ? fromDecimal(line.attainment) : undefined;
    const wanted = fromDecimal(outcome.value);
    return actual && equals(actual, wanted)
      ? undefined
      : fail(
          outcome.value,
          actual ? toDecimal(actual, 6) : (line?.status ?? 'no line'),
          line ? [line.trace.text] : [],
        );
  }
  if (outcome.kind === 'flows-down' || outcome.kind === 'kept') {
    const earned = matchingLines(evaluation.result.lines, expect, period, provider, model);
    const flowed = flows.filter((l) => l.clause === expect.target.name && withinPeriod(l.period, period));
    const figure = flowDownFigure(outcome.kind, earned, flowed);
    return amount(outcome.pence, figure.pence, figure.explanation);
  }
  if (outcome.kind === 'continuation') {
    const pilot = evaluation.result.pilot;
    const actual = pilot?.decision ?? 'no pilot';
    const shown = (d: string) => (d === 'ends' ? 'does not continue' : d === 'pending' ? 'awaits review' : d);
    const explanation = (pilot?.outcomes ?? []).map(
      (o) => `${o.met ? 'met' : 'not met'}: ${o.result.trace.text}`,
    );
    return actual === outcome.decision
      ? undefined
      : fail(shown(outcome.decision), shown(actual), [`review on ${pilot?.review ?? '—'}`, ...explanation]);
  }
  return checkMeasure(evaluation, expect, period, provider, fail);
}

function checkMeasure(
  evaluation: Evaluation,
  expect: Expect,
  period: string,
  provider: string | undefined,
  fail: (e: string, a: string, x: string[]) => ExpectationFailure,
): ExpectationFailure | undefined {
  const outcome = expect.outcome;
  const context = evaluation.context;
  const model = context.model;
  if (expect.target.kind === 'indicator') {
    const line = matchingLines(evaluation.result.lines, expect, period, provider, model)[0];
    const status = !line
      ? 'no line'
      : line.status === 'earned'
        ? 'met'
        : line.status === 'partly-earned' || line.status === 'not-earned'
          ? 'not-met'
          : line.status;
    const wanted = outcome.kind === 'status' ? outcome.status : '';
    return status === wanted ? undefined : fail(wanted, status, line ? [line.trace.text] : []);
  }
  const result = context.measureResult(expect.target.name, provider ?? WHOLE_CONTRACT, parsePeriod(period));
  if (outcome.kind === 'scores') return checkScore(result, outcome, fail);
  if (outcome.kind !== 'status') return undefined;
  let status: string = result.status;
  if (result.status === 'scored') {
    const met =
      measureMet(context, expect.target.name, model.contract.year, provider, parsePeriod(period)) ||
      pilotMet(evaluation, expect.target.name);
    status = met ? 'met' : 'not-met';
    // A target on a baseline with no baseline figure is neither met nor failed.
    if (!met && noBaseline(evaluation, expect.target.name, provider)) status = 'insufficient-data';
  }
  return status === outcome.status ? undefined : fail(outcome.status, status, [result.trace.text]);
}

/**
 * A score is compared to the precision it is written with: `scores 70.59%` passes for 60 of 85
 * (70.588…%, which is 70.59% to two places, rounded half-up), and both sides are shown in the
 * literal's unit and places.
 */
function checkScore(
  result: { value?: Rational; status: string; trace: { text: string } },
  outcome: { value: string; percent: boolean },
  fail: (e: string, a: string, x: string[]) => ExpectationFailure,
): ExpectationFailure | undefined {
  const places = outcome.value.split('.')[1]?.length ?? 0;
  const unit = outcome.percent ? '%' : '';
  const precision = `to ${places} decimal place${places === 1 ? '' : 's'}`;
  const shown = (value: Rational) =>
    `${toDecimal(outcome.percent ? mul(value, rational(100n)) : value, places)}${unit}`;
  const wanted = `${outcome.value}${unit}`;
  if (
    result.value !== undefined &&
    shown(result.value) === `${toDecimal(fromDecimal(outcome.value), places)}${unit}`
  )
    return undefined;
  return fail(
    `${wanted} (${precision})`,
    result.value
      ? `${shown(result.value)} (${toDecimal(outcome.percent ? mul(result.value, rational(100n)) : result.value, 6)}${unit} exactly)`
      : result.status,
    [result.trace.text],
  );
}

function noBaseline(evaluation: Evaluation, measure: string, provider: string | undefined): boolean {
  const judged = [...evaluation.result.monitors, ...(evaluation.result.pilot?.outcomes ?? [])].filter(
    (o) => o.measure === measure && (provider === undefined || o.provider === provider || o.provider === '*'),
  );
  return judged.length > 0 && judged.every((o) => o.baseline?.status === 'no-baseline');
}

function pilotMet(evaluation: Evaluation, measure: string): boolean {
  return evaluation.result.pilot?.outcomes.some((o) => o.measure === measure && o.met) ?? false;
}

/** Lines an expectation speaks of: by target, within the period, for the provider if one is named. */
function matchingLines(
  lines: PaymentLine[],
  expect: Expect,
  period: string,
  provider: string | undefined,
  model: ContractModel,
): PaymentLine[] {
  const name = expect.target.name;
  const inPeriod = (line: PaymentLine) => withinPeriod(line.period, period);
  const forProvider = (line: PaymentLine) => !provider || line.provider === provider;
  const byTarget = (line: PaymentLine) => {
    switch (expect.target.kind) {
      case 'indicator':
        return (
          (line.kind === 'cquin' || line.kind === 'withhold' || line.kind === 'flow-down') &&
          (line.clause === name || partsOf(model, name).includes(line.clause))
        );
      case 'scheme':
        return (line.kind === 'cquin' || line.kind === 'withhold') && line.scheme === name;
      case 'contract':
        return isPayable(line) && model.contract.name === name;
      default:
        return line.clause === name && line.provider !== WHOLE_CONTRACT;
    }
  };
  const matched = lines.filter((l) => byTarget(l) && inPeriod(l) && forProvider(l));
  return expect.target.kind === 'contract' ||
    expect.target.kind === 'indicator' ||
    expect.target.kind === 'scheme'
    ? matched
    : matched.length > 0
      ? matched
      : lines.filter((l) => l.clause === name && inPeriod(l) && forProvider(l));
}

/** The parts of an indicator, whose lines together are what the indicator pays. */
function partsOf(model: ContractModel, indicator: string): string[] {
  const found = model.contract.schemes.flatMap((s) => s.indicators).find((i) => i.name === indicator);
  return found?.parts?.map((p) => p.name) ?? [];
}

/** Whether a line's period (month, quarter or year) falls within the period asked about. */
function withinPeriod(linePeriod: string, asked: string): boolean {
  if (linePeriod === asked) return true;
  const askedMonths = new Set(monthsOf(parsePeriod(asked)));
  return monthsOf(parsePeriod(linePeriod)).every((m) => askedMonths.has(m));
}
