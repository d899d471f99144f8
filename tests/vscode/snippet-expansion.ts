/** A VS Code snippet as written in a `.code-snippets` file. */
export interface Snippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

/**
 * The text a snippet inserts when every placeholder keeps its default: `${1:£84,000,000}` becomes
 * `£84,000,000`, a choice `${2|monthly,quarterly|}` its first option, and bare tab stops (`$0`,
 * `${3}`) nothing. Placeholders are not nested in the Parity snippets.
 */
export function expandSnippet(snippet: Snippet): string {
  const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  return body
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}
