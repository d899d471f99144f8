import type * as monaco from '@codingame/monaco-vscode-editor-api';

/** The language as Monaco knows it before the language server answers: a name and a file type. */
export const PARITY_LANGUAGE: monaco.languages.ILanguageExtensionPoint = {
  id: 'parity',
  extensions: ['.parity'],
  aliases: ['Parity', 'parity'],
};

/** Comments, brackets and pairs typed for you, as in the VS Code extension. */
export const PARITY_CONFIGURATION: monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '"', close: '"' },
  ],
};

/**
 * Syntax colouring (Monarch) built from the keywords of the generated TextMate grammar: comments,
 * strings, money (`£84,000,000`), numbers and percentages, months and years (`2026-04`, `2026/27`).
 */
export function parityMonarch(keywords: readonly string[]): monaco.languages.IMonarchLanguage {
  const escaped = keywords.map((k) => k.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&'));
  const keyword = new RegExp(`\\b(?:${escaped.join('|')})\\b`);
  return {
    defaultToken: '',
    tokenPostfix: '.parity',
    tokenizer: {
      root: [
        [/\/\*/, 'comment', '@comment'],
        [/\/\/.*$/, 'comment'],
        [/"/, 'string', '@string'],
        [/£[0-9][0-9,]*(\.[0-9]+)?/, 'number'],
        [/[0-9]{4}(\/[0-9]{2}|-[0-9]{2})/, 'number'],
        [/[0-9][0-9,]*(\.[0-9]+)?%?/, 'number'],
        [keyword, 'keyword'],
        [/[A-Za-z_][\w]*/, 'identifier'],
        [/[{}()[\]]/, '@brackets'],
      ],
      comment: [
        [/\*\//, 'comment', '@pop'],
        [/[^*]+/, 'comment'],
        [/\*/, 'comment'],
      ],
      string: [
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
        [/[^\\"]+/, 'string'],
      ],
    },
  };
}
