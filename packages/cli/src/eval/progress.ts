import cliProgress from 'cli-progress';

/** Bytes of the feed files read so far, shown as a bar while they are read. */
export interface Progress {
  add(bytes: number): void;
  stop(): void;
}

/** Files smaller than this read too fast for a bar to help. */
const SHOWN_FROM_BYTES = 1024 * 1024;

/**
 * A progress bar on stderr for reading `total` bytes of feed files, or nothing at all when stderr
 * is not a terminal (a pipe, a file, a test) or the files are small.
 */
export function feedProgress(stderr: unknown, total: number): Progress {
  const stream = stderr as NodeJS.WriteStream;
  if (!stream.isTTY || total < SHOWN_FROM_BYTES) return { add: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'Reading feeds {bar} {percentage}% | {value}/{total} MB',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const megabytes = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
  let read = 0;
  bar.start(megabytes(total), 0);
  return {
    add(bytes) {
      read += bytes;
      bar.update(megabytes(read));
    },
    stop() {
      bar.stop();
    },
  };
}
