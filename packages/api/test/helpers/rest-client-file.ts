import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Reads a `.http` file in the REST Client format (VS Code REST Client, JetBrains HTTP client):
 * requests separated by `###` lines, file variables `@name = value`, `{{name}}` substitution,
 * `#` and `//` comments, a request line `METHOD URL`, headers up to a blank line, then the body,
 * where a body line `< ./path` stands for that file's contents (relative to the `.http` file).
 */

/** One request of the file, as written (variables not yet substituted). */
export interface RestRequest {
  /** The text after its `###`, or its first comment line. */
  name: string;
  /** Its comment lines, without the `#` or `//`. */
  comments: string[];
  method: string;
  url: string;
  headers: [string, string][];
  /** The body text, or the file a `< path` line names (an absolute path). */
  body?: { text: string } | { file: string };
}

export interface RestFile {
  variables: Map<string, string>;
  requests: RestRequest[];
}

const COMMENT = /^\s*(#|\/\/)\s?/;
const VARIABLE = /^\s*@([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$/;
const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)(\s+HTTP\/[\d.]+)?\s*$/;

/** Parses one `###` block: comments and variables, the request line, headers, body. */
function parseBlock(title: string, lines: string[], variables: Map<string, string>, base: string) {
  const comments: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const variable = VARIABLE.exec(line);
    if (variable) variables.set(variable[1] as string, variable[2] as string);
    else if (COMMENT.test(line)) comments.push(line.replace(COMMENT, ''));
    else if (line.trim() !== '') break;
  }
  const start = REQUEST_LINE.exec(lines[i] ?? '');
  if (!start) return undefined;
  const headers: [string, string][] = [];
  for (i++; i < lines.length && (lines[i] ?? '').trim() !== ''; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`not a header: ${line}`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const text = lines
    .slice(i + 1)
    .join('\n')
    .trim();
  const file = /^<\s+(\S+)$/.exec(text);
  const request: RestRequest = {
    name: title || comments[0] || `${start[1]} ${start[2]}`,
    comments,
    method: start[1] as string,
    url: start[2] as string,
    headers,
  };
  if (file) request.body = { file: resolve(base, file[1] as string) };
  else if (text) request.body = { text };
  return request;
}

/** Reads and parses a `.http` file. */
export async function readRestFile(path: string): Promise<RestFile> {
  const source = await readFile(path, 'utf8');
  const variables = new Map<string, string>();
  const requests: RestRequest[] = [];
  const blocks = source.split(/^###[ \t]*/m);
  for (const [index, block] of blocks.entries()) {
    const [first = '', ...rest] = block.split(/\r?\n/);
    // The text before the first `###` has no title line of its own.
    const title = index === 0 ? '' : first.trim();
    const lines = index === 0 ? [first, ...rest] : rest;
    const request = parseBlock(title, lines, variables, dirname(path));
    if (request) requests.push(request);
  }
  return { variables, requests };
}

/** Replaces every `{{name}}` with the variable's value (itself substituted); an unknown name throws. */
export function substitute(text: string, variables: ReadonlyMap<string, string>, depth = 0): string {
  return text.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_, name: string) => {
    const value = variables.get(name);
    if (value === undefined) throw new Error(`no variable {{${name}}}`);
    if (depth > 10) throw new Error(`variables refer to each other: {{${name}}}`);
    return substitute(value, variables, depth + 1);
  });
}
