import { afterAll, describe, expect, it } from 'vitest';
import { must, waitFor } from '../helpers/services.js';
import { startFaultBoard, type FaultBoard } from './fault-board.js';
import { FaultRun } from './fault-run.js';
import { faultCase } from './fault-table.js';
import { refuseWrites } from './mongo-faults.js';

let board: FaultBoard | undefined;
let run: FaultRun | undefined;

afterAll(async () => {
  await run?.close();
  await board?.close();
});

describe('worker processes killed with kill -9 in the middle of a batch', () => {
  it('loses no ad and stores none twice when the crawl, extract and classify workers die mid-batch', async () => {
    const row = faultCase(
      '1 kill -9 mid-batch',
      'kill -9 of the crawl, extract and classify workers',
    );
    board = await startFaultBoard({ ads: 30 });
    run = await FaultRun.open({
      name: 'kill',
      board,
      settings: { queues: { concurrency: { crawl: 4, extract: 2, classify: 2 } } },
    });
    const { config } = run;
    const database = config.mongo.database;
    // While the ads collection refuses writes, crawl jobs keep their captures and hand every page
    // to the extract queue: so extract jobs exist to be killed in the middle of.
    const adWrites = await refuseWrites(must(config.mongo.uri), database, 'ads');
    const [crawler, extractor, classifier] = await Promise.all([
      run.start(['worker', '--queues', 'crawl']),
      run.start(['worker', '--queues', 'extract']),
      run.start(['worker', '--queues', 'classify']),
    ]);
    // Held back (frozen) until their queues have a batch waiting.
    extractor.child.kill('SIGSTOP');
    classifier.child.kill('SIGSTOP');

    // Crawl: the third batch stops at its fifth page; its four pages before are fetched, not stored.
    const held = board.hold('/ad/25');
    await run.startRoles([], true);
    await held.reached;
    await waitFor(async () => (await run?.counts())?.extract.waiting === 20, {
      what: 'the first two batches handed to the extract queue',
    });
    await run.kill9(crawler);
    held.release();
    await run.startRoles(['crawl']);
    await waitFor(
      async () => {
        const counts = await run?.counts();
        return counts?.extract.waiting === 30 && counts.crawl.active + counts.crawl.waiting === 0;
      },
      { what: 'the killed batch taken over and all 30 pages captured' },
    );

    // Extract: the ads collection takes writes again; the extractor dies with jobs in hand.
    await adWrites.lift();
    extractor.child.kill('SIGCONT');
    const extractAtKill = await run.freezeMidBatch(extractor, 'extract');
    await run.kill9(extractor);
    await run.startRoles(['extract']);
    await waitFor(
      async () => {
        const counts = must(await run?.counts());
        if (counts.classify.waiting === 30) return true;
        throw new Error(JSON.stringify(counts));
      },
      { what: 'every ad extracted and waiting for classification' },
    );

    // Classify: the same, with the classify worker.
    classifier.child.kill('SIGCONT');
    const classifyAtKill = await run.freezeMidBatch(classifier, 'classify');
    await run.kill9(classifier);
    await run.startRoles(['classify', 'link', 'alerts']);

    const tally = await run.settled('every ad stored and classified after the kills');
    row.tally(tally);
    row.fault =
      `kill -9: crawl worker at page 25 of 30, extract worker after ${extractAtKill.completed}/30 ` +
      `(${extractAtKill.active} in hand), classify worker after ${classifyAtKill.completed}/30 ` +
      `(${classifyAtKill.active} in hand)`;
    expect(extractAtKill.completed).toBeLessThan(30);
    expect(classifyAtKill.completed).toBeLessThan(30);
    expect(tally).toMatchObject({ stored: 30, duplicates: 0, classified: 30, missing: [] });

    const status = await run.status();
    for (const queue of ['crawl', 'extract', 'classify'])
      expect(status.queues[queue], queue).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    // The only delayed crawl job is the source's next scheduled scan.
    expect(status.queues.crawl?.delayed).toBe(1);
    expect(status.text).toMatch(/Store\s+30 ads/);
    expect(status.text).toMatch(/board\s+last scan \S+\s+ok/);
    row.status = 'queues idle, 0 failed, 30 ads, source ok';
  }, 300_000);
});
