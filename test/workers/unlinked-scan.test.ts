import { describe, expect, inject, it } from 'vitest';
import {
  createRedisConnection,
  PipelineQueues,
  queueUnlinkedAds,
  unlinkedScanEveryMillis,
} from '../../workers/index.js';
import { testClassification } from '../helpers/seed.js';
import { openTestStore, testConfig } from '../helpers/services.js';

describe('the look for ads not linked yet, at a link worker start', () => {
  it('queues every classified ad not linked: one worker of those starting, at most once a day, and again after Redis lost its data', async () => {
    const config = testConfig();
    const store = await openTestStore(config);
    const connection = createRedisConnection(inject('redisUrl'));
    const queues = new PipelineQueues(connection, config);
    try {
      for (let i = 0; i < 3; i++) {
        const saved = await store.ads.saveExtracted({
          sourceId: 'board',
          url: `https://jobs.example.am/ads/${i}`,
          ad: { title: `Ad ${i}`, body: `Job number ${i} in Yerevan, call +374 91 00000${i}` },
          seenAt: new Date(Date.UTC(2026, 0, 1 + i)),
        });
        await store.ads.saveClassification(saved.adId, testClassification(saved.contentHash, 50));
      }
      // Stored but not classified yet: its classify job links it later.
      await store.ads.saveExtracted({
        sourceId: 'board',
        url: 'https://jobs.example.am/ads/unclassified',
        ad: { title: 'Waiting', body: 'Not classified yet' },
        seenAt: new Date(Date.UTC(2026, 0, 9)),
      });

      // Two link workers starting at once: one looks (in pages of two, past the first page).
      const looks = await Promise.all([
        queueUnlinkedAds(store, queues, 2),
        queueUnlinkedAds(store, queues, 2),
      ]);
      expect(looks.sort()).toEqual([3, null]);
      expect(await queues.link.getWaitingCount()).toBe(3);

      // Another worker starting now does not read every ad again.
      expect(await queueUnlinkedAds(store, queues, 2)).toBeNull();
      const ttl = await connection.pttl(queues.link.toKey('unlinked-scan'));
      expect(ttl).toBeGreaterThan(unlinkedScanEveryMillis - 60_000);
      expect(ttl).toBeLessThanOrEqual(unlinkedScanEveryMillis);

      // A Redis that lost its data lost the link jobs and the mark with them: the next start looks
      // again (the mark is gone as it would be; the jobs too).
      await queues.link.obliterate({ force: true });
      await connection.del(queues.link.toKey('unlinked-scan'));
      expect(await queueUnlinkedAds(store, queues, 2)).toBe(3);
      expect(await queues.link.getWaitingCount()).toBe(3);
    } finally {
      await queues.link.obliterate({ force: true });
      await connection.del(queues.link.toKey('unlinked-scan'));
      await queues.close();
      connection.disconnect();
      await store.dropDatabase();
      await store.close();
    }
  });
});
