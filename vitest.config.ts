import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fault suite kills and restarts services and processes: `npm run test:faults`
    // (vitest.faults.config.ts) runs it on its own.
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real mongod and Chromium processes; two cores cannot run many at once.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
