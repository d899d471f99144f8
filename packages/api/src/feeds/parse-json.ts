import { Tokenizer, TokenParser } from '@streamparser/json';
import { KeyTracker, repeatedKey } from './json-keys.js';
import { MAX_ROW_CHARACTERS } from './parse-csv.js';

/**
 * Reads a JSON array of row objects as it streams in, with @streamparser/json: a small, dependency-
 * free streaming parser that takes byte chunks as they come (UTF-8 split across chunks included)
 * and hands over each element of the top-level array once it is complete, keeping nothing else.
 * Values come out in batches, one per chunk read.
 */
export async function* parseJsonArray(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<unknown[]> {
  const parser = new Tokenizer();
  const values = new TokenParser({ paths: ['$.*'], keepStack: false });
  const keys = new KeyTracker();
  parser.onToken = (info) => {
    keys.token(info);
    values.write(info);
  };
  parser.onEnd = () => {
    if (!values.isEnded) values.end();
  };
  values.onError = parser.error.bind(parser);
  values.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  let batch: unknown[] = [];
  let opened = false;
  values.onValue = ({ value }) => {
    const repeated = keys.repeated;
    keys.repeated = undefined;
    batch.push(repeated === undefined ? value : new LineError(twice(repeated), repeated));
  };
  try {
    let first = true;
    for await (const received of chunks) {
      // A UTF-8 byte-order mark is not JSON: skip it.
      const chunk =
        first && received[0] === 0xef && received[1] === 0xbb && received[2] === 0xbf
          ? received.subarray(3)
          : received;
      first = false;
      if (!opened) opened = opensArray(chunk);
      // The parser ends by itself with the array; only whitespace may follow.
      if (parser.isEnded) {
        if (!isBlank(chunk))
          throw new FeedSyntaxError('The body is not valid JSON: there is more after the array of rows.');
        continue;
      }
      parser.write(chunk);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    if (!opened) throw new FeedSyntaxError('The body is empty: a JSON feed is an array of row objects.');
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (error instanceof FeedSyntaxError) throw error;
    throw new FeedSyntaxError(
      `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (batch.length > 0) yield batch;
}

function isBlank(chunk: Uint8Array): boolean {
  return chunk.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09);
}

/** Whether the document starts with `[`; false while only whitespace has come, an error otherwise. */
function opensArray(chunk: Uint8Array): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i] as number;
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    if (byte === 0x5b) return true;
    throw new FeedSyntaxError('A JSON feed is an array of row objects: [{"column": value, ...}, ...].');
  }
  return false;
}

/**
 * Reads newline-delimited JSON: one row object per line, blank lines skipped. A line that is not
 * valid JSON comes out as a LineError, so the rows after it are still checked.
 */
export async function* parseNdjson(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<unknown[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  const linesOf = (text: string, final: boolean): unknown[] => {
    const values: unknown[] = [];
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) {
        if (!final) break;
        end = text.length;
      }
      const line = text.slice(start, end).trim();
      if (line !== '') values.push(parseLine(line));
      start = end + 1;
      if (start > text.length) break;
    }
    carry = start <= text.length ? text.slice(start) : '';
    return values;
  };
  try {
    for await (const chunk of chunks) {
      const values = linesOf(carry + decoder.decode(chunk, { stream: true }), false);
      if (carry.length > MAX_ROW_CHARACTERS)
        throw new FeedSyntaxError(
          `A line is longer than ${MAX_ROW_CHARACTERS.toLocaleString('en-GB')} characters: NDJSON has one row object a line.`,
        );
      if (values.length > 0) yield values;
    }
    const values = linesOf(carry + decoder.decode(), true);
    if (values.length > 0) yield values;
  } catch (error) {
    if (error instanceof TypeError) throw new FeedSyntaxError('The body is not UTF-8 text.');
    throw error;
  }
}

/** A line of NDJSON that could not be parsed; the row checker reports it against its row. */
export class LineError {
  constructor(
    readonly message: string,
    /** The column the problem is in, when it is one column's (a key given twice). */
    readonly column = '',
  ) {}
}

function parseLine(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line);
    const repeated = repeatedKey(line);
    return repeated === undefined ? value : new LineError(twice(repeated), repeated);
  } catch (error) {
    return new LineError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The body as a whole cannot be read as the format it claims. */
export class FeedSyntaxError extends Error {}

function twice(key: string): string {
  return `a row with the column ${JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key)} twice; give each column once`;
}
