import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, startEmbeddedMongod } from '../../store/index.js';
import { silentLogger } from '../helpers/services.js';

const dbPath = mkdtempSync(join(tmpdir(), 'adwatch-mongod-'));

afterAll(() => rmSync(dbPath, { recursive: true, force: true }));

describe('embedded mongod', () => {
  it('keeps its data across a restart, even when its old port is taken', async () => {
    const first = await startEmbeddedMongod({ dbPath, logger: silentLogger });
    let store = await openStore({ uri: first.uri, database: 'restart' });
    const saved = await store.ads.saveExtracted({
      sourceId: 's',
      url: 'https://example.org/1',
      ad: { title: 't', body: 'b' },
      seenAt: new Date(),
    });
    await store.close();
    await first.stop();

    // Occupy the previous port so the restart must move and repair the replica-set config.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(first.port, '127.0.0.1', resolve));
    const second = await startEmbeddedMongod({ dbPath, logger: silentLogger });
    try {
      expect(second.port).not.toBe(first.port);
      store = await openStore({ uri: second.uri, database: 'restart' });
      expect((await store.ads.findById(saved.adId))?.title).toBe('t');
      // Transactions need a working replica set.
      await expect(store.ads.count()).resolves.toBe(1);
      await store.close();
    } finally {
      await second.stop();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('reports why mongod could not start', async () => {
    const file = join(dbPath, 'not-a-dir');
    writeFileSync(file, 'x');
    await expect(
      startEmbeddedMongod({ dbPath: join(file, 'mongo'), logger: silentLogger }),
    ).rejects.toThrow();
  });
});
