import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A feed too big for memory spools its compressed rows (which carry person keys) to a folder of
 * its own in the system's temporary folder, removed when the feed is stored or refused. A process
 * killed mid-feed cannot remove its folder, so each folder is named for the process that made it,
 * and a service starting sweeps the folders of processes no longer running.
 */
const PREFIX = 'parity-feed-';

/** A new spool folder (0700) named for this process. */
export function spoolFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

/**
 * Removes spool folders left by processes that are no longer running (and folders of the older,
 * unnamed kind), leaving those of live services alone. Returns how many were removed.
 */
export async function sweepSpoolFolders(directory = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(directory).catch(() => [])) {
    if (!name.startsWith(PREFIX)) continue;
    const owner = /^parity-feed-([0-9]+)-/.exec(name)?.[1];
    if (owner !== undefined && isRunning(Number(owner))) continue;
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
