import { add, type Rational, rational, ZERO } from '../core/rational.js';
import { PopulationStatus } from './measure-populations.js';
import { exactUnits } from './quantity-values.js';
import type { RecordTally } from './tally.js';

const SPILL_AT = 2 ** 52;

/**
 * A tally being filled, with the running sums behind its exact `sum`: units at fixed places added
 * as doubles while that stays exact (below 2^53), spilled into a bigint before it would not, and
 * values off the fast path added as rationals.
 */
export interface TallyAccumulator {
  tally: RecordTally;
  fastSum: number;
  spilledSum: bigint;
  exactSum: Rational;
  /** Median measures only: values on the fast path, as units. */
  fastValues: number[];
  exactValues: Rational[];
}

/** A tally of no rows. */
export function emptyTally(): RecordTally {
  return {
    rows: 0,
    rowsHash: '',
    population: 0,
    excluded: 0,
    excepted: 0,
    denominator: 0,
    numeratorBeforeExclusions: 0,
    numeratorExcluded: 0,
    numerator: 0,
    sum: ZERO,
    count: 0,
    values: [],
    personMonths: new Map(),
  };
}

export function createAccumulator(): TallyAccumulator {
  return {
    tally: emptyTally(),
    fastSum: 0,
    spilledSum: 0n,
    exactSum: ZERO,
    fastValues: [],
    exactValues: [],
  };
}

/** Counts a row by its population status; see PopulationStatus for the precedence. */
export function countStatus(tally: RecordTally, status: number): void {
  tally.population++;
  if (status === PopulationStatus.Excluded) tally.excluded++;
  else if (status === PopulationStatus.Excepted) tally.excepted++;
  else {
    tally.denominator++;
    if (status === PopulationStatus.Numerator) {
      tally.numeratorBeforeExclusions++;
      tally.numerator++;
    } else if (status === PopulationStatus.NumeratorExcluded) {
      tally.numeratorBeforeExclusions++;
      tally.numeratorExcluded++;
    }
  }
}

export function addFastValue(accumulator: TallyAccumulator, units: number, keepValues: boolean): void {
  accumulator.tally.count++;
  if (keepValues) accumulator.fastValues.push(units);
  if (units > SPILL_AT || units < -SPILL_AT) {
    accumulator.spilledSum += BigInt(units);
    return;
  }
  const sum = accumulator.fastSum + units;
  if (sum > SPILL_AT || sum < -SPILL_AT) {
    accumulator.spilledSum += BigInt(sum);
    accumulator.fastSum = 0;
  } else accumulator.fastSum = sum;
}

export function addExactValue(accumulator: TallyAccumulator, value: Rational, keepValues: boolean): void {
  accumulator.tally.count++;
  if (keepValues) accumulator.exactValues.push(value);
  accumulator.exactSum = add(accumulator.exactSum, value);
}

/** Records that a person in the denominator was seen this month, and whether the paired field was recorded. */
export function addPersonMonth(tally: RecordTally, person: string, month: string, recorded: boolean): void {
  let months = tally.personMonths.get(person);
  if (months === undefined) {
    months = new Set();
    tally.personMonths.set(person, months);
  }
  if (recorded) months.add(month);
}

/** The finished tally: exact sum and values from units at `places`, rows and hash from the group. */
export function finishTally(
  accumulator: TallyAccumulator,
  places: number,
  rows: number,
  rowsHash: string,
): RecordTally {
  const { tally } = accumulator;
  tally.rows = rows;
  tally.rowsHash = rowsHash;
  const fastTotal = accumulator.spilledSum + BigInt(accumulator.fastSum);
  tally.sum = add(rational(fastTotal, 10n ** BigInt(places)), accumulator.exactSum);
  if (accumulator.fastValues.length > 0 || accumulator.exactValues.length > 0) {
    tally.values = [
      ...accumulator.fastValues.map((units) => exactUnits(units, places)),
      ...accumulator.exactValues,
    ];
  }
  return tally;
}
