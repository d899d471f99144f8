import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'dsl', include: ['test/**/*.test.ts'] } });
