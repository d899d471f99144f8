/**
 * Write transactions on the embedded database take its write lock when they begin. The client's
 * pool opens a fresh connection per transaction with no busy timeout of its own, so a lock held by
 * another connection or process fails the BEGIN at once: it is retried here for up to ten seconds.
 * Nothing has run when BEGIN fails, so retrying the whole transaction is safe.
 */
export async function whenWritable<T>(begin: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await begin();
    } catch (error) {
      if (!isBusy(error) || attempt >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function isBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    /SQLITE_BUSY|database is locked/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`)
  );
}
