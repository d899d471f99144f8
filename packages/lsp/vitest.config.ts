import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'lsp', include: ['test/**/*.test.ts'], testTimeout: 60000 } });
