/**
 * The compiler runs only on contracts the checker passed, so a clause the checker requires is
 * always present. Should one be missing, compiling stops here rather than invent a value.
 */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`cannot compile: ${what} is missing (check the contract first)`);
  return value;
}
