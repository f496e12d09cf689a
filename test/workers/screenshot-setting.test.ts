import { describe, expect, it } from 'vitest';
import { jobIds } from '../../workers/index.js';
import { obliterateQueues, testConfig, withTestQueues } from '../helpers/services.js';

describe('browser.screenshots', () => {
  it('queues the screenshot of a flagged ad by default, and none when turned off', async () => {
    const screenshotJob = async (on: boolean) =>
      withTestQueues(testConfig({ browser: { screenshots: on } }), async (queues) => {
        try {
          await queues.addScreenshot('ad-1', 'capture-1');
          return queues.crawl.getJob(queues.crawl.scopedId(jobIds.screenshot('ad-1', 'capture-1')));
        } finally {
          await obliterateQueues(queues);
        }
      });
    expect(testConfig().browser.screenshots).toBe(true);
    expect((await screenshotJob(true))?.data).toEqual({ kind: 'screenshot', adId: 'ad-1' });
    expect(await screenshotJob(false)).toBeUndefined();
  });
});
