import { keywords } from 'parity:keywords';
import * as monaco from '@codingame/monaco-vscode-editor-api';
import { LanguageClientWrapper } from 'monaco-languageclient/lcwrapper';
import { MonacoVscodeApiWrapper, type ViewsConfig } from 'monaco-languageclient/vscodeApiWrapper';
import { useWorkerFactory, Worker as WorkerScript } from 'monaco-languageclient/workerFactory';
import { type LibraryFile, libraryUri } from './library-files.js';
import { PARITY_CONFIGURATION, PARITY_LANGUAGE, parityMonarch } from './parity-language.js';

type OpenEditor = NonNullable<ViewsConfig['openEditorFunc']>;

export interface StartedEditor {
  editor: monaco.editor.IStandaloneCodeEditor;
  /** One model per library file, by path, open for the whole session so edits are kept. */
  models: Map<string, monaco.editor.ITextModel>;
  client: LanguageClientWrapper;
}

/**
 * Starts Monaco with the VS Code services monaco-languageclient needs (classic mode: Monarch
 * colouring, no extension host), then the Parity language server in a web worker and the
 * language client that joins them. `open` is asked to show another file when the server answers
 * with one (go to definition, references).
 */
export async function startEditor(options: {
  container: HTMLElement;
  files: readonly LibraryFile[];
  first: string;
  open: (uri: string, selection?: monaco.IRange) => monaco.editor.ICodeEditor | undefined;
}): Promise<StartedEditor> {
  const openEditor: OpenEditor = async (modelRef, editorOptions) => {
    const selection = (editorOptions as { selection?: monaco.IRange } | undefined)?.selection;
    return options.open(modelRef.object.textEditorModel.uri.toString(), selection) as never;
  };
  const api = new MonacoVscodeApiWrapper({
    $type: 'classic',
    viewsConfig: { $type: 'EditorService', htmlContainer: options.container, openEditorFunc: openEditor },
    userConfiguration: {
      json: JSON.stringify({
        'editor.wordBasedSuggestions': 'off',
        'editor.inlayHints.enabled': 'on',
        'editor.codeLens': true,
        'editor.semanticHighlighting.enabled': true,
      }),
    },
    monacoWorkerFactory: () =>
      useWorkerFactory({
        workerLoaders: {
          editorWorkerService: () =>
            new WorkerScript(new URL('./editor.worker.js', import.meta.url), { type: 'module' }),
        },
      }),
  });
  await api.start();

  monaco.languages.register(PARITY_LANGUAGE);
  monaco.languages.setMonarchTokensProvider(PARITY_LANGUAGE.id, parityMonarch(keywords));
  monaco.languages.setLanguageConfiguration(PARITY_LANGUAGE.id, PARITY_CONFIGURATION);
  const models = new Map(
    options.files.map((file) => [
      file.path,
      monaco.editor.createModel(file.text, PARITY_LANGUAGE.id, monaco.Uri.parse(libraryUri(file.path))),
    ]),
  );

  const editor = monaco.editor.create(options.container, {
    model: models.get(options.first) ?? null,
    automaticLayout: true,
    fontSize: 14,
    minimap: { enabled: false },
    fixedOverflowWidgets: true,
    'semanticHighlighting.enabled': true,
  });

  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    type: 'module',
    name: 'Parity language server',
  });
  const client = new LanguageClientWrapper({
    languageId: PARITY_LANGUAGE.id,
    clientOptions: { documentSelector: [PARITY_LANGUAGE.id] },
    // The wrapper speaks LSP over the worker's message port.
    connection: { options: { $type: 'WorkerDirect', worker } },
  });
  await client.start();
  return { editor, models, client };
}
