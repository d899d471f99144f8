import type { SeededRandom } from './seeded-random.js';

/** One edit of a text: remove `remove` characters at `offset`, then insert `insert` there. */
export interface Splice {
  offset: number;
  remove: number;
  insert: string;
}

export function applySplice(text: string, splice: Splice): string {
  return text.slice(0, splice.offset) + splice.insert + text.slice(splice.offset + splice.remove);
}

interface Token {
  offset: number;
  text: string;
}

/** Words, numbers, money, percentages, strings (possibly unterminated), comments and single symbols. */
const TOKEN = /£?[\d][\d,.]*%?|[\p{L}_][\p{L}\p{N}_.-]*|"(?:[^"\\\n]|\\.)*"?|\/\/[^\n]*|\S/gu;

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ offset: m.index ?? 0, text: m[0] }));
}

/** Line starts, so whole lines can be cut, copied and swapped. */
function lineSpans(text: string): Array<{ offset: number; length: number }> {
  const spans: Array<{ offset: number; length: number }> = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      spans.push({ offset: start, length: i + 1 - start });
      start = i + 1;
    }
  }
  return spans;
}

const ODD_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\t',
  '\r',
  '\r\n',
  '\u000b',
  '\u000c',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u202e',
  '\u0301',
  '\ud800',
  '\udfff',
  '\uffff',
  '\ufffd',
  'é',
  'ß',
  'İ',
  'а',
  'Ｍ',
  '£',
  '€',
  '%',
  '😀',
  '👩‍⚕️',
  '中',
  '𝟘',
  '٣',
  '\\',
  '"',
  '`',
  "'",
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  ':',
  ';',
  '=',
  '<',
  '>',
  '/',
  '*',
  '#',
  '@',
  '-',
  '+',
  '_',
  ' ',
  '\n',
];

const HUGE_NUMBERS = [
  () => '9'.repeat(400),
  () => `${'9'.repeat(40)}%`,
  () => `£${'999,'.repeat(60)}999`,
  () => `£${'9'.repeat(30)}.${'9'.repeat(30)}`,
  () => `0.${'0'.repeat(300)}1%`,
  () => '1e308',
  () => '-0',
  () => '-99999999999999999999',
  () => '18446744073709551617',
  () => `2026/2${'7'.repeat(50)}`,
  () => `${'1'.repeat(20)}/${'2'.repeat(20)}`,
  () => '£0.001',
  () => '100.5%',
];

const UNBALANCED = [
  '{',
  '}',
  '(',
  ')',
  '"',
  '[',
  ']',
  '{{{{',
  '}}}}',
  '((((',
  '))))',
  '"""',
  '/*',
  '*/',
  '//',
];

/**
 * Ways of breaking a contract as an author, a bad paste or a broken file system might: each returns
 * the splices (applied in order) that turn `text` into the mutant. `others` are other contracts to
 * borrow text from.
 */
const MUTATORS: Record<string, (text: string, random: SeededRandom, others: readonly string[]) => Splice[]> =
  {
    deleteToken(text, random) {
      const token = pickToken(text, random);
      return token ? [{ offset: token.offset, remove: token.text.length, insert: '' }] : [];
    },
    duplicateToken(text, random) {
      const token = pickToken(text, random);
      return token ? [{ offset: token.offset, remove: 0, insert: `${token.text} ` }] : [];
    },
    swapTokens(text, random) {
      const all = tokens(text);
      if (all.length < 2) return [];
      const i = random.below(all.length - 1);
      const j = random.chance(0.5) ? i + 1 : random.between(i + 1, all.length - 1);
      const [a, b] = [all[i] as Token, all[j] as Token];
      const between = text.slice(a.offset + a.text.length, b.offset);
      return [
        { offset: a.offset, remove: b.offset + b.text.length - a.offset, insert: b.text + between + a.text },
      ];
    },
    replaceToken(text, random, others) {
      const token = pickToken(text, random);
      const donor = pickToken(random.pick(others), random);
      return token && donor ? [{ offset: token.offset, remove: token.text.length, insert: donor.text }] : [];
    },
    deleteLines(text, random) {
      const lines = lineSpans(text);
      const first = random.below(lines.length);
      const last = Math.min(lines.length - 1, first + random.below(4));
      const start = (lines[first] as { offset: number }).offset;
      const end = Math.min(
        text.length,
        (lines[last] as { offset: number; length: number }).offset + (lines[last]?.length ?? 0),
      );
      return [{ offset: start, remove: end - start, insert: '' }];
    },
    duplicateLine(text, random) {
      const line = random.pick(lineSpans(text));
      const copy = text.slice(line.offset, line.offset + line.length);
      return [{ offset: line.offset, remove: 0, insert: copy.endsWith('\n') ? copy : `${copy}\n` }];
    },
    swapLines(text, random) {
      const lines = lineSpans(text).filter((l) => l.offset + l.length <= text.length);
      if (lines.length < 2) return [];
      const i = random.below(lines.length - 1);
      const j = random.chance(0.6) ? i + 1 : random.between(i + 1, lines.length - 1);
      const [a, b] = [lines[i]!, lines[j]!];
      const first = text.slice(a.offset, a.offset + a.length);
      const second = text.slice(b.offset, b.offset + b.length);
      const middle = text.slice(a.offset + a.length, b.offset);
      return [{ offset: a.offset, remove: b.offset + b.length - a.offset, insert: second + middle + first }];
    },
    insertCharacters(text, random) {
      let inserted = '';
      for (let n = random.between(1, 12); n > 0; n--) inserted += random.pick(ODD_CHARACTERS);
      return [{ offset: random.below(text.length + 1), remove: 0, insert: inserted }];
    },
    unbalance(text, random) {
      return [{ offset: random.below(text.length + 1), remove: 0, insert: random.pick(UNBALANCED) }];
    },
    hugeNumber(text, random) {
      const numbers = tokens(text).filter((t) => /\d/.test(t.text));
      const target =
        numbers.length > 0 ? random.pick(numbers) : { offset: random.below(text.length + 1), text: '' };
      return [{ offset: target.offset, remove: target.text.length, insert: random.pick(HUGE_NUMBERS)() }];
    },
    truncate(text, random) {
      const at = random.below(text.length + 1);
      return [{ offset: at, remove: text.length - at, insert: '' }];
    },
    pasteFragment(text, random, others) {
      const donor = random.pick(others);
      const start = random.below(donor.length + 1);
      const fragment = donor.slice(start, start + random.between(1, 400));
      return [{ offset: random.below(text.length + 1), remove: 0, insert: fragment }];
    },
    deepNesting(text, random) {
      const depth = random.between(10, 120);
      const open = random.pick(['(', 'not ', '{', 'all of (', '- ']);
      const close = open === '{' ? '}' : open.includes('(') ? ')' : '';
      const inner = `${open.repeat(depth)}x${random.chance(0.5) ? close.repeat(depth) : ''}`;
      return [{ offset: random.below(text.length + 1), remove: 0, insert: inner }];
    },
    randomBytes(text, random) {
      let bytes = '';
      for (let n = random.between(1, 64); n > 0; n--) bytes += String.fromCharCode(random.below(256));
      return [{ offset: random.below(text.length + 1), remove: random.below(8), insert: bytes }];
    },
  };

const MUTATOR_NAMES = Object.keys(MUTATORS);

function pickToken(text: string, random: SeededRandom): Token | undefined {
  const all = tokens(text);
  return all.length > 0 ? random.pick(all) : undefined;
}

/** One to `most` mutations of a contract, as the splices that make it, each named for the report. */
export function mutate(
  text: string,
  random: SeededRandom,
  others: readonly string[],
  most = 3,
): { splices: Splice[]; names: string[] } {
  const splices: Splice[] = [];
  const names: string[] = [];
  let current = text;
  for (let n = random.between(1, most); n > 0 || splices.length === 0; n--) {
    // A mutator with nothing to work on (no tokens, a single line) makes no splice: pick another.
    const name = random.pick(MUTATOR_NAMES);
    for (const splice of MUTATORS[name]!(current, random, others)) {
      const clamped = clamp(splice, current.length);
      current = applySplice(current, clamped);
      splices.push(clamped);
    }
    names.push(name);
  }
  return { splices, names };
}

function clamp(splice: Splice, length: number): Splice {
  const offset = Math.max(0, Math.min(splice.offset, length));
  return { offset, remove: Math.max(0, Math.min(splice.remove, length - offset)), insert: splice.insert };
}
