// Shared helpers for the per-contract demo feed modules: the months fed, a seeded random source
// (each contract has its own, so changing one contract's figures leaves the others' files alone),
// dates, and writers for dataset rows (CSV) and aggregate returns (CSV or JSON).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** April to October 2026: the months of 2026/27 a demo position is taken after. */
export const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

/** A deterministic random source with the helpers the stories need. */
export function randomSource(seed) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const between = (low, high) => low + Math.floor(random() * (high - low + 1));
  return {
    random,
    between,
    chance: (p) => random() < p,
    pick: (list) => list[Math.floor(random() * list.length)],
    /** How many of `n` succeed, each with probability `p`. */
    countOf: (n, p) => Array.from({ length: n }).filter(() => random() < p).length,
  };
}

export const DAY = 86_400_000;
export const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);
/** A date-time to the minute, `YYYY-MM-DDTHH:MM`, from a day and minutes after midnight. */
export const timeOf = (day, minutes) => new Date(day * DAY + minutes * 60_000).toISOString().slice(0, 16);
export const firstDay = (month) => dayOf(`${month}-01`);
export const lastDay = (month) => {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m, 0) / DAY;
};
export const daysIn = (month) => lastDay(month) - firstDay(month) + 1;
/** The last day of the data: figures are as known at the end of October 2026. */
export const DATA_END = lastDay('2026-10');

export const csvOf = (header, rows) =>
  `${[header, ...rows].map((r) => r.map((c) => c ?? '').join(',')).join('\n')}\n`;

const RETURN_COLUMNS = ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'];
/** An aggregate return as a JSON array of rows. */
export const returnJson = (rows) => `${JSON.stringify(rows, null, 2)}\n`;
/** An aggregate return as CSV, with every return column. */
export const returnCsv = (rows) =>
  csvOf(
    RETURN_COLUMNS,
    rows.map((row) => RETURN_COLUMNS.map((column) => row[column])),
  );

/**
 * Writes one feed's file under examples/feeds and lists it in the manifest, to be submitted by
 * `provider` (an ODS code) for `period`.
 */
export function feedWriter(feedsDir, manifest) {
  return (contract, source, period, provider, file, text) => {
    mkdirSync(dirname(join(feedsDir, file)), { recursive: true });
    writeFileSync(join(feedsDir, file), text);
    manifest.push({ contract, source, period, provider, file });
  };
}
