import { z } from '@hono/zod-openapi';

/**
 * A contract's file as the library names it: folders and a file name ending `.parity`, in letters,
 * digits, `_` and `-`; never `..`, an absolute path or a name without `.parity`. Publishing and the
 * playground both take sources named so.
 */
const LIBRARY_PATH = /^([A-Za-z0-9_][A-Za-z0-9_-]*\/)*[A-Za-z0-9_][A-Za-z0-9_-]*\.parity$/;

export const LibraryPath = z
  .string()
  .min(1)
  .max(300)
  .regex(
    LIBRARY_PATH,
    'a library path of folders and a file name ending .parity, in letters, digits, _ and -, e.g. demo/bradford-smi-cquin.parity',
  );
