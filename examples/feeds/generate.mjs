// Writes the demo feeds for the Bradford demo contracts, April to October 2026, and manifest.json,
// which the service loads on first start. Deterministic: the same files every run.
// Run from the repository root: node examples/feeds/generate.mjs
//
// bradford-smi-cquin (demo.bradford.SmiPhysicalHealthCquin), sent by Bradford District Care (TAD):
//   smi-register-YYYY-MM.csv       the SMI register snapshot at each month end (CSV)
//   smi-register-2026-06-corrected.csv   June sent again with late-recorded checks (supersedes June)
//   inpatient-stays-YYYY-MM.xlsx   the month's inpatient stays with tobacco and alcohol screening (XLSX)
// bradford-capitated (demo.bradford_capitated.BradfordIntegratedCare):
//   registered-list-YYYY-MM.json   the registered population, from the GP federation (Y9001) (JSON)
//   spend-lines-YYYY-MM.csv        ledger spend lines for BDC-INTEGRATED, from Bradford Teaching Hospitals (RAE) (CSV)
// The other demo contracts' feeds are written by the modules in contracts/, one per contract (see
// README.md for what each sends and the story its figures tell).
// All people are invented; keys are pseudonyms.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeOtherContractFeeds } from './contracts/index.mjs';

const HERE = import.meta.dirname;
const ExcelJS = createRequire(join(HERE, '../../packages/api/package.json'))('exceljs');
// The workbooks' own timestamps (document properties, zip entries) are "now": fix "now" so that
// every run writes the same bytes.
const NOW = Date.UTC(2026, 10, 1);
globalThis.Date = class extends Date {
  constructor(...args) {
    super(...(args.length > 0 ? args : [NOW]));
  }
  static now() {
    return NOW;
  }
};
const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

let seed = 20260401;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

const DAY = 86_400_000;
const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const monthEnd = (month) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getTime() / DAY;
};
const csvOf = (header, rows) =>
  `${[header, ...rows].map((r) => r.map((c) => c ?? '').join(',')).join('\n')}\n`;

const manifest = [];
const feed = (contract, source, period, provider, file) =>
  manifest.push({ contract, source, period, provider, file });

// ------------------------------------------------------------------ the SMI register

const PRACTICES = [
  'B82005',
  'B82018',
  'B83001',
  'B83002',
  'B83005',
  'B83010',
  'B83018',
  'B83020',
  'B83026',
  'B83033',
];
const ETHNICITY = [...'AAAAAAAAAAAAAAABBCDEFGHHHHJJJJJJKLMNPRSSZ'];
const CHECKS = ['bmi', 'bp', 'lipids', 'glucose', 'alcohol', 'smoking'];

/** A person on the register, with every check appointment from a year before the term to its end. */
function person(index, registeredOn) {
  const smoker = chance(0.42);
  const onAntipsychotics = chance(0.7);
  const appointments = [];
  // An annual review, and for some a second review in the year; completion improves in 2026/27.
  let day = registeredOn + Math.floor(random() * 200) - 100;
  while (day < dayOf('2027-04-01')) {
    if (day >= dayOf('2025-04-01')) {
      const improving = day >= dayOf('2026-04-01');
      const done = CHECKS.filter((check) =>
        chance(
          check === 'lipids'
            ? improving
              ? 0.8
              : 0.7
            : check === 'glucose'
              ? improving
                ? 0.88
                : 0.8
              : improving
                ? 0.95
                : 0.9,
        ),
      );
      appointments.push({ day, done, declined: !improving && chance(0.03) });
    }
    day += 300 + Math.floor(random() * 130);
  }
  const cessationDays = smoker
    ? appointments.filter(() => chance(0.8)).map((a) => a.day + Math.floor(random() * 20))
    : [];
  return {
    key: `BDC-SMI-${String(index).padStart(5, '0')}`,
    practice: pick(PRACTICES),
    registeredOn,
    leftOn: chance(0.04) ? dayOf('2026-04-01') + Math.floor(random() * 200) : undefined,
    ethnicity: chance(0.92) ? pick(ETHNICITY) : '',
    cmht: chance(0.55),
    onAntipsychotics,
    smoker,
    appointments,
    cessationDays,
    weightGainDay:
      onAntipsychotics && chance(0.12) ? dayOf('2026-03-01') + Math.floor(random() * 230) : undefined,
    interventionOffered: chance(0.72),
  };
}

const register = [];
for (let i = 0; i < 900; i++) register.push(person(i + 1, dayOf('2012-01-01') + Math.floor(random() * 5000)));
// New people join the register month by month.
for (const month of MONTHS)
  for (let i = 0; i < 8; i++)
    register.push(person(register.length + 1, dayOf(`${month}-01`) + Math.floor(random() * 27)));

const lastDone = (p, check, end) => {
  const days = p.appointments.filter((a) => a.day <= end && a.done.includes(check)).map((a) => a.day);
  return days.length > 0 ? isoOf(Math.max(...days)) : '';
};

function snapshot(month, lateChecks) {
  const end = monthEnd(month);
  const rows = [];
  for (const p of register) {
    if (p.registeredOn > end || (p.leftOn !== undefined && p.leftOn < end - 31)) continue;
    // Checks recorded late: in the corrected feed, appointments in the last week count as done in full.
    const view = lateChecks
      ? {
          ...p,
          appointments: p.appointments.map((a) =>
            a.day > end - 7 && a.day <= end ? { ...a, done: CHECKS } : a,
          ),
        }
      : p;
    const declined = view.appointments.filter((a) => a.day <= end && a.declined).map((a) => a.day);
    const cessation = p.cessationDays.filter((d) => d <= end);
    const gained = p.weightGainDay !== undefined && p.weightGainDay <= end && p.weightGainDay > end - 90;
    rows.push([
      p.key,
      p.practice,
      isoOf(p.registeredOn),
      p.leftOn !== undefined && p.leftOn <= end ? isoOf(p.leftOn) : '',
      p.ethnicity,
      p.cmht ? 'yes' : 'no',
      p.onAntipsychotics ? 'yes' : 'no',
      ...CHECKS.map((check) => lastDone(view, check, end)),
      declined.length > 0 ? isoOf(Math.max(...declined)) : '',
      p.smoker ? 'yes' : 'no',
      cessation.length > 0 ? isoOf(Math.max(...cessation)) : '',
      gained ? (5 + random() * 4).toFixed(1) : (random() * 6 - 2).toFixed(1),
      gained && p.interventionOffered ? isoOf(Math.min(end, p.weightGainDay + 10)) : '',
    ]);
  }
  return csvOf(
    [
      'person',
      'practice',
      'registered_on',
      'left_on',
      'ethnicity',
      'cmht_caseload',
      'on_antipsychotics',
      'bmi_checked',
      'bp_checked',
      'lipids_checked',
      'glucose_checked',
      'alcohol_checked',
      'smoking_checked',
      'check_declined',
      'smoker',
      'cessation_offered',
      'weight_change_kg',
      'weight_intervention_offered',
    ],
    rows,
  );
}

const SMI = 'demo.bradford.SmiPhysicalHealthCquin';
for (const month of MONTHS) {
  const file = `bradford-smi-cquin/smi-register-${month}.csv`;
  writeFileSync(join(HERE, file), snapshot(month, false));
  feed(SMI, 'SmiRegister', month, 'TAD', file);
}
writeFileSync(join(HERE, 'bradford-smi-cquin/smi-register-2026-06-corrected.csv'), snapshot('2026-06', true));
feed(SMI, 'SmiRegister', '2026-06', 'TAD', 'bradford-smi-cquin/smi-register-2026-06-corrected.csv');

// ------------------------------------------------------------------ inpatient stays (XLSX)

const STAY_COLUMNS = [
  'person',
  'admitted_on',
  'discharged_on',
  'age',
  'nights',
  'tobacco_screened',
  'smoker',
  'tobacco_brief_advice',
  'tobacco_referred',
  'cessation_medication_offered',
  'alcohol_screened',
  'alcohol_risk',
  'alcohol_brief_advice',
  'alcohol_referred',
];
const date = (day) => new Date(day * DAY);

async function stays(month, index) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bradford District Care information team (demo)';
  const sheet = workbook.addWorksheet(`Inpatient stays ${month}`);
  sheet.addRow(STAY_COLUMNS);
  sheet.getRow(1).font = { bold: true };
  const start = dayOf(`${month}-01`);
  const end = monthEnd(month);
  const count = 70 + Math.floor(random() * 25);
  for (let i = 0; i < count; i++) {
    const admitted = start + Math.floor(random() * (end - start + 1));
    const stayNights = Math.floor(random() * 45);
    const discharged = admitted + stayNights <= end + 10 && chance(0.8) ? admitted + stayNights : undefined;
    const screened = chance(0.93) ? admitted + Math.floor(random() * 2) : undefined;
    const smoker = screened !== undefined ? chance(0.45) : undefined;
    const advised = smoker && chance(0.86 + index * 0.01) ? (screened ?? admitted) + 1 : undefined;
    const referred = smoker && chance(0.58) ? (screened ?? admitted) + 2 : undefined;
    const medication = referred !== undefined && chance(0.9) ? referred : undefined;
    const audit = chance(0.84) ? admitted + Math.floor(random() * 3) : undefined;
    const risk =
      audit !== undefined
        ? pick(['lower', 'lower', 'lower', 'increasing', 'higher', 'possible-dependence'])
        : undefined;
    const atRisk = risk !== undefined && risk !== 'lower';
    sheet.addRow([
      `BDC-IP-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`,
      date(admitted),
      discharged === undefined ? null : date(discharged),
      18 + Math.floor(random() * 62),
      discharged === undefined ? Math.max(1, end - admitted) : Math.max(1, stayNights),
      screened === undefined ? null : date(screened),
      smoker === undefined ? null : smoker,
      advised === undefined ? null : date(advised),
      referred === undefined ? null : date(referred),
      medication === undefined ? null : date(medication),
      audit === undefined ? null : date(audit),
      risk ?? null,
      atRisk && chance(0.8) ? date((audit ?? admitted) + 1) : null,
      atRisk && chance(0.3) ? date((audit ?? admitted) + 3) : null,
    ]);
  }
  for (const column of [2, 3, 6, 8, 9, 10, 11, 13, 14]) sheet.getColumn(column).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

for (const [index, month] of MONTHS.entries()) {
  const file = `bradford-smi-cquin/inpatient-stays-${month}.xlsx`;
  writeFileSync(join(HERE, file), await stays(month, index));
  feed(SMI, 'InpatientStays', month, 'TAD', file);
}

// ------------------------------------------------------------------ the capitated contract

const CAPITATED = 'demo.bradford_capitated.BradfordIntegratedCare';
let population = 650_000;
for (const month of MONTHS) {
  const file = `bradford-capitated/registered-list-${month}.json`;
  writeFileSync(
    join(HERE, file),
    `${JSON.stringify([{ measure: 'finance.RegisteredPopulation', period: month, value: population }], null, 2)}\n`,
  );
  feed(CAPITATED, 'RegisteredListReturn', month, 'Y9001', file);
  population += 900 + Math.floor(random() * 600);
}

// Spend lines: about £103.5m a month against a £104m monthly budget, so the year runs a small underspend.
const SPEND = [
  ['acute', 'RAE', 0.34],
  ['acute', 'RCF', 0.11],
  ['mental-health', 'TAD', 0.16],
  ['community', 'TAD', 0.07],
  ['primary-care', 'Y9001', 0.12],
  ['prescribing', 'Y9001', 0.09],
  ['social-care', '380', 0.1],
  ['other', '380', 0.01],
];
for (const month of MONTHS) {
  const start = dayOf(`${month}-01`);
  const target = 103_500_000 * (0.985 + random() * 0.03);
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
  // A credit note: spend charged to the budget in error and reversed.
  rows.push([
    `BDC-${month.replace('-', '')}-${String(line++).padStart(4, '0')}`,
    isoOf(start + 27),
    'BDC-INTEGRATED',
    'RAE',
    'acute',
    (-(12_000 + Math.floor(random() * 40_000))).toFixed(2),
  ]);
  const file = `bradford-capitated/spend-lines-${month}.csv`;
  writeFileSync(
    join(HERE, file),
    csvOf(['line_id', 'posted_on', 'budget_code', 'incurred_by', 'category', 'amount'], rows),
  );
  feed(CAPITATED, 'SpendLines', month, 'RAE', file);
}

// ------------------------------------------------------------------ the other demo contracts

writeOtherContractFeeds(HERE, manifest);

writeFileSync(
  join(HERE, 'manifest.json'),
  `${JSON.stringify({ description: 'Demo feeds loaded on first start, in this order. Each is submitted as its provider, as if sent through POST /contracts/{contract}/feeds/{source}?period=…', feeds: manifest }, null, 2)}\n`,
);
console.log(`${manifest.length} feeds written`);
