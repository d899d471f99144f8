// Shared helpers for the golden statements: read the demo feeds the manifest lists, exact
// arithmetic (BigInt pence and a small fraction type), calendar helpers and penny allocation.
// Plain Node only: nothing here imports the engine or any package of the workspace.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FEEDS = join(ROOT, 'examples', 'feeds');

// ---------------------------------------------------------------- exact fractions

const gcd = (a, b) => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
};

export class Frac {
  constructor(n, d = 1n) {
    let num = BigInt(n);
    let den = BigInt(d);
    if (den === 0n) throw new Error('division by zero');
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num, den) || 1n;
    this.n = num / g;
    this.d = den / g;
  }
  static of(x) {
    return x instanceof Frac ? x : new Frac(x);
  }
  /** A decimal string ("1234.56", "-0.5", "45%" → 0.45) as an exact fraction. */
  static dec(text) {
    let s = String(text).trim();
    let scale = 1n;
    if (s.endsWith('%')) {
      s = s.slice(0, -1);
      scale = 100n;
    }
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m) throw new Error(`not a decimal: ${text}`);
    const frac = m[3] ?? '';
    const n = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
    return new Frac(n, 10n ** BigInt(frac.length) * scale);
  }
  add(o) {
    const b = Frac.of(o);
    return new Frac(this.n * b.d + b.n * this.d, this.d * b.d);
  }
  sub(o) {
    const b = Frac.of(o);
    return new Frac(this.n * b.d - b.n * this.d, this.d * b.d);
  }
  mul(o) {
    const b = Frac.of(o);
    return new Frac(this.n * b.n, this.d * b.d);
  }
  div(o) {
    const b = Frac.of(o);
    return new Frac(this.n * b.d, this.d * b.n);
  }
  cmp(o) {
    const b = Frac.of(o);
    const l = this.n * b.d;
    const r = b.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o) {
    return this.cmp(o) < 0;
  }
  gte(o) {
    return this.cmp(o) >= 0;
  }
  neg() {
    return new Frac(-this.n, this.d);
  }
  abs() {
    return this.n < 0n ? this.neg() : this;
  }
  isZero() {
    return this.n === 0n;
  }
  floor() {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  /** Half-up to an integer: the magnitude is rounded, half away from zero, and the sign kept. */
  round() {
    if (this.n < 0n) return -this.neg().round();
    return new Frac(this.n * 2n + this.d, this.d * 2n).floor();
  }
  toString() {
    return this.d === 1n ? `${this.n}` : `${this.n}/${this.d}`;
  }
}

export const min = (a, b) => (Frac.of(a).cmp(b) <= 0 ? Frac.of(a) : Frac.of(b));

/** Pounds and pence as written in a feed ("-43655.00", "4703990.78") to integer pence, exactly. */
export const poundsToPence = (text) => {
  const p = Frac.dec(text).mul(100n);
  if (p.d !== 1n) throw new Error(`amount with fractions of a penny: ${text}`);
  return p.n;
};

export const pounds = (pence) => {
  const p = BigInt(pence);
  const s = p < 0n ? '-' : '';
  const a = p < 0n ? -p : p;
  return `${s}£${(a / 100n).toLocaleString('en-GB')}.${String(a % 100n).padStart(2, '0')}`;
};

/**
 * Divide `total` pence among parts by weight so the parts sum to the whole: each part's exact
 * share is floored, then the pennies left go one each to the parts with the largest remainders,
 * ties in listed order. A negative total is divided by magnitude and the sign kept.
 */
export const allocate = (total, parts) => {
  const t = BigInt(total);
  if (t < 0n) return allocate(-t, parts).map((p) => ({ ...p, pence: -p.pence }));
  const sum = parts.reduce((s, p) => s.add(p.weight), new Frac(0n));
  const exact = parts.map((p) => Frac.of(p.weight).div(sum).mul(t));
  const out = parts.map((p, i) => ({ ...p, pence: exact[i].floor(), rem: exact[i].sub(exact[i].floor()) }));
  let left = t - out.reduce((s, p) => s + p.pence, 0n);
  const order = out.map((_, i) => i).sort((a, b) => out[b].rem.cmp(out[a].rem) || a - b);
  for (const i of order) {
    if (left <= 0n) break;
    out[i].pence += 1n;
    left -= 1n;
  }
  return out.map(({ rem, ...p }) => p);
};

// ---------------------------------------------------------------- calendar

export const parseDate = (s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s).trim());
  if (!m) throw new Error(`not a date: ${s}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
};
export const dayNumber = parseDate;
export const monthStart = (ym) => parseDate(`${ym}-01`);
export const nextMonth = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
export const daysInMonth = (ym) => monthStart(nextMonth(ym)) - monthStart(ym);
/** The twelve months of a financial year written "2026/27": 2026-04 … 2027-03. */
export const yearMonths = (year) => {
  const y = Number(year.slice(0, 4));
  const out = [];
  let m = `${y}-04`;
  for (let i = 0; i < 12; i++, m = nextMonth(m)) out.push(m);
  return out;
};
export const daysInYear = (year) => {
  const y = Number(year.slice(0, 4));
  return parseDate(`${y + 1}-04-01`) - parseDate(`${y}-04-01`);
};

// ---------------------------------------------------------------- feeds

export const parseCsv = (text) => {
  const records = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    records.push(row);
  }
  const nonEmpty = records.filter((r) => r.some((x) => x.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
};

/**
 * Feed sets: `demo`, the feeds loaded on first start (examples/feeds/manifest.json), and
 * `year-end`, the rest of the year sent after it (examples/feeds/year-end/manifest.json).
 */
const SET_DIRS = { demo: FEEDS, 'year-end': join(FEEDS, 'year-end') };
const manifestCache = new Map();
export const manifest = (set = 'demo') => {
  if (!manifestCache.has(set))
    manifestCache.set(
      set,
      JSON.parse(readFileSync(join(SET_DIRS[set], 'manifest.json'), 'utf8')).feeds.map((f) => ({
        ...f,
        path: join(SET_DIRS[set], f.file),
      })),
    );
  return manifestCache.get(set);
};

/** The feeds of the sets for a contract and source, in manifest order, with their contents read. */
export const feedsFor = (contract, source, sets = ['demo']) =>
  sets
    .flatMap((set) => manifest(set))
    .map((f, order) => ({ ...f, order }))
    .filter((f) => f.contract === contract && (source === undefined || f.source === source))
    .map((f) => {
      const text = readFileSync(f.path, 'utf8');
      return { ...f, rows: f.file.endsWith('.json') ? JSON.parse(text) : parseCsv(text) };
    });

/**
 * Record-level (CSV) feeds of a dataset that stand: a later feed from the same provider for the
 * same source and period supersedes an earlier one. Returned in period order.
 */
export const standingDatasetFeeds = (contract, source, sets) => {
  const standing = new Map();
  for (const f of feedsFor(contract, source, sets)) standing.set(`${f.period}|${f.provider}`, f);
  return [...standing.values()].sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : a.order - b.order,
  );
};

/**
 * Rows of an aggregate (JSON) return that stand. Each row carries its own period; a later row from
 * the same provider for the same measure and period supersedes an earlier one. Each row is
 * returned with the provider that sent it and the manifest's period of the feed it came in.
 */
export const standingReturnRows = (contract, source, sets) => {
  const standing = new Map();
  for (const f of feedsFor(contract, source, sets)) {
    for (const r of f.rows)
      standing.set(`${f.provider}|${r.measure}|${r.period}`, {
        ...r,
        provider: f.provider,
        feedPeriod: f.period,
      });
  }
  return [...standing.values()];
};

let odsCache;
/** ODS code of an organisation declared in contracts/nhs/organisations.parity. */
export const ods = (name) => {
  if (!odsCache) {
    odsCache = new Map();
    const text = readFileSync(join(ROOT, 'contracts', 'nhs', 'organisations.parity'), 'utf8');
    for (const m of text.matchAll(/organisation\s+(\w+)\s+"[^"]*"\s+ods\s+"([^"]+)"/g))
      odsCache.set(m[1], m[2]);
  }
  const code = odsCache.get(name);
  if (!code) throw new Error(`no organisation ${name}`);
  return code;
};

/** One statement line as the golden CSV holds it. */
export const line = (kind, clause, period, provider, pence, version = 1) => ({
  kind,
  clause,
  period,
  provider,
  version,
  pence: BigInt(pence),
});

// ---------------------------------------------------------------- risk and gain shares

/**
 * A risk share's provider side, exactly as the contract's terms read. All amounts in pence;
 * percentages as fractions of 1 (Frac.dec('2%')).
 *
 *   budget          the year's budget (benchmark), pence
 *   outturn         outturn to date, pence (the months reported)
 *   months          months reported (1–12)
 *   basis           'months' (part year compared with budget for months reported: the budget
 *                   × months ÷ 12, rounded half-up to the penny, meets the outturn to date, and
 *                   every % of budget is of that) or 'run-rate' (part year forecast at run rate:
 *                   outturn × 12 ÷ months, kept exact, meets the whole budget)
 *   deadband        % of budget: a variance within it is not shared, and only the part beyond it is
 *   minimum         { gain, loss } % of budget: below it nothing is shared, at or above it the
 *                   whole variance is, from the first pound
 *   gainBands / lossBands  [{ upTo: % of budget | undefined (beyond), providers: % }], applied in
 *                   order to the amount shared
 *   cap / collar    % of budget: most the providers receive / bear
 *   quality         { factor: Frac, when: 'before' | 'after' } on gains only
 *
 * Returns { providersPence (negative when the providers bear a loss), steps: [text] }.
 */
export const riskShare = (t) => {
  const steps = [];
  const budget = Frac.of(t.budget);
  let base;
  let outturn;
  if (t.basis === 'months') {
    base = new Frac(BigInt(t.budget) * BigInt(t.months), 12n).round();
    outturn = Frac.of(t.outturn);
    steps.push(
      `budget ${pounds(t.budget)} × ${t.months}/12 = ${pounds(base)}; outturn to date ${pounds(t.outturn)}`,
    );
    base = Frac.of(base);
  } else if (t.basis === 'run-rate') {
    base = budget;
    outturn = Frac.of(t.outturn).mul(12n).div(BigInt(t.months));
    steps.push(
      `outturn ${pounds(t.outturn)} × 12/${t.months} = ${outturn.toString()}p forecast; budget ${pounds(t.budget)}`,
    );
  } else throw new Error(`no part-year basis: ${t.basis}`);
  const variance = base.sub(outturn); // positive: gain (underspend)
  const gain = variance.cmp(0n) > 0;
  const size = variance.abs();
  steps.push(`${gain ? 'gain' : 'loss'} ${size.toString()}p`);
  let shared = size;
  if (t.deadband) {
    const d = base.mul(t.deadband);
    shared = size.cmp(d) > 0 ? size.sub(d) : new Frac(0n);
    steps.push(`deadband ${d.toString()}p: ${shared.toString()}p beyond it is shared`);
  }
  const minimum = t.minimum?.[gain ? 'gain' : 'loss'];
  if (minimum) {
    const m = base.mul(minimum);
    if (size.lt(m)) shared = new Frac(0n);
    steps.push(
      `minimum ${m.toString()}p ${size.lt(m) ? 'not reached: nothing shared' : 'reached: shared from the first pound'}`,
    );
  }
  const bands = gain ? t.gainBands : t.lossBands;
  let providers = new Frac(0n);
  let below = new Frac(0n);
  for (const b of bands) {
    const top = b.upTo === undefined ? undefined : base.mul(b.upTo);
    const inBand = top === undefined ? shared.sub(below) : min(shared, top).sub(below);
    if (inBand.cmp(0n) > 0) {
      providers = providers.add(inBand.mul(b.providers));
      steps.push(`${b.providers.mul(100n).toString()}% of ${inBand.toString()}p`);
    }
    if (top === undefined) break;
    below = min(shared, top);
  }
  const limit = t[gain ? 'cap' : 'collar'];
  const q = gain ? t.quality : undefined;
  if (q?.when === 'before') providers = providers.mul(q.factor);
  if (limit) {
    const l = base.mul(limit);
    if (providers.cmp(l) > 0) {
      providers = l;
      steps.push(`${gain ? 'cap' : 'collar'} ${l.toString()}p binds`);
    }
  }
  if (q?.when === 'after') providers = providers.mul(q.factor);
  if (q) steps.push(`quality factor ${q.factor.toString()} ${q.when} the cap`);
  const pence = providers.round();
  steps.push(`providers ${gain ? 'receive' : 'bear'} ${pounds(pence)}`);
  return { providersPence: gain ? pence : -pence, steps };
};

// ---------------------------------------------------------------- block instalments and CQUIN

/**
 * A block value in `count` equal instalments of whole pence: value ÷ count floored, and the pennies
 * of the remainder one each to the first instalments (£40,000,000 ÷ 12 = 333,333,333p rem 4: the
 * first four months 333,333,334p).
 */
export const instalments = (valuePence, count = 12) => {
  const v = BigInt(valuePence);
  const n = BigInt(count);
  const base = v / n;
  const rem = v % n;
  return Array.from({ length: count }, (_, i) => base + (BigInt(i) < rem ? 1n : 0n));
};

/** Linear attainment: 0 below `from`, 1 at or above `to`, (score − from) / (to − from) between. */
export const linearAttainment = (score, from, to) => {
  if (score.lt(from)) return new Frac(0n);
  if (score.gte(to)) return new Frac(1n);
  return score.sub(from).div(Frac.of(to).sub(from));
};

/** All or nothing: 1 at or above the threshold, else 0. */
export const allOrNothing = (score, at) => new Frac(score.gte(at) ? 1n : 0n);

/** The financial year's quarter ("2026/27 Q2") a month ("2026-08") falls in. */
export const quarterOf = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  const fy = m >= 4 ? y : y - 1;
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  return `${fy}/${String((fy + 1) % 100).padStart(2, '0')} Q${q}`;
};

/** The three months of a quarter written "2026/27 Q2": 2026-07, 2026-08, 2026-09. */
export const quarterMonths = (quarter) => {
  const m = /^(\d{4})\/\d{2} Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  return yearMonths(`${m[1]}/`).slice((Number(m[2]) - 1) * 3, Number(m[2]) * 3);
};

// ---------------------------------------------------------------- activity and quarters

/** The four quarters of a financial year written "2026/27": "2026/27 Q1" … "2026/27 Q4". */
export const yearQuarters = (year) => [1, 2, 3, 4].map((q) => `${year} Q${q}`);

/**
 * A count reported on an aggregate return (`rows are events`): the standing value of `measure`
 * for each month, as a Map period → BigInt, in period order.
 */
export const monthlyCounts = (contract, source, measure) => {
  const out = new Map();
  const rows = standingReturnRows(contract, source)
    .filter((r) => r.measure === measure)
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (const r of rows) {
    if (!/^\d{4}-\d{2}$/.test(r.period)) throw new Error(`${measure}: a count for ${r.period}, not a month`);
    out.set(r.period, BigInt(r.value));
  }
  return out;
};
