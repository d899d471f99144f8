import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Rows of a feed on their way into the database sometimes rest on disk: a large feed's spooled
 * blocks (`feed`), an uploaded workbook while it is read (`xlsx`). Each rests in a folder of its own
 * (0700) in the system's temporary folder, removed when the feed is stored or refused. A process
 * killed mid-feed cannot remove its folder, so each is named for the process that made it, and a
 * service starting sweeps the folders of processes that no longer run, leaving those of services
 * still running (several may share the temporary folder).
 */
export type TempKind = 'feed' | 'xlsx';

const KINDS: readonly TempKind[] = ['feed', 'xlsx'];

/** A new folder of its kind for this process. */
export function tempFolder(kind: TempKind): Promise<string> {
  return mkdtemp(join(tmpdir(), `parity-${kind}-${process.pid}-`));
}

/**
 * Removes the feed folders left by processes that no longer run (and spool folders of the older,
 * unnamed kind). Returns how many were removed.
 */
export async function sweepTempFolders(directory = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    const kind = KINDS.find((k) => name.startsWith(`parity-${k}-`));
    if (kind === undefined) continue;
    const owner = /^parity-[a-z]+-([0-9]+)-/.exec(name)?.[1];
    if (owner === undefined ? kind !== 'feed' : isRunning(Number(owner))) continue;
    await rm(join(directory, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
