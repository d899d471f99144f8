// The rest of 2026/27 for the capitated demo, November to March: what the ledger and the GP
// federation send after the demo's today, so that a year-end close can be shown and checked. Not
// loaded on first start (these months are still to come); a test sends them as each provider would,
// after the year. Written the same way as examples/feeds/generate.mjs, from its own seed.
//
//   node examples/feeds/year-end/generate.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CAPITATED = 'demo.bradford_capitated.BradfordIntegratedCare';
const MONTHS = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03'];

let seed = 20261101;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const DAY = 86_400_000;
const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const csvOf = (header, rows) => `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;

const feeds = [];

// The registered list goes on growing from October's 656,986 (examples/feeds).
let population = 656_986;
for (const month of MONTHS) {
  population += 900 + Math.floor(random() * 600);
  const file = `bradford-capitated/registered-list-${month}.json`;
  writeFileSync(
    join(HERE, file),
    `${JSON.stringify([{ measure: 'finance.RegisteredPopulation', period: month, value: population }], null, 2)}\n`,
  );
  feeds.push({ contract: CAPITATED, source: 'RegisteredListReturn', period: month, provider: 'Y9001', file });
}

// Winter pressure: spend runs nearer the £104m monthly budget than in the summer.
const SPEND = [
  ['acute', 'RAE', 0.35],
  ['acute', 'RCF', 0.11],
  ['mental-health', 'TAD', 0.16],
  ['community', 'TAD', 0.07],
  ['primary-care', 'Y9001', 0.12],
  ['prescribing', 'Y9001', 0.09],
  ['social-care', '380', 0.09],
  ['other', '380', 0.01],
];
for (const month of MONTHS) {
  const start = dayOf(`${month}-01`);
  const target = 104_200_000 * (0.99 + random() * 0.03);
  const rows = [];
  let line = 1;
  for (const [category, organisation, share] of SPEND) {
    const parts = 6 + Math.floor(random() * 5);
    let left = Math.round(target * share * 100);
    for (let i = 0; i < parts; i++) {
      const pence = i === parts - 1 ? left : Math.round((left / (parts - i)) * (0.7 + random() * 0.6));
      left -= pence;
      rows.push([
        `BDC-${month.replace('-', '')}-${String(line++).padStart(4, '0')}`,
        isoOf(start + Math.min(27, Math.floor(random() * 28))),
        'BDC-INTEGRATED',
        organisation,
        category,
        (pence / 100).toFixed(2),
      ]);
    }
  }
  const file = `bradford-capitated/spend-lines-${month}.csv`;
  writeFileSync(
    join(HERE, file),
    csvOf(['line_id', 'posted_on', 'budget_code', 'incurred_by', 'category', 'amount'], rows),
  );
  feeds.push({ contract: CAPITATED, source: 'SpendLines', period: month, provider: 'RAE', file });
}

writeFileSync(
  join(HERE, 'manifest.json'),
  `${JSON.stringify({ description: 'The rest of 2026/27 for the capitated demo, sent after the year as each provider would: not loaded on first start.', feeds }, null, 2)}\n`,
);
console.log(`${feeds.length} year-end feeds written`);
