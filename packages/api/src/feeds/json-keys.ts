import { type ParsedTokenInfo, TokenType } from '@streamparser/json';

/**
 * A key given twice in one JSON object would leave one of its values silently unread (JSON.parse
 * keeps the last): a row with a column twice is refused instead. `KeyTracker` follows a stream's
 * tokens; `repeatedKey` reads one NDJSON line.
 */
export class KeyTracker {
  private readonly stack: ({ keys: Set<string>; expectKey: boolean } | undefined)[] = [];
  /** The first key given twice in the current top-level element, if any. */
  repeated: string | undefined;

  token({ token, value }: ParsedTokenInfo): void {
    const top = this.stack.at(-1);
    switch (token) {
      case TokenType.LEFT_BRACE:
        this.stack.push({ keys: new Set(), expectKey: true });
        return;
      case TokenType.LEFT_BRACKET:
        this.stack.push(undefined);
        return;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        this.stack.pop();
        return;
      case TokenType.COMMA:
        if (top) top.expectKey = true;
        return;
      case TokenType.STRING:
        if (!top?.expectKey) return;
        top.expectKey = false;
        if (top.keys.has(value as string)) this.repeated ??= value as string;
        top.keys.add(value as string);
        return;
      default:
        return;
    }
  }
}

/** The first key given twice at the top level of one object written on a line, if any. */
export function repeatedKey(line: string): string | undefined {
  const keys = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) {
      let end = i + 1;
      while (end < line.length && line.charCodeAt(end) !== 34) end += line.charCodeAt(end) === 92 ? 2 : 1;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(line.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth === 1) expectKey = c === 123;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44 && depth === 1) expectKey = true;
  }
  return undefined;
}
