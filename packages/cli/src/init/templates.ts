import { CAPITATED_TEMPLATE } from './capitated-template.js';
import { CQUIN_TEMPLATE } from './cquin-template.js';

/** A sample feed file a template comes with, and the dataset or return it is for. */
export interface SampleFeed {
  source: string;
  /** The path inside the new folder. */
  file: string;
  text: string;
}

/** A starting contract for one arrangement: its source, tests and sample feeds. */
export interface ContractTemplate {
  arrangement: string;
  /** One line saying what the template is, for `--help` and the list of templates. */
  summary: string;
  contract: string;
  contractFile: string;
  /** The contract's source, in the given package. */
  contractText(pkg: string): string;
  feeds: SampleFeed[];
}

/** The templates `parity init` offers, by arrangement. */
export const TEMPLATES: readonly ContractTemplate[] = [CQUIN_TEMPLATE, CAPITATED_TEMPLATE];

/** Editor settings for a contract folder: the language server's extension, and formatting on save. */
export const EDITOR_FILES: Record<string, string> = {
  '.vscode/extensions.json': `${JSON.stringify({ recommendations: ['parity.parity'] }, null, 2)}\n`,
  '.vscode/settings.json': `${JSON.stringify(
    {
      'files.associations': { '*.parity': 'parity' },
      '[parity]': { 'editor.formatOnSave': true, 'editor.tabSize': 2, 'editor.insertSpaces': true },
    },
    null,
    2,
  )}\n`,
};
