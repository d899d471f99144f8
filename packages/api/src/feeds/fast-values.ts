/**
 * Checks and writers for the fast path, one per field type, working on a cell `text[p, e)` in
 * place and writing JSON bytes at `out[o]`. Each returns the offset after what it wrote, or -1 for
 * a value not in the form it takes (the careful path then reads the row).
 */

export function writeNull(out: Uint8Array, o: number): number {
  out[o] = 110;
  out[o + 1] = 117;
  out[o + 2] = 108;
  out[o + 3] = 108;
  return o + 4;
}

/**
 * Printable ASCII other than quote and backslash, quoted, with no space at either end (the careful
 * path trims); anything else is for the careful path.
 */
export function copyQuoted(text: string, p: number, e: number, out: Uint8Array, o: number): number {
  if (text.charCodeAt(p) === 32 || text.charCodeAt(e - 1) === 32) return -1;
  out[o++] = 34;
  for (let i = p; i < e; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code > 126 || code === 34 || code === 92) return -1;
    out[o++] = code;
  }
  out[o++] = 34;
  return o;
}

export function copyPlain(text: string, p: number, e: number, out: Uint8Array, o: number): number {
  for (let i = p; i < e; i++) out[o++] = text.charCodeAt(i);
  return o;
}

export function isOneOf(text: string, p: number, e: number, codes: readonly string[]): boolean {
  const length = e - p;
  outer: for (const code of codes) {
    if (code.length !== length) continue;
    for (let i = 0; i < length; i++) if (code.charCodeAt(i) !== text.charCodeAt(p + i)) continue outer;
    return true;
  }
  return false;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Optional minus, then digits without leading zeros (0 alone), at most 15, and not -0. */
export function isCanonicalInteger(text: string, p: number, e: number): boolean {
  const negative = text.charCodeAt(p) === 45;
  const from = negative ? p + 1 : p;
  const digits = e - from;
  if (
    digits < 1 ||
    digits > 15 ||
    (digits > 1 && text.charCodeAt(from) === 48) ||
    (negative && digits === 1 && text.charCodeAt(from) === 48)
  )
    return false;
  for (let i = from; i < e; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * A decimal (`-12.50`) written in canonical form, as the careful path writes it: quoted, without
 * leading zeros in the whole part or trailing zeros in the fraction, and `0` for minus zero. A plus
 * sign, or a point with no digit before or after it, is for the careful path.
 */
export function writeDecimal(text: string, p: number, e: number, out: Uint8Array, o: number): number {
  const negative = text.charCodeAt(p) === 45;
  let i = negative ? p + 1 : p;
  const wholeStart = i;
  while (i < e && isDigit(text.charCodeAt(i))) i++;
  const wholeEnd = i;
  let fractionEnd = i;
  if (i < e) {
    if (text.charCodeAt(i) !== 46 || i + 1 === e) return -1;
    for (let j = i + 1; j < e; j++) {
      const code = text.charCodeAt(j);
      if (!isDigit(code)) return -1;
      if (code !== 48) fractionEnd = j + 1;
    }
  }
  if (wholeEnd === wholeStart) return -1;
  let first = wholeStart;
  while (first < wholeEnd - 1 && text.charCodeAt(first) === 48) first++;
  const zero = fractionEnd === wholeEnd && first === wholeEnd - 1 && text.charCodeAt(first) === 48;
  out[o++] = 34;
  if (negative && !zero) out[o++] = 45;
  for (let j = first; j < wholeEnd; j++) out[o++] = text.charCodeAt(j);
  if (fractionEnd > wholeEnd) for (let j = wholeEnd; j < fractionEnd; j++) out[o++] = text.charCodeAt(j);
  out[o++] = 34;
  return o;
}

/** Pounds as digits with an optional minus and one or two decimal places, written as integer pence. */
export function writePence(text: string, p: number, e: number, out: Uint8Array, o: number): number {
  const negative = text.charCodeAt(p) === 45;
  let i = negative ? p + 1 : p;
  let pence = 0;
  let whole = 0;
  for (; i < e && isDigit(text.charCodeAt(i)); i++) {
    pence = pence * 10 + (text.charCodeAt(i) - 48);
    whole++;
  }
  if (whole < 1 || whole > 13) return -1;
  let places = 0;
  if (i < e) {
    if (text.charCodeAt(i) !== 46) return -1;
    for (i++; i < e; i++) {
      const code = text.charCodeAt(i);
      if (!isDigit(code) || ++places > 2) return -1;
      pence = pence * 10 + (code - 48);
    }
    if (places === 0) return -1;
  }
  pence *= places === 0 ? 100 : places === 1 ? 10 : 1;
  if (negative && pence !== 0) out[o++] = 45;
  return writeDigits(pence, out, o);
}

function writeDigits(value: number, out: Uint8Array, o: number): number {
  if (value === 0) {
    out[o] = 48;
    return o + 1;
  }
  let digits = 0;
  for (let v = value; v > 0; v = Math.floor(v / 10)) digits++;
  let v = value;
  for (let i = o + digits - 1; i >= o; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return o + digits;
}

const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];

/** true/false, yes/no and 1/0 in lower case. */
export function writeBoolean(text: string, p: number, e: number, out: Uint8Array, o: number): number {
  const length = e - p;
  const first = text.charCodeAt(p);
  let value: number[] | undefined;
  if (length === 1) value = first === 49 ? TRUE : first === 48 ? FALSE : undefined;
  else if (matches(text, p, e, 'true') || matches(text, p, e, 'yes')) value = TRUE;
  else if (matches(text, p, e, 'false') || matches(text, p, e, 'no')) value = FALSE;
  if (!value) return -1;
  for (const byte of value) out[o++] = byte;
  return o;
}

function matches(text: string, p: number, e: number, word: string): boolean {
  if (e - p !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(p + i) !== word.charCodeAt(i)) return false;
  return true;
}
