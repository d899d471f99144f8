import type { ContractModel } from '@parity/engine';
import { ApiError } from '../errors.js';
import { type BlockSpool, BlockWriter } from './block-spool.js';
import type { FeedBody } from './body-stream.js';
import { DatasetRows } from './dataset-rows.js';
import type { Cell } from './feed-cells.js';
import { FeedErrors } from './feed-errors.js';
import type { FeedFormat, FeedTarget } from './feed-target.js';
import { CsvEncodingError, cellsOf, malformation, parseCsv } from './parse-csv.js';
import { FeedSyntaxError, LineError, parseJsonArray, parseNdjson } from './parse-json.js';
import { parseXlsx } from './parse-xlsx.js';
import { type ReturnFigure, ReturnRows } from './return-rows.js';
import { XlsxRefusal } from './xlsx-refusal.js';

/** What reading a feed gave: its rows ready to store, or every error found (nothing kept). */
export type IngestOutcome =
  | {
      ok: true;
      contentHash: string;
      rowCount: number;
      stored: { kind: 'records'; spool: BlockSpool } | { kind: 'aggregates'; figures: ReturnFigure[] };
    }
  | { ok: false; contentHash: string; errors: FeedErrors };

/** A feed of no rows would stand for its month with nothing in it: refused, with what to do. */
export const NO_ROWS =
  "The feed has no rows: an empty feed is not accepted, as it would replace the month's figures with none. Send the month's rows; to correct a feed, send the whole corrected feed again, which supersedes it.";

/** What reads a feed's rows: a dataset's or return's checks, or an extract's parts. */
export interface RowReader {
  acceptHeader(header: readonly string[]): boolean;
  readLine(text: string, start: number, end: number, row: number): void;
  readCells(cells: readonly Cell[], row: number, malformed?: string): void;
  readObject(value: unknown, row: number): void;
}

/**
 * Streams a feed through its parser and the checks of its dataset or return. Valid record rows go
 * to compressed blocks as they come; after the first error they are only checked, so that every
 * error is found, and nothing is kept.
 */
export async function ingestFeed(input: {
  body: FeedBody;
  format: FeedFormat;
  target: FeedTarget;
  model: ContractModel;
  period: string;
}): Promise<IngestOutcome> {
  const { body, target, model } = input;
  const errors = new FeedErrors();
  const writer = target.kind === 'dataset' ? new BlockWriter() : undefined;
  const reader: RowReader & { rows?: ReturnFigure[] } =
    target.kind === 'dataset'
      ? new DatasetRows(target.dataset, model.contract.term, input.period, errors, writer as BlockWriter)
      : new ReturnRows(model, target.source, input.period, errors);
  let rowCount = 0;
  try {
    rowCount =
      input.format === 'csv' || input.format === 'xlsx'
        ? await readTable(input, reader, errors, writer)
        : await readObjects(input, reader, errors, writer);
  } catch (error) {
    if (error instanceof ApiError) {
      await writer?.discard();
      throw error;
    }
    errors.add(0, problemColumn(error), problemOf(error, input.format));
  }
  if (!errors.any && rowCount === 0) errors.add(0, '', NO_ROWS);
  try {
    await body.drain();
  } catch (error) {
    await writer?.discard();
    throw error;
  }
  const contentHash = body.digest();
  if (errors.any || !writer) {
    await writer?.discard();
    if (errors.any) return { ok: false, contentHash, errors };
    return {
      ok: true,
      contentHash,
      rowCount: (reader.rows ?? []).length,
      stored: { kind: 'aggregates', figures: reader.rows ?? [] },
    };
  }
  return { ok: true, contentHash, rowCount, stored: { kind: 'records', spool: await writer.finish() } };
}

/** Something that may ask the reading to wait: the block writer, while compressions catch up. */
export interface Settles {
  settle(): Promise<void>;
}

/** Reads a CSV or XLSX body, header first, into the reader; the number of data rows. */
export async function readTable(
  input: { body: FeedBody; format: FeedFormat },
  reader: RowReader,
  errors: FeedErrors,
  writer?: Settles,
): Promise<number> {
  let header = true;
  let row = 0;
  const acceptHeader = (cells: readonly Cell[]) => {
    header = false;
    return reader.acceptHeader(
      cells.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : (c ?? ''))),
    );
  };
  if (input.format === 'csv') {
    for await (const batch of parseCsv(input.body.chunks)) {
      for (let i = 0; i < batch.cells.length; i++) {
        const cells = batch.cells[i];
        if (header) {
          if (!acceptHeader(cellsOf(batch, i))) return row;
        } else if (cells) reader.readCells(cells, ++row, malformation(cells));
        else
          reader.readLine(
            batch.text,
            batch.bounds[2 * i] as number,
            batch.bounds[2 * i + 1] as number,
            ++row,
          );
      }
      await writer?.settle();
    }
  } else {
    for await (const batch of parseXlsx(input.body.chunks)) {
      for (const cells of batch) {
        if (header) {
          if (!acceptHeader(cells)) return row;
        } else reader.readCells(cells, ++row);
      }
      await writer?.settle();
    }
  }
  if (header) errors.add(0, '', 'The feed is empty: its first row must be the header, naming the columns.');
  return row;
}

/** Reads a JSON or NDJSON body of row objects into the reader; the number of rows. */
export async function readObjects(
  input: { body: FeedBody; format: FeedFormat },
  reader: RowReader,
  errors: FeedErrors,
  writer?: Settles,
): Promise<number> {
  const batches =
    input.format === 'json' ? parseJsonArray(input.body.chunks) : parseNdjson(input.body.chunks);
  let row = 0;
  for await (const batch of batches) {
    for (const value of batch) {
      row++;
      if (value instanceof LineError) errors.add(row, value.column, `Row ${row} is ${value.message}.`);
      else reader.readObject(value, row);
    }
    await writer?.settle();
  }
  return row;
}

/** The column a problem with the body as a whole is reported in: the workbook's part, if any. */
export function problemColumn(error: unknown): string {
  return error instanceof XlsxRefusal ? error.part : '';
}

/** What to say when a body cannot be read at all. */
export function problemOf(error: unknown, format: FeedFormat): string {
  if (error instanceof FeedSyntaxError || error instanceof CsvEncodingError || error instanceof XlsxRefusal)
    return error.message;
  // A fault inside a parser (a TypeError reading a damaged file) says nothing a submitter can act
  // on and would show the service's workings: the refusal says what to do instead.
  const internal =
    !(error instanceof Error) ||
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError;
  const detail = internal ? '' : ` (${error.message})`;
  if (format === 'xlsx')
    return `The body cannot be read as an XLSX workbook${detail}: save it again from the spreadsheet as .xlsx and send that.`;
  return `The feed cannot be read${detail}: send it again as ${format === 'csv' ? 'UTF-8 CSV' : format === 'json' ? 'a JSON array of rows' : 'NDJSON'}.`;
}
