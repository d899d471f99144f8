/** One file of the contract library: its path under `contracts/` and its text. */
export interface LibraryFile {
  path: string;
  text: string;
}

/** Where a library file lives in the editor and the language server: `file:///contracts/<path>`. */
export function libraryUri(path: string): string {
  return `file:///contracts/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The library path of an editor URI, or undefined when it is not a library file. */
export function libraryPathOf(uri: string): string | undefined {
  const prefix = 'file:///contracts/';
  return uri.startsWith(prefix)
    ? uri.slice(prefix.length).split('/').map(decodeURIComponent).join('/')
    : undefined;
}
