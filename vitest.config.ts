import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/helpers/sequencer.js';

/** Suites that need no service: no Redis, no MongoDB, no Chromium, no global set-up. */
const unitTests = [
  'test/classifiers/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/cli/command-line.test.ts',
  'test/dashboard/login-throttle.test.ts',
  'test/dashboard/ui/**/*.test.ts',
  'test/demo-boards.test.ts',
  'test/deploy/compose.test.ts',
  'test/deploy/systemd.test.ts',
];
/** Suites that drive the dashboard in Chromium. */
const e2eTests = ['test/e2e/**/*.test.ts'];
/** Long measurements: the 500-ad export's memory, the whole demo through the whole pipeline. */
const slowTests = ['test/evidence/memory.test.ts', 'test/pipeline/demo-pipeline.test.ts'];
/** The fault suite (docs/faults.md) kills and restarts services and processes. */
const faultTests = ['test/faults/**/*.test.ts'];

const services = ['test/helpers/global-setup.ts'];

/**
 * `npm test` runs every project, as CI does; `npm run test:unit` only the suites that need no
 * service; `npm run test:quick` everything but the slow and fault projects.
 *
 * The unit, integration and e2e files share their worker's module cache (`isolate: false`):
 * loading the product's modules through the TypeScript transform again for each of about 120
 * files took more of the run than most tests (import 220 s of the integration project's 416 s).
 * Each file still runs in its own module scope, and opens its own services, database and queue
 * prefix (test/helpers/services.ts); the slow and fault projects, which start and kill processes,
 * stay isolated.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real mongod and Chromium processes; two cores cannot run many at once.
    maxWorkers: 2,
    // The files that take minutes start first (test/helpers/sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: unitTests, isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        // Real Redis and MongoDB, started once for the project (test/helpers/global-setup.ts).
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            ...unitTests,
            ...e2eTests,
            ...slowTests,
            ...faultTests,
          ],
          isolate: false,
          globalSetup: services,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: e2eTests,
          isolate: false,
          globalSetup: services,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: slowTests,
          globalSetup: services,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // After every other project has finished, on its own (`npm run test:faults` runs only it).
        extends: true,
        test: {
          name: 'faults',
          include: faultTests,
          globalSetup: [...services, 'test/faults/fault-table.setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
