import { URI } from 'langium';
import type { LibraryLoader } from '../src/workspace-manager.js';
import { type LibraryFile, libraryUri } from './library-files.js';

/**
 * The contract library bundled into the page, as built-in documents for the workspace, so imports
 * such as `import "nhs/measures/smi"` resolve with no file system. A file the editor has opened
 * already keeps the editor's text (the workspace manager skips URIs it holds).
 */
export function bundledLibrary(files: readonly LibraryFile[]): LibraryLoader {
  return async () => files.map((file) => ({ uri: URI.parse(libraryUri(file.path)), text: file.text }));
}
