/**
 * Digits read by character code, so that reading a million cells does not allocate a million
 * strings or arrays. Not exported from the engine: the calendar and the codecs share it.
 */

/**
 * The number written by `count` digits at `start`, or NaN when one is not a digit (NaN then runs
 * through the caller's arithmetic and fails its range checks).
 */
export function readDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
