// Measures record-level evaluation: ten measures of varied kinds over generated liaison records,
// streamed from a generator, for 100,000 and 1,000,000 rows, each in a fresh process so that
// memory figures are comparable. Prints rows, measures, time, rows/s, peak RSS and heap.
// Build first: pnpm --filter @parity/engine build
// Run: node bench/engine-records.mjs   (ROWS=n HASH=native|noble for a single run)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tallyRecordsSync } from '@parity/engine';

const SIZES = [100_000, 1_000_000];
const PROVIDERS = ['RX4', 'RHA', 'RV3'];
const at = { file: 'bench.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };

// ------------------------------------------------------------------ the model

const FIELDS = {
  person: 'pseudonym',
  referred_at: 'datetime',
  seen_at: 'datetime?',
  assessed_on: 'date?',
  setting: 'code',
  urgency: 'code',
  age: 'integer',
  self_harm: 'boolean',
  assessed: 'boolean?',
  left_early: 'boolean?',
  smoker: 'boolean?',
  advised: 'boolean?',
  ethnicity: 'code?',
  hba1c: 'decimal?',
  bmi_checked: 'date?',
  bp_checked: 'date?',
};
const CODES = {
  setting: ['ED', 'ward', 'outpatient'],
  urgency: ['emergency', 'urgent', 'routine'],
  ethnicity: [...'ABCDEFGHJKLMNPRSZ'],
};

const dataset = {
  name: 'LiaisonEpisodes',
  title: 'Liaison episodes',
  datedBy: 'referred_at',
  overTime: { meaning: 'events' },
  fields: Object.entries(FIELDS).map(([name, spec]) => ({
    name,
    type: spec.replace('?', ''),
    optional: spec.endsWith('?'),
    codes: CODES[name],
  })),
  location: at,
};

const field = (name) => ({ kind: 'field', field: name });
const lit = (literal) => ({ kind: 'literal', literal });
const text = (value) => lit({ type: 'text', value });
const yes = lit({ type: 'boolean', value: true });
const num = (value) => lit({ type: 'number', value });
const bin = (left, operator, right) => ({ kind: 'binary', operator, left, right });
const is = (name, value) => bin(field(name), '=', value);
const and = (left, right) => bin(left, 'and', right);
const within = (name, unit, amount, anchor) => ({
  kind: 'within',
  value: field(name),
  window: { unit, amount },
  anchor: anchor && field(anchor),
});
const recorded = (name) => ({ kind: 'recorded', value: field(name), negated: false });

function measure(name, parts) {
  return {
    name,
    title: name,
    from: { kind: 'dataset', name: dataset.name },
    scoring: { kind: 'proportion' },
    exclusions: [],
    exceptions: [],
    numeratorExclusions: [],
    location: at,
    ...parts,
  };
}

const emergencyED = and(is('setting', text('ED')), is('urgency', text('emergency')));
const measures = [
  measure('EmergencySeenWithinHour', {
    denominator: emergencyED,
    numerator: within('seen_at', 'minutes', '60', 'referred_at'),
    exclusions: [is('left_early', yes)],
  }),
  measure('UrgentWardWithin24Hours', {
    denominator: and(is('setting', text('ward')), is('urgency', text('urgent'))),
    numerator: within('seen_at', 'minutes', '1440', 'referred_at'),
  }),
  measure('SelfHarmAssessed', {
    denominator: and(is('setting', text('ED')), is('self_harm', yes)),
    numerator: is('assessed', yes),
    exceptions: [is('left_early', yes)],
    stratifiedBy: 'ethnicity',
  }),
  measure('SmokingScreened', { numerator: recorded('smoker') }),
  measure('SmokersGivenBriefAdvice', {
    denominator: and(
      { kind: 'population', part: 'numerator', measure: 'SmokingScreened' },
      is('smoker', yes),
    ),
    numerator: is('advised', yes),
  }),
  measure('AssessedWithin28Days', {
    numerator: within('assessed_on', 'minutes', '40320', 'referred_at'),
    numeratorExclusions: [is('left_early', yes)],
  }),
  measure('AnnualChecksComplete', {
    denominator: bin(field('age'), '>=', num('18')),
    numerator: {
      kind: 'all-of',
      conditions: [
        within('bmi_checked', 'months', '12'),
        within('bp_checked', 'months', '12'),
        recorded('hba1c'),
      ],
    },
  }),
  measure('MeanMinutesToSeen', {
    denominator: emergencyED,
    scoring: { kind: 'mean', value: bin(field('seen_at'), '-', field('referred_at')) },
  }),
  measure('MeanHbA1c', {
    denominator: bin(field('hba1c'), '>=', num('42.5')),
    scoring: { kind: 'mean', value: field('hba1c') },
  }),
  measure('ReferralsByUrgency', {
    scoring: { kind: 'count' },
    exclusions: [bin(field('age'), '<', num('16'))],
    stratifiedBy: 'urgency',
  }),
];

const model = {
  schemaVersion: 1,
  contract: {
    name: 'BenchContract',
    title: 'Bench',
    arrangements: ['block'],
    year: '2026/27',
    term: { start: '2026-04', end: '2027-03' },
    parties: PROVIDERS.map((ods) => ({ role: 'provider', organisation: ods, ods, location: at })),
    flowDown: [],
    rounding: { mode: 'half-up', unit: 'penny' },
    budgets: [],
    schemes: [],
    activities: [],
    capitations: [],
    yearsOfCare: [],
    riskShares: [],
    monitors: [],
    location: at,
  },
  organisations: [],
  datasets: [dataset],
  returns: [],
  measures,
  tests: [],
  contentHash: '0'.repeat(64),
};

// ------------------------------------------------------------------ the rows

const pad = (n) => String(n).padStart(2, '0');
const dayText = (day) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const FIRST_DAY = Date.UTC(2026, 3, 1) / 86_400_000;
// Text pools built once, so that generating a row allocates only the row and memory stays flat.
// JSON round-tripping makes every string flat, as strings parsed from a file are.
const flat = (strings) => JSON.parse(JSON.stringify(strings));
const DATES = flat(Array.from({ length: 730 }, (_, i) => dayText(FIRST_DAY - 365 + i)));
const QUARTER_HOURS = flat(
  Array.from(
    { length: 365 * 96 },
    (_, i) =>
      `${dayText(FIRST_DAY + Math.floor(i / 96))}T${pad(Math.floor((i % 96) / 4))}:${pad((i % 4) * 15)}`,
  ),
);
const PERSONS = flat(Array.from({ length: 50_000 }, (_, i) => `P${String(i).padStart(6, '0')}`));
const HBA1C = flat(Array.from({ length: 600 }, (_, i) => (30 + i / 10).toFixed(1)));
const ETHNICITY = CODES.ethnicity;

/** Rows of the dataset, made one at a time from a fixed seed. `sample` is called every 50,000 rows. */
function* generateRows(count, sample) {
  let seed = 20260401;
  // xorshift32: four draws a row, each cut into several fields.
  const draw = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  for (let i = 0; i < count; i++) {
    if (i % 50_000 === 0) sample();
    const a = draw();
    const b = draw();
    const c = draw();
    const d = draw();
    const referred = a % (QUARTER_HOURS.length - 200);
    const day = 365 + Math.floor(referred / 96);
    yield {
      provider: PROVIDERS[i % 3],
      person: PERSONS[b % PERSONS.length],
      referred_at: QUARTER_HOURS[referred],
      seen_at: (c & 15) === 0 ? undefined : QUARTER_HOURS[referred + ((c >>> 4) % 120)],
      assessed_on: ((c >>> 11) & 3) === 0 ? null : DATES[Math.min(729, day + ((c >>> 13) % 40))],
      setting: CODES.setting[(c >>> 19) % 3],
      urgency: CODES.urgency[(c >>> 21) % 3],
      age: 12 + ((c >>> 23) % 80),
      self_harm: ((b >>> 20) & 7) === 0,
      assessed: ((b >>> 23) & 3) === 0 ? null : ((b >>> 25) & 3) !== 0,
      left_early: ((b >>> 27) & 15) === 0,
      smoker: (d & 7) === 0 ? undefined : ((d >>> 3) & 3) === 0,
      advised: ((d >>> 5) & 1) === 0,
      ethnicity: ((d >>> 6) & 15) === 0 ? undefined : ETHNICITY[(d >>> 10) % 17],
      hba1c: ((d >>> 15) & 7) === 0 ? undefined : HBA1C[(a >>> 7) % 600],
      bmi_checked: ((d >>> 18) & 7) === 0 ? undefined : DATES[day - ((d >>> 21) % 420)],
      bp_checked: ((b >>> 29) & 7) === 0 ? undefined : DATES[day - ((a >>> 16) % 420)],
    };
  }
}

// ------------------------------------------------------------------ one run, in this process

function runOnce(count, hash) {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  };
  const options = hash === 'native' ? { sha256: () => createHash('sha256') } : {};
  const start = performance.now();
  const tallies = tallyRecordsSync(model, dataset.name, generateRows(count, sample), options);
  const seconds = (performance.now() - start) / 1000;
  sample();
  const generateStart = performance.now();
  for (const _row of generateRows(count, () => {})) void _row;
  const generateSeconds = (performance.now() - generateStart) / 1000;
  const rx4 = tallies.get('EmergencySeenWithinHour')?.get('RX4')?.get('2026-06')?.get('');
  return {
    count,
    hash,
    seconds,
    generateSeconds,
    peak,
    measures: tallies.size,
    check: rx4 && `${rx4.numerator}/${rx4.denominator}`,
  };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const RUNS = Number(process.env.RUNS ?? 3);

/** Runs one configuration in fresh processes, RUNS times: the machine is shared, so best and median are both shown. */
function report(count, hash) {
  const runs = Array.from({ length: hash === 'native' ? RUNS : 1 }, () => {
    const child = spawnSync(process.execPath, [import.meta.filename], {
      env: { ...process.env, ROWS: String(count), HASH: hash },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout);
  });
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const best = seconds[0];
  const median = seconds[Math.floor(seconds.length / 2)];
  const rss = Math.max(...runs.map((r) => r.peak.rss));
  const heap = Math.max(...runs.map((r) => r.peak.heap));
  const sha = hash === 'native' ? 'node:crypto sha256 passed in' : 'default noble sha256';
  const times =
    runs.length > 1
      ? `best ${best.toFixed(2)} s, median ${median.toFixed(2)} s of ${runs.length}`
      : `${best.toFixed(2)} s`;
  console.log(
    `rows ${count.toLocaleString('en-GB').padStart(9)} | measures ${runs[0].measures} | ${sha.padEnd(28)} | ${times} | ` +
      `${Math.round(count / best).toLocaleString('en-GB')} rows/s | peak RSS ${mb(rss)} | peak heap used ${mb(heap)} | ` +
      `generating rows alone ${runs[0].generateSeconds.toFixed(2)} s | check ${runs[0].check}`,
  );
}

if (process.env.ROWS) {
  console.log(JSON.stringify(runOnce(Number(process.env.ROWS), process.env.HASH ?? 'native')));
} else {
  console.log(
    `record-level tallying: ${dataset.fields.length} fields + provider per row, ${measures.length} measures, node ${process.version}`,
  );
  for (const hash of ['native', 'noble']) for (const count of SIZES) report(count, hash);
}
