import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/faults/fault-table.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real mongod and Chromium processes; two cores cannot run many at once.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
