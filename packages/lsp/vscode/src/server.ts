// The language server as the extension runs it: one CommonJS file, next to the shared contract
// library copied into the extension, so `import "nhs/organisations"` resolves with no set-up.
// Speaks LSP over IPC when VS Code starts it, or over stdio with `node server.cjs --stdio`.

import { join } from 'node:path';
import { startParityLanguageServer } from '../../src/main.js';

// The bundle is CommonJS; the build maps `import.meta.dirname` to its `__dirname` (`out/`).
startParityLanguageServer(join(import.meta.dirname, '..', 'library'));
