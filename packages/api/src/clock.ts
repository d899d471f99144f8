/** Where the service reads the time: the system clock in production, a fixed one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Today's date as `YYYY-MM-DD` (UTC). */
export function today(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}
