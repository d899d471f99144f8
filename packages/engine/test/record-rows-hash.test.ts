import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, test } from 'vitest';
import { type RecordRow, type Sha256Factory, tallyRecordsSync } from '../src/index.js';
import { dataset, isTrue, measure, model } from './helpers/record-model.js';

const notes = dataset(
  'Notes',
  {
    person: 'pseudonym',
    note: 'text?',
    flag: 'boolean?',
    score: 'decimal?',
    amount: 'money?',
    count: 'integer?',
    kind: 'code?',
  },
  { codes: { kind: ['plain', 'with "quotes"'] } },
);
const flagged = measure('Flagged', 'Notes', { numerator: isTrue('flag') });
const counted = measure('Counted', 'Notes', { scoring: { kind: 'count' } });
const contract = model([notes], [flagged, counted]);

const rows: RecordRow[] = [
  {
    provider: 'RX4',
    month: '2026-05',
    person: 'P1',
    note: 'plain',
    kind: 'with "quotes"',
    flag: true,
    score: 1.5,
    amount: 12345n,
    count: -42,
  },
  {
    month: '2026-05',
    provider: 'RX4',
    person: 'P2',
    note: 'quote " backslash \\ tab \t café 😀',
    flag: null,
    kind: 'plain',
    score: '0.10',
  },
  { provider: 'RX4', month: '2026-05', person: 'P3', note: undefined, count: 0, score: 1e-7 },
];

function tallyOf(input: RecordRow[], sha?: Sha256Factory) {
  return tallyRecordsSync(contract, 'Notes', input, { sha256: sha })
    .get('Flagged')
    ?.get('RX4')
    ?.get('2026-05')
    ?.get('');
}

/**
 * The bytes of a month's rows as row-bytes.ts specifies them, written out here independently: the
 * decoded numbers of each row are given by hand, so a change to the format or the decoding shows.
 */
function specifiedBytes(
  provider: string,
  month: string,
  decoded: { numbers: number[]; texts: (string | undefined)[]; exact: string[] }[],
): Uint8Array {
  const header = `parity-rows/2\n${provider}\n${month}\n${notes.fields.map((f) => `${f.name}:${f.type}\n`).join('')}`;
  const parts: number[] = [...utf8ToBytes(header)];
  const push = (bytes: ArrayBuffer) => parts.push(...new Uint8Array(bytes));
  for (const row of decoded) {
    for (const n of row.numbers) {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, n, true);
      push(view.buffer);
    }
    for (const text of row.texts) {
      const view = new DataView(new ArrayBuffer(4 + (text?.length ?? 0) * 2));
      view.setUint32(0, text === undefined ? 0xffffffff : text.length, true);
      for (let i = 0; i < (text?.length ?? 0); i++) view.setUint16(4 + i * 2, text!.charCodeAt(i), true);
      push(view.buffer);
    }
    for (const text of row.exact) {
      const bytes = utf8ToBytes(text);
      const view = new DataView(new ArrayBuffer(4));
      view.setUint32(0, bytes.length, true);
      push(view.buffer);
      parts.push(...bytes);
    }
  }
  return Uint8Array.from(parts);
}

const NaN_ = Number.NaN;
// person, note, flag, score (10^-6), amount (pence), count, kind (position in its list)
const decodedRows = [
  { numbers: [0, 0, 1, 1_500_000, 12345, -42, 1], texts: ['P1', 'plain'], exact: [] },
  {
    numbers: [0, 0, NaN_, 100_000, NaN_, NaN_, 0],
    texts: ['P2', 'quote " backslash \\ tab \t café 😀'],
    exact: [],
  },
  {
    numbers: [0, NaN_, NaN_, Number.POSITIVE_INFINITY, NaN_, 0, NaN_],
    texts: ['P3', undefined],
    exact: ['1e-7'],
  },
];

describe('rows and rows hash', () => {
  test('are the count and the sha256 of the header and the rows as read, byte for byte as specified', () => {
    const expected = bytesToHex(sha256(specifiedBytes('RX4', '2026-05', decodedRows)));
    expect(tallyOf(rows)).toMatchObject({ rows: 3, rowsHash: expected });
  });

  test('are identical for identical rows, whatever order their keys were written in', () => {
    const reordered = rows.map((r) => Object.fromEntries(Object.entries(r).reverse()) as RecordRow);
    expect(tallyOf(reordered)?.rowsHash).toBe(tallyOf(rows)?.rowsHash);
  });

  test('are identical for rows that mean the same, however their values were written', () => {
    const rewritten = rows.map((r, i) =>
      i === 1 ? { ...r, score: 0.1 } : i === 0 ? { ...r, count: '-42', amount: 12345 } : r,
    );
    expect(tallyOf(rewritten)?.rowsHash).toBe(tallyOf(rows)?.rowsHash);
  });

  test('change when any value of any row changes, is added or is removed', () => {
    const original = tallyOf(rows)?.rowsHash;
    const changes: RecordRow[][] = [
      rows.map((r, i) => (i === 1 ? { ...r, score: '0.11' } : r)),
      rows.map((r, i) => (i === 0 ? { ...r, flag: false } : r)),
      rows.map((r, i) => (i === 0 ? { ...r, kind: 'plain' } : r)),
      rows.map((r, i) => (i === 0 ? { ...r, person: 'P9' } : r)),
      rows.map((r, i) => (i === 2 ? { ...r, note: 'x' } : r)),
      rows.map((r, i) => (i === 2 ? { ...r, score: 2e-7 } : r)),
      rows.map((r, i) => (i === 0 ? { ...r, amount: 12346n } : r)),
      rows.map((r, i) => (i === 0 ? { ...r, count: undefined } : r)),
      [rows[1] as RecordRow, rows[0] as RecordRow, rows[2] as RecordRow],
      rows.slice(0, 2),
    ];
    const hashes = changes.map((changed) => tallyOf(changed)?.rowsHash);
    expect(hashes).not.toContain(original);
    expect(new Set(hashes).size).toBe(changes.length);
  });

  test('tell apart values too large for a float64', () => {
    const big = (count: string): RecordRow[] => [{ provider: 'RX4', month: '2026-05', person: 'P1', count }];
    expect(tallyOf(big('90071992547409931'))?.rowsHash).not.toBe(tallyOf(big('90071992547409932'))?.rowsHash);
  });

  test('are shared by every measure of the provider and month', () => {
    const tallies = tallyRecordsSync(contract, 'Notes', rows);
    const counts = tallies.get('Counted')?.get('RX4')?.get('2026-05')?.get('');
    expect(counts?.rowsHash).toBe(tallies.get('Flagged')?.get('RX4')?.get('2026-05')?.get('')?.rowsHash);
    expect(counts?.rows).toBe(3);
  });

  test('are the same with a native sha256 passed in', () => {
    expect(tallyOf(rows, () => createHash('sha256'))?.rowsHash).toBe(tallyOf(rows)?.rowsHash);
  });

  test('stay correct when the rows outgrow the hashing buffer', () => {
    const many = Array.from(
      { length: 400 },
      (_, i): RecordRow => ({
        provider: 'RX4',
        month: '2026-05',
        person: `P${i}`,
        note: 'x'.repeat(i * 30 + 1),
      }),
    );
    const decoded = many.map((_, i) => ({
      numbers: [0, 0, NaN_, NaN_, NaN_, NaN_, NaN_],
      texts: [`P${i}`, 'x'.repeat(i * 30 + 1)],
      exact: [],
    }));
    expect(tallyOf(many)?.rowsHash).toBe(bytesToHex(sha256(specifiedBytes('RX4', '2026-05', decoded))));
  });
});
