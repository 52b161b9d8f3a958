import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      // The popup's components, rendered in happy-dom through the mock connector.
      { esbuild: { jsx: 'automatic', jsxImportSource: 'preact' }, test: { name: 'components', include: ['tests/components/**/*.test.tsx'], environment: 'happy-dom' } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // The extension publishes after a short delay and a cold worker is slower: poll patiently.
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 60_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
