import { afterAll, describe, expect, it } from 'vitest';
import { must, waitFor } from '../helpers/services.js';
import { startFaultBoard, type FaultBoard } from './fault-board.js';
import { FaultRun } from './fault-run.js';
import { faultCase } from './fault-table.js';
import { refuseWrites } from './mongo-faults.js';
import { descendants, killAll } from './processes.js';

const boards: FaultBoard[] = [];
const runs: FaultRun[] = [];

afterAll(async () => {
  for (const run of runs) await run.close();
  for (const board of boards) await board.close();
});

async function open(
  name: string,
  board: Parameters<typeof startFaultBoard>[0],
  settings?: Parameters<typeof FaultRun.open>[0]['settings'],
): Promise<FaultRun> {
  const started = await startFaultBoard(board);
  boards.push(started);
  const run = await FaultRun.open({ name, board: started, ...(settings ? { settings } : {}) });
  runs.push(run);
  return run;
}

describe('Chromium killed while it takes a screenshot', () => {
  it('takes every flagged ad’s screenshot in a browser launched again', async () => {
    const row = faultCase('4 Chromium killed', 'kill -9 of Chromium while it loads a flagged ad');
    // No worker dies here: locks as long as in production, so that a loaded machine renewing them
    // late stalls no job (Chromium's start-up is heavy).
    const run = await open(
      'chromium',
      { ads: 8, suspicious: [2, 5, 7] },
      { queues: { lockDurationMillis: 30_000, stalledIntervalMillis: 30_000 } },
    );
    const worker = await run.start(['worker']);
    // The crawler fetches /ad/2 first; the second request for it is Chromium's, for the screenshot.
    const held = run.board.hold('/ad/2', 2);
    await run.startRoles([], true);
    await held.reached;
    const browsers = descendants(must(worker.child.pid), /chrom/i);
    expect(killAll(browsers)).toBeGreaterThan(0);
    held.release();

    const screenshots = async (): Promise<number> => {
      const flagged = await run.store.ads.list({ flagged: true, limit: 100 });
      return flagged.filter((ad) => ad.screenshotCaptureId).length;
    };
    const tally = await run.settled('a screenshot of every flagged ad', async () => {
      return (await screenshots()) === 3;
    });
    row.tally(tally);
    expect(tally).toMatchObject({ stored: 8, duplicates: 0, classified: 8, flagged: 3 });
    for (const ad of await run.store.ads.list({ flagged: true })) {
      const shot = must(await run.store.captures.findById(must(ad.screenshotCaptureId)));
      const png = must(await run.store.captures.screenshot(shot));
      expect(png.subarray(1, 4).toString(), ad.url).toBe('PNG');
    }
    const status = await run.status();
    expect(status.queues.crawl, status.text).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    row.fault = `kill -9 of Chromium (${browsers.length} processes) while it loads a flagged ad`;
    row.status = 'queues idle, 0 failed; 3 of 3 screenshots';
  }, 300_000);
});

describe('a GridFS write refused for a large capture', () => {
  it('stores the rest of the batch at once, shows the coded error in status, and the large ad once writes are accepted', async () => {
    const row = faultCase(
      '5 GridFS write refused',
      'MongoDB refuses the GridFS chunks of a 300 KB capture',
    );
    // A 300 KB body goes to GridFS (over 256 KiB). Twelve attempts from 200 ms outlast reading
    // adwatch status however loaded the machine, and the retry after the lift comes soon.
    const run = await open(
      'gridfs',
      { ads: 10, large: { ads: [4], bytes: 300_000 } },
      { queues: { attempts: 12, backoffMillis: 200 } },
    );
    const { config } = run;
    const chunks = await refuseWrites(
      must(config.mongo.uri),
      config.mongo.database,
      'captureFiles.chunks',
    );
    await run.start(['worker']);
    await run.startRoles([], true);
    const largeUrl = must(run.board.urls[3]);
    await waitFor(
      async () => {
        const state = (await run.store.sources.list()).find((s) => s._id === 'board');
        const count = await run.quickCount();
        return count.stored === 9 && state?.lastError?.includes('ADW_STORE_WRITE_FAILED');
      },
      { what: 'nine ads stored and the large capture’s error recorded' },
    );
    const during = await run.status();
    expect(during.text).toContain('ADW_STORE_WRITE_FAILED');
    expect(during.text).toContain(`${largeUrl}: storing`);

    await chunks.lift();
    const tally = await run.settled('the large ad stored once GridFS takes writes again');
    row.tally(tally);
    expect(tally).toMatchObject({ stored: 10, duplicates: 0, classified: 10 });
    const large = must((await run.store.ads.list()).find((ad) => ad.url === largeUrl));
    const capture = must(await run.store.captures.findById(must(large.latestCaptureId)));
    expect(capture.bodyFileId).toBeDefined();
    expect((await run.store.captures.body(capture)).byteLength).toBe(capture.bodyBytes);
    const after = await run.status();
    expect(after.queues.crawl).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    // The errors stay on the source's line (until its next scan succeeds).
    expect(after.text).toContain('ADW_STORE_WRITE_FAILED');
    row.status = 'ADW_STORE_WRITE_FAILED with the ad URL; after: 0 failed';
  }, 300_000);
});
