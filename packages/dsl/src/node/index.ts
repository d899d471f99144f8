/** The language's Node side: reading contract files and the shared library from disk. */
export { declaredPackages, LIBRARY_DIR, packageOf, readLibrary } from './library.js';
export { readSources } from './read-sources.js';
