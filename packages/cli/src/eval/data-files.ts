import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { FeedFormat } from '@parity/api';
import { UsageError } from '../output.js';

/** One `--data` argument: a dataset's or return's file, for one month or split by its columns. */
export interface DataFile {
  /** The dataset or aggregate return, by its name or an unambiguous tail of it. */
  source: string;
  /** The month the whole file is for (`Dataset@2026-04=file`), as a feed is; else an extract. */
  month?: string;
  path: string;
  format: FeedFormat;
}

const FORMATS: Record<string, FeedFormat> = {
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** Reads `Dataset=file` or `Dataset@YYYY-MM=file`; the file's format is its extension's. */
export function parseDataFile(spec: string): DataFile {
  const match = /^([A-Za-z_][\w.]*)(?:@([^=]*))?=(.+)$/.exec(spec);
  if (!match) throw new UsageError(`--data '${spec}' is not <Dataset>=<file> or <Dataset>@<YYYY-MM>=<file>`);
  const [, source, month, path] = match as unknown as [string, string, string | undefined, string];
  if (month !== undefined && !/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new UsageError(`--data '${spec}': '${month}' is not a month written YYYY-MM`);
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format)
    throw new UsageError(
      `--data '${spec}': cannot tell the format of ${path}; name files ${Object.keys(FORMATS).join(', ')}`,
    );
  if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  return { source, ...(month === undefined ? {} : { month }), path, format };
}
