/**
 * The playground page: the contract library in a list, the open contract in Monaco with the Parity
 * language server running in a web worker, and a panel that evaluates it against a demo feed.
 */

import { library } from 'parity:library';
import * as monaco from '@codingame/monaco-vscode-editor-api';
import { evaluatePanel } from './evaluate-panel.js';
import { fileList } from './file-list.js';
import { libraryPathOf } from './library-files.js';
import { startEditor } from './start-editor.js';

/** The contract shown first: the Bradford CQUIN, which has demo feeds to evaluate against. */
const FIRST = 'demo/bradford-smi-cquin.parity';

/** What the page exposes for scripts and its browser test: the editor and its error markers. */
declare global {
  interface Window {
    parityPlayground?: {
      editor: monaco.editor.IStandaloneCodeEditor;
      openFile(path: string): void;
      /** The messages of the error markers on the open file. */
      errors(): string[];
    };
  }
}

async function main(): Promise<void> {
  const status = document.querySelector<HTMLElement>('#status')!;
  const first = library.some((f) => f.path === FIRST) ? FIRST : (library[0]?.path ?? '');
  let openPath = first;
  let onOpened: (path: string) => void = () => undefined;

  const files = fileList(document.querySelector<HTMLElement>('#files')!, library, (path) => openFile(path));
  const { editor, models } = await startEditor({
    container: document.querySelector<HTMLElement>('#editor')!,
    files: library,
    first,
    open: (uri, selection) => {
      const path = libraryPathOf(uri);
      if (!path) return undefined;
      openFile(path);
      if (selection) {
        editor.setSelection(selection);
        editor.revealRangeInCenter(selection);
      }
      return editor;
    },
  });

  function openFile(path: string): void {
    const model = models.get(path);
    if (!model) return;
    openPath = path;
    if (editor.getModel() !== model) editor.setModel(model);
    files.select(path);
    onOpened(path);
    editor.focus();
  }

  const panel = await evaluatePanel(document.querySelector<HTMLElement>('#evaluate-panel')!, () => ({
    path: openPath,
    source: models.get(openPath)?.getValue() ?? '',
  }));
  onOpened = (path) => panel.fileOpened(path);
  openFile(first);

  const errors = () => {
    const model = editor.getModel();
    if (!model) return [];
    return monaco.editor
      .getModelMarkers({ resource: model.uri })
      .filter((marker) => marker.severity === monaco.MarkerSeverity.Error)
      .map((marker) => marker.message);
  };
  window.parityPlayground = { editor, openFile, errors };
  status.textContent = 'Language server ready: Parity, running in this page';
  document.body.dataset.server = 'ready';
}

main().catch((error) => {
  const status = document.querySelector<HTMLElement>('#status');
  if (status) status.textContent = `The editor did not start: ${String(error)}`;
  document.body.dataset.server = 'failed';
  console.error(error);
});
