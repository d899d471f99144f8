import ExcelJS from 'exceljs';
import { csvOf, EPISODE_COLUMNS, episodeRow } from '../helpers/feeds-contract.js';
import { SHEET_HEAD, SHEET_TAIL, sheetRow, workbookParts, zipOf } from '../helpers/xlsx-zip.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Mutated Episodes feeds, as a careless or hostile sender would make them: rows and columns
 * duplicated, dropped or swapped, values wrong for their type, identifying values planted, then the
 * serialised bytes flipped, cut, repeated, re-encoded. Each variant is drawn from a seeded random
 * source, so a seed and a variant number name it exactly.
 */

export type FeedFormat = 'csv' | 'json' | 'ndjson' | 'xlsx';

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Values that identify a patient; none may be stored, nor quoted back in a refusal. */
export const PLANTED = {
  nhsNumber: '9434765919',
  postcode: 'BD9 6RJ',
  email: 'jane.smith@example.com',
  phone: '07700 900123',
} as const;

export interface FeedVariant {
  index: number;
  format: FeedFormat;
  /** What was done to the valid feed, in order. */
  mutations: string[];
  body: Uint8Array;
  contentType: string;
  /** Identifying values put into cells of this variant. */
  planted: string[];
}

/** A feed before it is written out: a header and rows of cells. */
export interface Table {
  header: string[];
  rows: string[][];
}

const BAD_VALUES: Record<string, readonly string[]> = {
  person: ['', 'Jane Smith', 'x'.repeat(2_000), 'P 1', '<script>', '\u0000'],
  referred_at: ['2026-02-30T10:00', '2026-13-01T10:00', 'yesterday', '2026-05-01T25:61', '1e9', ''],
  assessed_on: ['2026-02-30', '2026-05-32', '31/05/2026', '0000-00-00', '2026-5-1'],
  setting: ['ICU', '', 'ed', 'ED '.repeat(400)],
  age: ['-5', `1${'0'.repeat(400)}`, '12.5', 'abc', '', '0x1F', '1e3', '99999999999999999'],
  self_harm: ['maybe', '2', '', 'TRUE', 'null'],
  weight_kg: ['-1', `9${'9'.repeat(400)}.5`, '1e309', 'NaN', 'Infinity', '1,5'],
  cost: ['12.345', '-0.01', '£12', `${'9'.repeat(400)}.00`, '1e5', '0.1.2'],
  note: ['x'.repeat(100_000), '\u2028', '"quoted"', '=cmd|/C calc!A0', '\ud800'],
};

const UNKNOWN_COLUMNS = ['nhs_no', 'full_name', 'home_address', 'patient_postcode', 'email', 'extra', ''];

type TableMutation = (table: Table, random: SeededRandom, planted: string[]) => string;

const column = (table: Table, random: SeededRandom) => random.int(0, table.header.length - 1);
const rowOf = (table: Table, random: SeededRandom) => random.int(0, table.rows.length - 1);

const TABLE_MUTATIONS: Record<string, TableMutation> = {
  duplicateRow: (t, r) => {
    if (t.rows.length === 0) return 'duplicateRow(none)';
    const i = rowOf(t, r);
    t.rows.splice(i, 0, [...(t.rows[i] as string[])]);
    return `duplicateRow(${i})`;
  },
  deleteRow: (t, r) => {
    if (t.rows.length === 0) return 'deleteRow(none)';
    const i = rowOf(t, r);
    t.rows.splice(i, 1);
    return `deleteRow(${i})`;
  },
  duplicateColumn: (t, r) => {
    const c = column(t, r);
    t.header.splice(c, 0, t.header[c] as string);
    for (const row of t.rows) row.splice(c, 0, row[c] ?? '');
    return `duplicateColumn(${t.header[c]})`;
  },
  deleteColumn: (t, r) => {
    const c = column(t, r);
    const name = t.header[c];
    t.header.splice(c, 1);
    for (const row of t.rows) row.splice(c, 1);
    return `deleteColumn(${name})`;
  },
  swapCells: (t, r) => {
    const a = column(t, r);
    const b = column(t, r);
    for (const row of t.rows) [row[a], row[b]] = [row[b] ?? '', row[a] ?? ''];
    return `swapCells(${t.header[a]},${t.header[b]})`;
  },
  swapHeaders: (t, r) => {
    const a = column(t, r);
    const b = column(t, r);
    [t.header[a], t.header[b]] = [t.header[b] ?? '', t.header[a] ?? ''];
    return `swapHeaders(${a},${b})`;
  },
  badValue: (t, r) => {
    if (t.rows.length === 0) return 'badValue(none)';
    const c = column(t, r);
    const name = t.header[c] ?? '';
    const value = r.pick(BAD_VALUES[name] ?? ['?']);
    const i = rowOf(t, r);
    (t.rows[i] as string[])[c] = value;
    return `badValue(row ${i + 1}, ${name}, ${value.length > 24 ? `${value.slice(0, 12)}…(${value.length})` : JSON.stringify(value)})`;
  },
  plantIdentifier: (t, r, planted) => {
    if (t.rows.length === 0) return 'plantIdentifier(none)';
    const c = column(t, r);
    const value = r.pick(Object.values(PLANTED));
    const i = rowOf(t, r);
    (t.rows[i] as string[])[c] = value;
    planted.push(value);
    return `plantIdentifier(row ${i + 1}, ${t.header[c]})`;
  },
  unknownColumn: (t, r, planted) => {
    const name = r.pick(UNKNOWN_COLUMNS);
    t.header.push(name);
    const value = name === 'nhs_no' ? PLANTED.nhsNumber : 'Jane';
    if (name === 'nhs_no') planted.push(value);
    for (const row of t.rows) row.push(value);
    return `unknownColumn(${JSON.stringify(name)})`;
  },
  emptyRow: (t, r) => {
    const i = t.rows.length === 0 ? 0 : rowOf(t, r);
    t.rows.splice(
      i,
      0,
      t.header.map(() => ''),
    );
    return `emptyRow(${i})`;
  },
  noRows: (t) => {
    t.rows.length = 0;
    return 'noRows';
  },
  raggedRow: (t, r) => {
    if (t.rows.length === 0) return 'raggedRow(none)';
    const row = t.rows[rowOf(t, r)] as string[];
    if (r.chance(0.5)) row.pop();
    else row.push('spare');
    return 'raggedRow';
  },
  headerSpelling: (t, r) => {
    const c = column(t, r);
    const name = t.header[c] ?? '';
    t.header[c] = r.pick([name.toUpperCase(), ` ${name} `, `${name}_x`, name.replaceAll('_', ' ')]);
    return `headerSpelling(${JSON.stringify(t.header[c])})`;
  },
};

/** A valid Episodes feed of `count` rows dated in May 2026, distinct for each variant. */
function validTable(count: number, salt: number): Table {
  return {
    header: [...EPISODE_COLUMNS],
    rows: Array.from({ length: count }, (_, i) => episodeRow(salt * 1_000 + i)),
  };
}

const objectOf = (header: readonly string[], row: readonly string[]) =>
  `{${header.map((name, i) => `${JSON.stringify(name)}:${JSON.stringify(row[i] ?? '')}`).join(',')}}`;

/** JSON text of rows; duplicated column names stay duplicated keys, as a careless writer would. */
function jsonOf(table: Table): string {
  return `[${table.rows.map((row) => objectOf(table.header, row)).join(',\n')}]`;
}

function ndjsonOf(table: Table): string {
  return table.rows.map((row) => `${objectOf(table.header, row)}\n`).join('');
}

async function xlsxOf(table: Table): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Episodes');
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook whose sheet is stored uncompressed, so edits to its XML keep a valid ZIP. */
function storedSheetXml(table: Table): string {
  const rows = [table.header, ...table.rows].map((row, i) => sheetRow(i + 1, row.slice(0, 26)));
  return `${SHEET_HEAD}${rows.join('')}${SHEET_TAIL}`;
}

const storedWorkbook = (sheet: Uint8Array) =>
  zipOf([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', stored: sheet }]);

type ByteMutation = (bytes: Uint8Array, random: SeededRandom) => { bytes: Uint8Array; label: string };

const at = (bytes: Uint8Array, r: SeededRandom) => r.int(0, Math.max(0, bytes.length - 1));
const joined = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  flipBytes: (b, r) => {
    const copy = new Uint8Array(b);
    const places: number[] = [];
    for (let n = r.int(1, 4); n > 0 && copy.length > 0; n--) {
      const i = at(copy, r);
      copy[i] = (copy[i] as number) ^ (1 << r.int(0, 7));
      places.push(i);
    }
    return { bytes: copy, label: `flipBytes(${places.join(',')})` };
  },
  deleteRange: (b, r) => {
    const start = at(b, r);
    const length = r.int(1, 64);
    return {
      bytes: joined(b.subarray(0, start), b.subarray(start + length)),
      label: `deleteRange(${start},${length})`,
    };
  },
  duplicateRange: (b, r) => {
    const start = at(b, r);
    const length = r.int(1, 256);
    const piece = b.subarray(start, start + length);
    return {
      bytes: joined(b.subarray(0, start + piece.length), piece, b.subarray(start + piece.length)),
      label: `duplicateRange(${start},${length})`,
    };
  },
  truncate: (b, r) => {
    const end = at(b, r);
    return { bytes: b.subarray(0, end), label: `truncate(${end})` };
  },
  insertNoise: (b, r) => {
    const start = at(b, r);
    const noise = Uint8Array.from({ length: r.int(1, 16) }, () => r.int(0, 255));
    return {
      bytes: joined(b.subarray(0, start), noise, b.subarray(start)),
      label: `insertNoise(${start},${noise.length})`,
    };
  },
};

const BOM = [0xef, 0xbb, 0xbf];

/** Whole-body changes of encoding and framing for the text formats. */
const ENCODINGS: Record<string, (text: string) => Uint8Array> = {
  bom: (text) => joined(Uint8Array.from(BOM), Buffer.from(text, 'utf8')),
  utf16le: (text) => new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le')),
  latin1: (text) => new Uint8Array(Buffer.from(text.replace('seen', 'vu café'), 'latin1')),
  crlf: (text) => new Uint8Array(Buffer.from(text.replaceAll('\n', '\r\n'), 'utf8')),
  nul: (text) => new Uint8Array(Buffer.from(text.replace(',', ',\u0000'), 'utf8')),
};

/** Bodies that are JSON but not a feed, or not quite JSON. */
const JSON_BODIES: Record<string, (table: Table) => string> = {
  deepArray: () => `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  deepObject: () => `[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]`,
  duplicateKey: (t) => jsonOf(t).replace('{"person":', '{"age":"40","person":'),
  rowNotObject: (t) => jsonOf(t).replace(/^\[/, '[42, null, "x", [1,2],'),
  topLevelObject: (t) => `{"rows": ${jsonOf(t)}}`,
  trailingGarbage: (t) => `${jsonOf(t)} {"more": true}`,
  nativeTypes: (t) =>
    jsonOf(t)
      .replace(/"age":"(\d+)"/g, '"age":$1')
      .replace(/"self_harm":"no"/g, '"self_harm":false'),
  hugeNumber: (t) => jsonOf(t).replace(/"age":"\d+"/, `"age":1${'0'.repeat(400)}`),
};

/** A table written out, unmutated, in a format (XLSX as exceljs writes it). */
export async function encodeTable(format: FeedFormat, table: Table): Promise<Uint8Array> {
  if (format === 'xlsx') return xlsxOf(table);
  const text =
    format === 'csv' ? csvOf(table.header, table.rows) : format === 'json' ? jsonOf(table) : ndjsonOf(table);
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Draws variant `index` of the feed fuzzer's sequence from `random`. */
export async function drawVariant(index: number, random: SeededRandom): Promise<FeedVariant> {
  const format = random.pick<FeedFormat>(['csv', 'json', 'ndjson', 'xlsx']);
  const mutations: string[] = [];
  const planted: string[] = [];
  const variant = (body: Uint8Array | string): FeedVariant => ({
    index,
    format,
    mutations,
    body: typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'utf8')) : body,
    contentType: CONTENT_TYPES[format],
    planted,
  });
  if (random.chance(0.01)) {
    mutations.push('emptyBody');
    return variant(new Uint8Array());
  }
  const table = validTable(random.chance(0.02) ? random.int(200, 600) : random.int(1, 20), index);
  const names = Object.keys(TABLE_MUTATIONS);
  for (let n = random.int(random.chance(0.1) ? 0 : 1, 3); n > 0; n--) {
    const name = random.pick(names);
    mutations.push((TABLE_MUTATIONS[name] as TableMutation)(table, random, planted));
  }
  let bytes: Uint8Array = new Uint8Array();
  if (format === 'xlsx') {
    const stored = random.chance(0.3);
    if (stored) {
      mutations.push('storedSheet');
      let sheet: Uint8Array = new Uint8Array(Buffer.from(storedSheetXml(table), 'utf8'));
      // Edits to the sheet's XML: the ZIP stays valid, the XML may not.
      if (random.chance(0.7)) {
        const edit = random.pick(['flipBytes', 'deleteRange', 'duplicateRange', 'truncate', 'insertNoise']);
        const changed = (BYTE_MUTATIONS[edit] as ByteMutation)(sheet, random);
        sheet = changed.bytes;
        mutations.push(`sheet.${changed.label}`);
      }
      bytes = storedWorkbook(sheet);
    } else bytes = await xlsxOf(table);
  } else {
    const jsonBody =
      format === 'json' && random.chance(0.2) ? random.pick(Object.keys(JSON_BODIES)) : undefined;
    if (jsonBody) mutations.push(jsonBody);
    const text = jsonBody
      ? (JSON_BODIES[jsonBody] as (t: Table) => string)(table)
      : format === 'csv'
        ? csvOf(table.header, table.rows)
        : format === 'json'
          ? jsonOf(table)
          : ndjsonOf(table);
    const encoding = random.chance(0.15) ? random.pick(Object.keys(ENCODINGS)) : undefined;
    if (encoding) mutations.push(encoding);
    bytes = encoding
      ? (ENCODINGS[encoding] as (t: string) => Uint8Array)(text)
      : new Uint8Array(Buffer.from(text, 'utf8'));
  }
  if (random.chance(0.5)) {
    for (let n = random.int(1, 2); n > 0; n--) {
      const changed = (BYTE_MUTATIONS[random.pick(Object.keys(BYTE_MUTATIONS))] as ByteMutation)(
        bytes,
        random,
      );
      bytes = changed.bytes;
      mutations.push(changed.label);
    }
  }
  return variant(bytes);
}
