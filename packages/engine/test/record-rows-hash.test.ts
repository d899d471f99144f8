import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, test } from 'vitest';
import { canonicalRowText, type RecordRow, type Sha256Factory, tallyRecordsSync } from '../src/index.js';
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

describe('canonical row text', () => {
  test('is JSON with sorted keys, bigints as decimal strings and undefined values left out', () => {
    expect(
      canonicalRowText({ provider: 'RX4', month: '2026-05', b: 2n, a: 'x', c: undefined, d: null }),
    ).toBe('{"a":"x","b":"2","d":null,"month":"2026-05","provider":"RX4"}');
  });
});

describe('rows and rows hash', () => {
  test('are the count and sha256 of the canonical rows, each followed by a newline', () => {
    const expected = bytesToHex(sha256(utf8ToBytes(rows.map((r) => `${canonicalRowText(r)}\n`).join(''))));
    expect(tallyOf(rows)).toMatchObject({ rows: 3, rowsHash: expected });
  });

  test('are identical for identical rows, whatever order their keys were written in', () => {
    const reordered = rows.map((r) => Object.fromEntries(Object.entries(r).reverse()) as RecordRow);
    expect(tallyOf(reordered)?.rowsHash).toBe(tallyOf(rows)?.rowsHash);
  });

  test('change when any value of any row changes', () => {
    const changed = rows.map((r, i) => (i === 1 ? { ...r, score: '0.1' } : r));
    expect(tallyOf(changed)?.rowsHash).not.toBe(tallyOf(rows)?.rowsHash);
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
      (_, i): RecordRow => ({ provider: 'RX4', month: '2026-05', person: `P${i}`, note: 'x'.repeat(i * 3) }),
    );
    const expected = bytesToHex(sha256(utf8ToBytes(many.map((r) => `${canonicalRowText(r)}\n`).join(''))));
    expect(tallyOf(many)?.rowsHash).toBe(expected);
  });
});
