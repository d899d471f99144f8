/**
 * The canonical layout of Parity source: two spaces per open brace or bracket, one space between
 * words, a space after each comma and none before, no trailing spaces, at most one blank line in a
 * row, and a final newline. Only whitespace outside strings and comments changes, and whitespace
 * there means nothing to the language, so formatting never changes what a contract says; applying
 * it twice gives the same text as applying it once.
 */
export function formatParity(text: string): string {
  const state: ScanState = { depth: 0, inBlockComment: false };
  const out: string[] = [];
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    if (state.inBlockComment) {
      out.push(`${indent(state.depth)}${line.startsWith('*') ? ' ' : ''}${line}`);
      scanLine(line, state);
      continue;
    }
    const closesFirst = /^[})]/.test(line) ? 1 : 0;
    const continues = CONTINUATION.test(line) ? 1 : 0;
    out.push(`${indent(Math.max(0, state.depth - closesFirst) + continues)}${normaliseSpacing(line)}`);
    scanLine(line, state);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** Lines that carry on the clause above them (a cost's carrier and funding), indented one more. */
const CONTINUATION = /^(carried|funded) by\b/;

interface ScanState {
  depth: number;
  inBlockComment: boolean;
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

/** Tracks bracket depth and block comments across a line, skipping strings and comments. */
function scanLine(line: string, state: ScanState): void {
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (state.inBlockComment) {
      if (char === '*' && line[i + 1] === '/') {
        state.inBlockComment = false;
        i++;
      }
    } else if (char === '"') {
      i = endOfString(line, i);
    } else if (char === '/' && line[i + 1] === '/') {
      return;
    } else if (char === '/' && line[i + 1] === '*') {
      state.inBlockComment = true;
      i++;
    } else if (char === '{' || char === '(') {
      state.depth++;
    } else if (char === '}' || char === ')') {
      state.depth = Math.max(0, state.depth - 1);
    }
  }
}

/** Spacing of the code on one line; strings and a trailing or block comment are copied as written. */
function normaliseSpacing(line: string): string {
  let result = '';
  let code = '';
  // A comma between digits belongs to a number (£1,250,000), so it is never spaced.
  const flush = (next = '') => {
    const spaced = `${code}${next}`
      .replace(/\s+/g, ' ')
      .replace(/ ,/g, ',')
      .replace(/(?<!\d),(?=\S)|,(?=[^\s\d])/g, ', ');
    result += next ? spaced.slice(0, spaced.length - next.length) : spaced;
    code = '';
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '"') {
      const end = endOfString(line, i);
      flush('"');
      result += line.slice(i, end + 1);
      i = end;
    } else if (char === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
      flush();
      const comment = line.slice(i);
      const close = line[i + 1] === '*' ? comment.indexOf('*/') : -1;
      if (close < 0) {
        result = `${result.trimEnd()}${result.trim() ? ' ' : ''}${comment}`;
        return result;
      }
      result += comment.slice(0, close + 2);
      i += close + 1;
    } else {
      code += char;
    }
  }
  flush();
  return result.trimEnd();
}

function endOfString(line: string, start: number): number {
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i;
  }
  return line.length - 1;
}
