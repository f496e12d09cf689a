import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoModels } from '../../bin/runtime/demo-models.js';
import type { Store } from '../../store/index.js';
import { listModels } from '../../workers/index.js';
import { openTestStore, silentLogger, testConfig } from '../helpers/services.js';

describe('the demo model registry', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore(testConfig());
  });

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
  });

  it('shows the committed model in force and one candidate with figures, registered once', async () => {
    await seedDemoModels(store, silentLogger);
    await seedDemoModels(store, silentLogger);
    const models = await listModels(store);
    expect(models.map((m) => [m.status, m.inForce])).toEqual([
      ['active', true],
      ['candidate', false],
    ]);
    expect(models[1]?.figures).toHaveProperty('heldOut.precision');
    expect(models[1]?.registered.by).toBe('demo');
  });
});
