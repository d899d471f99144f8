/**
 * Money is an integer number of pence. It is parsed from text and printed as text, never through a
 * floating-point number.
 */

/** A problem with a money or decimal literal, phrased as what to change. */
export class LiteralError extends Error {
  override readonly name = 'LiteralError';
}

const MONEY_PATTERN = /^£(?<whole>[0-9][0-9,]*)(?:\.(?<fraction>[0-9]+))?(?<suffix>[mk])?$/;
const SUFFIX_DIGITS = { m: 6, k: 3 } as const;

/** Parses a money literal such as `£84,000,000`, `£1,250.50`, `£1.5m` or `£250k` into pence. */
export function parseMoney(text: string): bigint {
  const match = MONEY_PATTERN.exec(text.trim());
  if (!match?.groups) throw new LiteralError(`'${text}' is not an amount of money: write it like £1,250.00.`);
  const { whole = '', fraction = '', suffix } = match.groups;
  checkThousands(whole, text);
  const scaleDigits = suffix ? SUFFIX_DIGITS[suffix as 'm' | 'k'] : 0;
  // Pence have 2 decimal places; a suffix moves the decimal point.
  const allowedFraction = scaleDigits + 2;
  if (fraction.length > allowedFraction) {
    throw new LiteralError(
      `'${text}' has fractions of a penny: give at most ${allowedFraction} decimal places.`,
    );
  }
  const digits = whole.replaceAll(',', '') + fraction.padEnd(allowedFraction, '0');
  return BigInt(digits);
}

/** Parses a plain number that may use thousands separators: `1,000` → `"1000"`, `12.5` → `"12.5"`. */
export function normaliseNumber(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.');
  if (!/^[0-9][0-9,]*$/.test(whole) || (fraction !== undefined && !/^[0-9]+$/.test(fraction))) {
    throw new LiteralError(`'${text}' is not a number: write it like 1,250 or 12.5.`);
  }
  checkThousands(whole, text);
  const plain = whole.replaceAll(',', '');
  const sign = negative && /[1-9]/.test(plain + (fraction ?? '')) ? '-' : '';
  return fraction === undefined ? `${sign}${plain}` : `${sign}${plain}.${fraction}`;
}

/** Parses a percentage literal such as `1.25%` into its number of percent as text: `"1.25"`. */
export function parsePercent(text: string): string {
  if (!text.endsWith('%')) throw new LiteralError(`'${text}' is not a percentage: write it like 45%.`);
  return normaliseNumber(text.slice(0, -1));
}

function checkThousands(whole: string, text: string): void {
  if (!whole.includes(',')) return;
  if (!/^[0-9]{1,3}(,[0-9]{3})+$/.test(whole)) {
    throw new LiteralError(
      `'${text}' has misplaced thousands separators: group digits in threes, like 1,250,000.`,
    );
  }
}

/** Prints pence as pounds: `1562500n` → `£15,625.00`; negative amounts as `-£5.00`. */
export function formatPence(pence: bigint): string {
  const negative = pence < 0n;
  const magnitude = negative ? -pence : pence;
  const pounds = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (magnitude % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}£${pounds}.${rest}`;
}
