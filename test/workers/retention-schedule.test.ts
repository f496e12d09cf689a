import { describe, expect, it } from 'vitest';
import { retentionSchema } from '../../config/index.js';
import { jobIds, registerRetentionSchedule } from '../../workers/index.js';
import { obliterateQueues, silentLogger, testConfig, withTestQueues } from '../helpers/services.js';

describe('the retention schedule', () => {
  it('runs daily at its cron time, never at registration, follows a changed time and goes when enforcement is off', async () => {
    await withTestQueues(testConfig(), async (queues) => {
      try {
        const schedulers = async () =>
          Object.fromEntries(
            (await queues.alerts.getJobSchedulers()).map((s) => [s.key, s.pattern]),
          );
        await registerRetentionSchedule(queues, retentionSchema.parse({}), silentLogger);
        expect(await schedulers()).toEqual({ [jobIds.retentionScheduler()]: '30 3 * * *' });
        // Its first run waits for 03:30 UTC: starting a process deletes nothing.
        expect(await queues.alerts.getJobs(['waiting', 'active'])).toEqual([]);
        const [next] = await queues.alerts.getJobs(['delayed']);
        expect(next?.data).toMatchObject({ kind: 'retention' });
        expect(new Date((next?.timestamp ?? 0) + (next?.opts.delay ?? 0)).toISOString()).toMatch(
          /T03:30:00\.000Z$/,
        );

        await registerRetentionSchedule(
          queues,
          retentionSchema.parse({ cron: '0 2 * * 0' }),
          silentLogger,
        );
        expect(await schedulers()).toEqual({ [jobIds.retentionScheduler()]: '0 2 * * 0' });

        await registerRetentionSchedule(
          queues,
          retentionSchema.parse({ enabled: false }),
          silentLogger,
        );
        expect(await schedulers()).toEqual({});
      } finally {
        await obliterateQueues(queues);
      }
    });
  });

  it('refuses a cron that is not one, and an ad kept for less time than its captures', () => {
    expect(() => retentionSchema.parse({ cron: 'daily' })).toThrow(/is not a cron expression/);
    expect(() =>
      retentionSchema.parse({ untouchedCapturesAfterDays: 120, untouchedAdsAfterDays: 90 }),
    ).toThrow(/an ad cannot go before its captures/);
  });
});
