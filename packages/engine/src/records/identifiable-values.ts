/**
 * The one rule for values that identify a patient, whatever their column is called: an NHS number
 * (ten digits, with or without spaces, whose last is the modulus-11 check digit), a full UK
 * postcode, an email address or a phone number. A whole cell is judged, `text[start, end)`,
 * by character code: a feed's fast path runs this for every text cell, so it must not allocate.
 */

const SPACE = 32;
const HYPHEN = 45;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Ten digits, grouped by spaces or hyphens or not at all, with a valid modulus-11 check digit. */
export function isNhsNumberAt(text: string, start: number, end: number): boolean {
  if (end - start < 10 || end - start > 14 || !isDigit(text.charCodeAt(start))) return false;
  let digits = 0;
  let sum = 0;
  let last = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      digits++;
      if (digits <= 9) sum += (code - 48) * (11 - digits);
      else last = code - 48;
    } else if (code !== SPACE && code !== HYPHEN) return false;
  }
  if (digits !== 10) return false;
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === last;
}

/**
 * A full UK postcode: an outward code (A9, A99, A9A, AA9, AA99, AA9A) then, after an optional
 * space, an inward code (9AA), in either case. A district alone (`BD9`) is an area, not an address.
 */
export function isPostcodeAt(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 5 || length > 8) return false;
  if (
    !isDigit(text.charCodeAt(end - 3)) ||
    !isLetter(text.charCodeAt(end - 2)) ||
    !isLetter(text.charCodeAt(end - 1))
  )
    return false;
  const outwardEnd = text.charCodeAt(end - 4) === SPACE ? end - 4 : end - 3;
  const outward = outwardEnd - start;
  if (outward < 2 || outward > 4 || !isLetter(text.charCodeAt(start))) return false;
  const second = text.charCodeAt(start + 1);
  const digitAt = isLetter(second) ? start + 2 : start + 1;
  if (digitAt >= outwardEnd || !isDigit(text.charCodeAt(digitAt))) return false;
  if (digitAt + 1 === outwardEnd) return true;
  const next = text.charCodeAt(digitAt + 1);
  return digitAt + 2 === outwardEnd && (isDigit(next) || isLetter(next));
}

/** `local@domain.tld`: one @, no spaces, a dot in the domain and a top-level domain of letters. */
export function isEmailAt(text: string, start: number, end: number): boolean {
  let at = -1;
  let dot = -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code <= SPACE || code === 127) return false;
    if (code === 64) {
      if (at >= 0) return false;
      at = i;
    } else if (code === 46 && at >= 0) dot = i;
  }
  if (at <= start || dot < at + 2 || end - dot < 3) return false;
  for (let i = dot + 1; i < end; i++) if (!isLetter(text.charCodeAt(i))) return false;
  return true;
}

/**
 * A phone number: a UK number from 0 with 10 or 11 digits (`07700 900123`, `(01274) 123456`), or
 * an international one from + with 8 to 15 digits (`+44 7700 900123`), grouped by spaces,
 * hyphens, dots or brackets.
 */
export function isPhoneNumberAt(text: string, start: number, end: number): boolean {
  let i = start;
  if (text.charCodeAt(i) === 40) i++;
  const international = text.charCodeAt(i) === 43;
  if (international) i++;
  if (text.charCodeAt(i) !== 48 && !international) return false;
  let digits = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) digits++;
    else if (code !== SPACE && code !== HYPHEN && code !== 46 && code !== 40 && code !== 41) return false;
  }
  return international ? digits >= 8 && digits <= 15 : digits === 10 || digits === 11;
}

/**
 * What a cell's text would identify (e.g. `an NHS number`), or undefined when it identifies no one.
 * The NHS number is tried before the phone number: a valid one is named as what it is.
 */
export function identifyingValueAt(text: string, start = 0, end = text.length): string | undefined {
  if (end - start < 5) return undefined;
  if (isNhsNumberAt(text, start, end)) return 'an NHS number';
  if (isPostcodeAt(text, start, end)) return 'a postcode';
  if (isEmailAt(text, start, end)) return 'an email address';
  if (isPhoneNumberAt(text, start, end)) return 'a phone number';
  return undefined;
}

/**
 * The problem with a cell that identifies a patient. It never repeats the value: an error
 * message is logged and shown, and must not carry what it refuses.
 */
export function identifyingValueProblem(what: string): string {
  return `holds what looks like ${what}, which is patient-identifiable: feeds must never carry it. Identify people only by the pseudonymous key`;
}
