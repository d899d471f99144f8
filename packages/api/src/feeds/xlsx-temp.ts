import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'parity-xlsx-';

/**
 * A folder of its own for one workbook being read: the uploaded file, and any file the reader
 * spills to. Its name carries this process's id, so that a later start can tell the folders of a
 * process that was killed from those of one still running. Readable by this user only.
 */
export function workbookFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

/**
 * Removes the workbook folders left in the temporary folder by processes that no longer run
 * (killed mid-upload): called once on start. Folders of running processes, this one included,
 * are left alone, so several instances may share the temporary folder. Returns how many went.
 */
export async function sweepWorkbookFolders(directory: string = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || running(pid)) continue;
    await rm(join(directory, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
