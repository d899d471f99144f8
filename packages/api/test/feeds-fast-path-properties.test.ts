import { gunzipSync } from 'node:zlib';
import type { Dataset } from '@parity/engine';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BlockWriter } from '../src/feeds/block-spool.js';
import { DatasetRows } from '../src/feeds/dataset-rows.js';
import { FastRowEncoder, fastColumn } from '../src/feeds/fast-row.js';
import { FeedErrors } from '../src/feeds/feed-errors.js';

/**
 * Over generated rows, valid and invalid, the fast path and the careful path (the engine's codecs)
 * accept the same rows with the same values and refuse the same rows with the same messages. The
 * fast encoder is also asked on its own, so its fallback to the careful path cannot hide a
 * difference.
 */
const at = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };
const dataset: Dataset = {
  name: 'Everything',
  title: 'Every field type',
  datedBy: 'when',
  overTime: { meaning: 'events' },
  location: at,
  fields: [
    { name: 'key', type: 'pseudonym', optional: false },
    { name: 'when', type: 'datetime', optional: false },
    { name: 'day', type: 'date', optional: true },
    { name: 'count', type: 'integer', optional: true },
    { name: 'amount', type: 'decimal', optional: true },
    { name: 'cost', type: 'money', optional: true },
    { name: 'flag', type: 'boolean', optional: true },
    { name: 'setting', type: 'code', optional: true, codes: ['ED', 'ward', 'out patient'] },
    { name: 'note', type: 'text', optional: true },
  ],
};
const TERM = { start: '2026-04', end: '2027-03' };
const header = dataset.fields.map((f) => f.name);

/** What a feed of this one line stores and the errors it lists, read as a plain line or as cells. */
async function stored(line: string, path: 'fast' | 'careful'): Promise<{ json?: unknown; errors: string[] }> {
  const errors = new FeedErrors();
  const writer = new BlockWriter();
  const rows = new DatasetRows(dataset, TERM, '2026-05', errors, writer);
  expect(rows.acceptHeader(header)).toBe(true);
  if (path === 'fast') rows.readLine(`x${line}y`, 1, line.length + 1, 1);
  else rows.readCells(line.split(','), 1);
  const lines: string[] = [];
  for await (const block of (await writer.finish()).blocks())
    lines.push(...gunzipSync(block.data).toString('utf8').trim().split('\n').slice(1));
  return {
    json: lines[0] === undefined ? undefined : JSON.parse(lines[0]),
    errors: errors.listed.map((e) => e.message),
  };
}

/** The fast encoder alone: the row's JSON, or undefined when it leaves the row to the careful path. */
function fastOnly(line: string): unknown {
  const plan = dataset.fields.map((field) => fastColumn(field, field.name === 'when'));
  const out = new Uint8Array(4 * line.length + 64);
  const end = new FastRowEncoder(plan, '2026-05').encode(line, 0, line.length, out, 0);
  return end < 0 ? undefined : JSON.parse(Buffer.from(out.subarray(0, end)).toString('utf8'));
}

const two = (n: number) => String(n).padStart(2, '0');
const anyDates = fc
  .tuple(
    fc.integer({ min: 2025, max: 2028 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`);
const anyTimes = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
  .map(([h, m]) => `${two(h)}:${two(m)}`);
const termDays = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2026, 3, 1) + d * 86_400_000).toISOString().slice(0, 10));
/** Days of May 2026, the feed's month, in which every row must be dated. */
const periodDays = fc.integer({ min: 1, max: 31 }).map((d) => `2026-05-${two(d)}`);
const times = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${two(h)}:${two(m)}`);
const noise = fc.string({ maxLength: 12 }).filter((text) => !text.includes(','));
const identifiers = fc.constantFrom('9434765919', '943 476 5919', 'BD9 6RJ', 'jo@nhs.net', '07700 900123');
const wholes = fc.integer({ min: -99999, max: 99999 });

/** Mostly the canonical form the fast path takes; else other forms, errors, identifiers or noise. */
const cell = (canonical: fc.Arbitrary<string>, ...others: fc.Arbitrary<string>[]) =>
  fc.oneof({ arbitrary: canonical, weight: 12 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })), {
    arbitrary: noise,
    weight: 1,
  });

const CELLS: Record<string, fc.Arbitrary<string>> = {
  key: cell(fc.stringMatching(/^P[0-9]{3,6}$/), fc.constantFrom(' P2', 'café', ''), identifiers),
  when: cell(
    fc.tuple(periodDays, times).map(([day, time]) => `${day}T${time}`),
    fc.tuple(termDays, times).map(([day, time]) => `${day}T${time}`),
    fc
      .tuple(anyDates, fc.constantFrom('T', ' '), anyTimes, fc.constantFrom('', ':00', ':30'))
      .map((p) => p.join('')),
  ),
  day: cell(fc.oneof(termDays, fc.constant('')), anyDates, fc.constantFrom('2026-5-01', '05/05/2026')),
  count: cell(wholes.map(String), fc.constantFrom('+5', '007', '-0', '1234567890123456', '12.5', '1e3')),
  amount: cell(
    fc.tuple(wholes, fc.nat(1000)).map(([whole, fraction]) => `${whole}.${fraction}`),
    fc.constantFrom('.5', '5.', '-0.0', '+01.50', '70.500'),
  ),
  cost: cell(
    fc.tuple(wholes, fc.nat(99)).map(([whole, pence]) => `${whole}.${two(pence)}`),
    fc.constantFrom('£1,250.00', '1250p', '12,50', '1.005', '-0.00', '£', '12.5'),
  ),
  flag: cell(
    fc.constantFrom('', 'true', 'false', 'yes', 'no', '1', '0'),
    fc.constantFrom('TRUE', 'No', 'maybe'),
  ),
  setting: cell(fc.constantFrom('', 'ED', 'ward', 'out patient'), fc.constantFrom('ed', 'ED ', 'home')),
  note: cell(fc.stringMatching(/^[a-z]{0,8}$/), fc.constantFrom(' spaced ', 'a\\b', 'say "hi"'), identifiers),
};
const rows = fc
  .tuple(...header.map((name) => CELLS[name] as fc.Arbitrary<string>))
  .map((cells) => cells.join(','));

describe('the fast path and the careful path over generated rows', () => {
  test('accept the same rows with the same values and refuse the same rows with the same messages', async () => {
    const seen = { fast: 0, carefulOnly: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(rows, async (line) => {
        const expected = await stored(line, 'careful');
        const direct = fastOnly(line);
        if (direct !== undefined) {
          expect(expected.errors, line).toEqual([]);
          expect(direct, line).toEqual(expected.json);
        }
        expect(await stored(line, 'fast'), line).toEqual(expected);
        if (direct !== undefined) seen.fast++;
        else if (expected.errors.length === 0) seen.carefulOnly++;
        else seen.refused++;
      }),
      { numRuns: 400 },
    );
    // The generator must reach every outcome, or the property proves nothing about one of them.
    expect(seen.fast).toBeGreaterThan(0);
    expect(seen.carefulOnly).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
