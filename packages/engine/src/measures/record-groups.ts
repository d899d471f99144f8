import { monthText } from '../calendar/index.js';
import type { MeasurePlan } from './measure-plan.js';
import { RowHashSink, type Sha256Factory } from './row-hash.js';
import type { RecordTallies, RecordTally } from './tally.js';
import { createAccumulator, finishTally, type TallyAccumulator } from './tally-accumulator.js';

/**
 * The rows of one provider and month: their count and hash, shared by every measure, and each
 * measure's accumulators. Memory is per group, never per row.
 */
export class RecordGroup {
  rows = 0;
  readonly sink: RowHashSink;
  readonly month: string;
  /** Per measure, the total ('' stratum). */
  readonly totals: TallyAccumulator[];
  /** Per measure, its strata when it is stratified. */
  readonly strata: (Map<string, TallyAccumulator> | undefined)[];

  constructor(
    readonly provider: string,
    readonly monthIndex: number,
    plans: MeasurePlan[],
    createHash: Sha256Factory,
  ) {
    this.sink = new RowHashSink(createHash);
    this.month = monthText(monthIndex);
    this.totals = plans.map(() => createAccumulator());
    this.strata = plans.map((plan) => (plan.stratum ? new Map() : undefined));
  }

  stratum(measure: number, key: string): TallyAccumulator {
    const strata = this.strata[measure] as Map<string, TallyAccumulator>;
    let accumulator = strata.get(key);
    if (accumulator === undefined) {
      accumulator = createAccumulator();
      strata.set(key, accumulator);
    }
    return accumulator;
  }
}

/** Measure → provider → month → stratum, providers and months in order, the total stratum first. */
export function collectTallies(plans: MeasurePlan[], groups: RecordGroup[]): RecordTallies {
  const ordered = [...groups].sort((a, b) =>
    a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.monthIndex - b.monthIndex,
  );
  const hashes = ordered.map((group) => group.sink.digestHex());
  const tallies: RecordTallies = new Map();
  plans.forEach((plan, measure) => {
    const byProvider = new Map<string, Map<string, Map<string, RecordTally>>>();
    ordered.forEach((group, g) => {
      const finish = (accumulator: TallyAccumulator) =>
        finishTally(accumulator, plan.value?.places ?? 0, group.rows, hashes[g] as string);
      const strata = new Map<string, RecordTally>([['', finish(group.totals[measure] as TallyAccumulator)]]);
      const keys = [...(group.strata[measure]?.keys() ?? [])].sort();
      for (const key of keys) strata.set(key, finish(group.stratum(measure, key)));
      let byMonth = byProvider.get(group.provider);
      if (!byMonth) {
        byMonth = new Map();
        byProvider.set(group.provider, byMonth);
      }
      byMonth.set(group.month, strata);
    });
    tallies.set(plan.name, byProvider);
  });
  return tallies;
}
