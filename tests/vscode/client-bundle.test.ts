import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const CLIENT = join(import.meta.dirname, '../../packages/lsp/vscode/out/extension.cjs');

test('the client bundle loads as CommonJS with vscode left to the editor, and exports activate and deactivate', () => {
  const exported = execFileSync(
    process.execPath,
    [join(import.meta.dirname, 'load-client-bundle.cjs'), CLIENT],
    {
      encoding: 'utf8',
    },
  );
  expect(JSON.parse(exported).sort()).toEqual(['activate', 'deactivate']);
});
