import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../config/index.js';
import { jobIds, registerSchedules } from '../../workers/index.js';
import { obliterateQueues, silentLogger, testConfig, withTestQueues } from '../helpers/services.js';

function source(id: string, extra: Record<string, unknown> = {}) {
  return sourceSchema.parse({
    id,
    type: 'http',
    listingUrls: [`https://jobs.example/${id}`],
    adLinkSelector: 'a',
    detail: { title: 'h1', body: 'main' },
    schedule: 'every 30 minutes',
    ...extra,
  });
}

describe('scan schedules', () => {
  it('registers one per enabled source, updates a changed one, and removes those of sources no longer configured', async () => {
    await withTestQueues(testConfig(), async (queues) => {
      try {
        const first = await registerSchedules(
          queues,
          [source('board-a'), source('board-b'), source('paused', { enabled: false })],
          silentLogger,
        );
        expect(first.sort()).toEqual([
          jobIds.scanScheduler('board-a'),
          jobIds.scanScheduler('board-b'),
        ]);
        const schedulers = async () =>
          Object.fromEntries(
            (await queues.crawl.getJobSchedulers()).map((s) => [s.key, s.every ?? s.pattern]),
          );
        expect(await schedulers()).toEqual({
          [jobIds.scanScheduler('board-a')]: 30 * 60_000,
          [jobIds.scanScheduler('board-b')]: 30 * 60_000,
        });

        // board-b is dropped from the configuration, board-a now runs on a cron pattern.
        await registerSchedules(
          queues,
          [source('board-a', { schedule: '0 */2 * * *' }), source('board-c')],
          silentLogger,
        );
        expect(await schedulers()).toEqual({
          [jobIds.scanScheduler('board-a')]: '0 */2 * * *',
          [jobIds.scanScheduler('board-c')]: 30 * 60_000,
        });
        const scanJobs = await queues.crawl.getJobs(['delayed', 'waiting', 'prioritized']);
        expect(scanJobs.map((job) => job.data)).not.toContainEqual(
          expect.objectContaining({ sourceId: 'board-b' }),
        );

        // Registering the same sources again changes nothing.
        await registerSchedules(
          queues,
          [source('board-a', { schedule: '0 */2 * * *' }), source('board-c')],
          silentLogger,
        );
        expect(Object.keys(await schedulers())).toHaveLength(2);
      } finally {
        await obliterateQueues(queues);
      }
    });
  });
});
