/// <reference lib="webworker" />
/**
 * The Parity language server in a web worker: the same services as over stdio, speaking LSP over
 * the worker's message port, with the contract library built in instead of a file system.
 */

import { library } from 'parity:library';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createParityLspServices } from '../src/parity-lsp-module.js';
import { bundledLibrary } from './built-in-library.js';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const { shared } = createParityLspServices({ connection, ...EmptyFileSystem }, bundledLibrary(library));
startLanguageServer(shared);
