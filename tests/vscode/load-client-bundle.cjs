// Loads the extension's client bundle as VS Code would, with a stand-in for the `vscode` module
// the editor supplies, and prints the names the bundle exports.
//   node load-client-bundle.cjs <extension.cjs>

const Module = require('node:module');

// Every member of the stand-in API is a class whose members are classes, so whatever the client
// library reads or extends while it loads exists.
const handler = {
  get: (target, key) => {
    if (!(key in target)) target[key] = new Proxy(class {}, handler);
    return target[key];
  },
};
const api = new Proxy({}, handler);
// Bundlers read a CommonJS module's members through its prototype as well as directly.
const vscode = new Proxy({}, { get: (_, key) => api[key], getPrototypeOf: () => api });

const load = Module._load;
Module._load = function loadWithVscode(request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const extension = require(process.argv[2]);
process.stdout.write(
  JSON.stringify(Object.keys(extension).filter((k) => typeof extension[k] === 'function')),
);
