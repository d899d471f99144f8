import { DomainError, DomainErrorCodes } from '../core/errors.js';
import { AggregateIndex } from '../measures/aggregate-index.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { Observations, RecordRow, RecordSource } from '../measures/observations.js';
import { tallyRecords } from '../measures/records.js';
import type { Sha256Factory } from '../measures/row-hash.js';
import type { RecordTallies } from '../measures/tally.js';
import { ContractModel } from '../model/index.js';
import { evaluateAbsorbedCost } from '../payments/absorbed-cost.js';
import { evaluateActivity } from '../payments/activity.js';
import { evaluateBlock } from '../payments/block.js';
import { evaluateCapitation } from '../payments/capitation.js';
import { createEvaluationContext, type EvaluationContext } from '../payments/context.js';
import { evaluateFlowDown, type PrimeResult } from '../payments/flow-down.js';
import { evaluateOnAccount } from '../payments/on-account.js';
import { isPayable, type PaymentLine } from '../payments/payment-line.js';
import { evaluateRiskShare, type RiskShareResult } from '../payments/risk-share.js';
import { evaluateScheme } from '../payments/scheme.js';
import { evaluateYearOfCare, Membership } from '../payments/year-of-care.js';
import { evaluateMonitors, type MonitorResult } from './monitors.js';
import { evaluatePilot, type PilotResult } from './pilot.js';
import { contractForYear, termYearOn } from './term-year.js';

export interface EvaluateOptions {
  /** The date the position is taken at (`YYYY-MM-DD`): later submissions are ignored, later periods are not yet due. */
  asOf: string;
  /** For a sub-contract's flow-down: the prime contract's own evaluation for the same year and date. */
  prime?: PrimeResult;
  /** The financial year of the term to evaluate; by default the year the as-of date falls in. */
  year?: string;
  /** The sha256 behind record-level rows hashes; a pure-JavaScript one unless a faster one is given. */
  sha256?: Sha256Factory;
}

/** A monitored measure or pilot outcome against its target for the year. */
export interface TargetResult {
  measure: string;
  provider: string;
  met: boolean;
  result: MeasureResult;
}

export interface ContractResult {
  contract: string;
  year: string;
  asOf: string;
  lines: PaymentLine[];
  riskShares: RiskShareResult[];
  /** Every monitor for each provider it is read for, with or without a target. */
  monitors: MonitorResult[];
  /** A pilot's outcomes and, from its review date, whether it continues. */
  pilot?: PilotResult;
  /** Sum of every payable line (excluding risk shares and payments on account). */
  earnedPence: bigint;
}

/** The result and the context it was computed in, for position tools and test runs. */
export interface Evaluation {
  result: ContractResult;
  context: EvaluationContext;
}

/**
 * Evaluates a contract against observations as of a date: every payment line with its
 * explanation, risk and gain shares, and monitored targets. Pure: the data and the date come in as
 * parameters; bad input is a DomainError, never a wrong number.
 */
export async function evaluate(
  model: unknown,
  observations: Observations,
  options: EvaluateOptions,
): Promise<ContractResult> {
  return (await evaluateInContext(model, observations, options)).result;
}

export async function evaluateInContext(
  rawModel: unknown,
  observations: Observations,
  options: EvaluateOptions,
): Promise<Evaluation> {
  const parsed = parseModel(rawModel);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(options.asOf)) {
    throw new DomainError(
      DomainErrorCodes.InvalidObservations,
      `The as-of date '${options.asOf}' is not a date: write YYYY-MM-DD.`,
    );
  }
  const model = contractForYear(parsed, options.year ?? termYearOn(parsed, options.asOf));
  const aggregates = new AggregateIndex(model, observations.aggregates ?? [], options.asOf);
  const membership = new Map<string, Membership>();
  const tallies = await tallyAll(model, observations.records ?? {}, membership, options.sha256);
  const context = createEvaluationContext({ model, asOf: options.asOf, aggregates, tallies });
  const lines: PaymentLine[] = [];
  const riskShares: RiskShareResult[] = [];
  const contract = model.contract;
  lines.push(...evaluateBlock(context));
  for (const activity of contract.activities) lines.push(...evaluateActivity(context, activity));
  for (const capitation of contract.capitations) lines.push(...evaluateCapitation(context, capitation));
  for (const yearOfCare of contract.yearsOfCare)
    lines.push(
      ...evaluateYearOfCare(context, yearOfCare, membership.get(yearOfCare.name)?.days() ?? new Map()),
    );
  for (const scheme of contract.schemes) {
    const earned = evaluateScheme(context, scheme);
    lines.push(...earned, ...evaluateOnAccount(context, scheme, earned));
  }
  if (contract.flowDown.length > 0) lines.push(...evaluateFlowDown(context, options.prime));
  for (const share of contract.riskShares) {
    const settled = evaluateRiskShare(context, share);
    lines.push(...settled.lines);
    if (settled.result) riskShares.push(settled.result);
  }
  for (const cost of contract.absorbedCosts ?? []) lines.push(...evaluateAbsorbedCost(context, cost, lines));
  const monitors = evaluateMonitors(context);
  const pilot = contract.pilot && evaluatePilot(context);
  const earnedPence = lines.filter(isPayable).reduce((sum, l) => sum + l.pence, 0n);
  return {
    context,
    result: {
      contract: contract.name,
      year: contract.year,
      asOf: options.asOf,
      lines,
      riskShares,
      monitors,
      pilot,
      earnedPence,
    },
  };
}

function parseModel(raw: unknown): ContractModel {
  const parsed = ContractModel.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new DomainError(
    DomainErrorCodes.InvalidModel,
    `The contract model is not valid at ${issue?.path.join('.') || 'its root'}: ${issue?.message}.`,
  );
}

/** Reads each dataset once, feeding measure tallies and any year-of-care cohort from the same pass. */
async function tallyAll(
  model: ContractModel,
  records: Record<string, RecordSource>,
  membership: Map<string, Membership>,
  sha256?: Sha256Factory,
): Promise<RecordTallies> {
  const all: RecordTallies = new Map();
  for (const [dataset, rows] of Object.entries(records)) {
    if (!model.datasets.some((d) => d.name === dataset)) {
      throw new DomainError(DomainErrorCodes.UnknownDataset, `The contract has no dataset ${dataset}.`);
    }
    const cohorts = model.contract.yearsOfCare.filter((y) => y.cohort === dataset);
    const person = model.datasets.find((d) => d.name === dataset)?.fields.find((f) => f.type === 'pseudonym');
    for (const cohort of cohorts)
      membership.set(cohort.name, new Membership(cohort, model.contract.year, person?.name));
    const source =
      cohorts.length === 0
        ? rows
        : feedCohorts(rows, (row, n) => {
            for (const cohort of cohorts) membership.get(cohort.name)?.add(row, n);
          });
    if (!model.measures.some((m) => m.from?.kind === 'dataset' && m.from.name === dataset)) {
      for await (const _row of source) void _row;
      continue;
    }
    for (const [measure, byProvider] of await tallyRecords(model, dataset, source, { sha256 }))
      all.set(measure, byProvider);
  }
  return all;
}

async function* feedCohorts(
  rows: RecordSource,
  visit: (row: RecordRow, rowNumber: number) => void,
): AsyncIterable<RecordRow> {
  let rowNumber = 0;
  for await (const row of rows) {
    visit(row, ++rowNumber);
    yield row;
  }
}
