import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets its own process: the Go and tree-sitter WebAssembly runtimes keep
    // global state, and CLI tests spawn processes of their own.
    pool: 'forks',
  },
});
