import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { FieldValue, RecordRow } from './observations.js';
import type { RowHashSink } from './row-hash.js';

/**
 * The canonical text of a row: JSON with its keys in sorted order, no optional whitespace, bigints
 * as decimal strings and undefined values left out. A group's rows hash is the sha256 of its rows'
 * canonical texts, each followed by a newline, in the order read.
 */
export function canonicalRowText(row: RecordRow): string {
  const keys = Object.keys(row).sort();
  const entries = keys.filter((key) => row[key] !== undefined).map((key) => [key, jsonOf(row[key])] as const);
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

function jsonOf(value: FieldValue): string {
  return typeof value === 'bigint' ? `"${value}"` : JSON.stringify(value);
}

/**
 * A constant piece of canonical text (a key with its punctuation, `true`, `null`) held as
 * little-endian 32-bit words and a tail, so it is copied four bytes at a time.
 */
interface Piece {
  bytes: Uint8Array;
  words: Int32Array;
}

function pieceOf(text: string): Piece {
  const bytes = utf8ToBytes(text);
  const words = new Int32Array(bytes.length >> 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < words.length; i++) words[i] = view.getInt32(i * 4, true);
  return { bytes, words };
}

const TRUE = pieceOf('true');
const FALSE = pieceOf('false');
const NULL = pieceOf('null');
const END = pieceOf('}\n');
const EMPTY = pieceOf('{}\n');
const QUOTE = 34;

/** 1 for each UTF-16 code unit that JSON writes as the same single byte: printable ASCII but `"` and `\`. */
const PLAIN_CHARS = new Uint8Array(65536).fill(1, 32, 127);
PLAIN_CHARS[34] = 0;
PLAIN_CHARS[92] = 0;

/** A key a row may carry, its slot, and whether its text values are known to need no JSON escaping. */
export interface CanonicalKey {
  key: string;
  slot: number;
  plainText: boolean;
  /** Values the key usually has (yes/no, listed codes, providers): their whole `"key":value` is written at once. */
  common?: readonly (string | boolean | null)[];
}

/** A key with one of its common values, as it opens a row and as it follows another key. */
type Entry = { opening: Piece; following: Piece };

function entriesOf({ key, common }: CanonicalKey): Map<FieldValue, Entry> | undefined {
  if (!common) return undefined;
  const text = (value: string | boolean | null) => `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return new Map(
    common.map((value) => [
      value,
      { opening: pieceOf(`{${text(value)}`), following: pieceOf(`,${text(value)}`) },
    ]),
  );
}

/**
 * Writes rows' canonical text as UTF-8 straight into a hash sink from the values the dataset
 * reader put in slots: building a JSON string per row costs more than every measure's evaluation
 * together. `keys` are every key a row may have, sorted; the reader refused any other.
 */
export function createCanonicalRowWriter(
  keys: CanonicalKey[],
): (raw: FieldValue[], sink: RowHashSink) => void {
  const opening = keys.map(({ key }) => pieceOf(`{${JSON.stringify(key)}:`));
  const following = keys.map(({ key }) => pieceOf(`,${JSON.stringify(key)}:`));
  const slots = keys.map(({ slot }) => slot);
  const plain = keys.map(({ plainText }) => plainText);
  const common = keys.map(entriesOf);
  return (raw, sink) => {
    let opened = false;
    for (let i = 0; i < slots.length; i++) {
      const value = raw[slots[i] as number];
      if (value === undefined) continue;
      const entry = common[i]?.get(value);
      if (entry !== undefined) {
        writePiece(sink, opened ? entry.following : entry.opening);
        opened = true;
        continue;
      }
      writePiece(sink, (opened ? following[i] : opening[i]) as Piece);
      opened = true;
      if (typeof value === 'string') writeText(sink, value, plain[i] as boolean);
      else writeValue(sink, value);
    }
    writePiece(sink, opened ? END : EMPTY);
  };
}

function writeValue(sink: RowHashSink, value: Exclude<FieldValue, string | undefined>): void {
  if (typeof value === 'number') writeNumber(sink, value);
  else if (typeof value === 'boolean') writePiece(sink, value ? TRUE : FALSE);
  else if (value === null) writePiece(sink, NULL);
  else writeAscii(sink, `"${value}"`);
}

function writePiece(sink: RowHashSink, piece: Piece): void {
  if (!sink.reserve(piece.bytes.length)) {
    sink.updateDirect(piece.bytes);
    return;
  }
  const { bytes, view } = sink;
  const { words } = piece;
  let at = sink.length;
  for (let i = 0; i < words.length; i++, at += 4) view.setInt32(at, words[i] as number, true);
  for (let i = words.length * 4; i < piece.bytes.length; i++) bytes[at++] = piece.bytes[i] as number;
  sink.length = at;
}

/**
 * A string in quotes, four characters to a write. Text not known to be plain is checked as it is
 * copied; anything JSON escapes or UTF-8 widens is written again the slow way.
 */
function writeText(sink: RowHashSink, text: string, plain: boolean): void {
  const length = text.length;
  if (!sink.reserve(length + 2)) {
    writeEscaped(sink, text);
    return;
  }
  const { bytes, view } = sink;
  const start = sink.length;
  let at = start;
  bytes[at++] = QUOTE;
  let i = 0;
  for (; i + 4 <= length; i += 4, at += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if (!plain && (plainChar(a) & plainChar(b) & plainChar(c) & plainChar(d)) === 0) {
      rewriteEscaped(sink, start, text);
      return;
    }
    view.setInt32(at, a | (b << 8) | (c << 16) | (d << 24), true);
  }
  for (; i < length; i++) {
    const a = text.charCodeAt(i);
    if (!plain && plainChar(a) === 0) {
      rewriteEscaped(sink, start, text);
      return;
    }
    bytes[at++] = a;
  }
  bytes[at++] = QUOTE;
  sink.length = at;
}

function plainChar(code: number): number {
  return PLAIN_CHARS[code] as number;
}

function rewriteEscaped(sink: RowHashSink, start: number, text: string): void {
  sink.length = start;
  writeEscaped(sink, text);
}

function writeEscaped(sink: RowHashSink, text: string): void {
  const bytes = utf8ToBytes(JSON.stringify(text));
  if (!sink.reserve(bytes.length)) {
    sink.updateDirect(bytes);
    return;
  }
  sink.bytes.set(bytes, sink.length);
  sink.length += bytes.length;
}

function writeAscii(sink: RowHashSink, text: string): void {
  if (!sink.reserve(text.length)) {
    sink.updateDirect(utf8ToBytes(text));
    return;
  }
  const { bytes } = sink;
  let at = sink.length;
  for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
  sink.length = at;
}

/** Safe integers digit by digit (String() allocates); other numbers as JSON prints them. */
function writeNumber(sink: RowHashSink, value: number): void {
  if (!Number.isSafeInteger(value)) {
    writeAscii(sink, JSON.stringify(value));
    return;
  }
  sink.reserve(17);
  const { bytes } = sink;
  let at = sink.length;
  let magnitude = value;
  if (value < 0) {
    bytes[at++] = 45;
    magnitude = -value;
  }
  let low = at;
  do {
    bytes[at++] = 48 + (magnitude % 10);
    magnitude = Math.floor(magnitude / 10);
  } while (magnitude > 0);
  sink.length = at;
  // The digits came out least significant first.
  for (let high = at - 1; low < high; low++, high--) {
    const digit = bytes[low] as number;
    bytes[low] = bytes[high] as number;
    bytes[high] = digit;
  }
}
