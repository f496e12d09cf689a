import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real mongod and Chromium processes; two cores cannot run many at once.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/faults/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The fault suite (docs/faults.md) kills and restarts services and processes: it runs
        // after every other suite has finished, on its own (`npm run test:faults` runs only it).
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts', 'test/faults/fault-table.setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
