import { afterAll, describe, expect, it } from 'vitest';
import type { CliProcess } from '../helpers/cli.js';
import { startFaultBoard, type FaultBoard } from './fault-board.js';
import { FaultRun } from './fault-run.js';
import { faultCase, type FaultCase } from './fault-table.js';

/**
 * The graceful-stop bound the docs state (queues.stopGraceMillis, 20 s by default) is a setting;
 * these cases set it small (or huge) and use generous timeouts on the wait for the exit, never an
 * asserted duration.
 */
const boards: FaultBoard[] = [];
const runs: FaultRun[] = [];

afterAll(async () => {
  for (const run of runs) await run.close();
  for (const board of boards) await board.close();
});

/** A board of one batch (10 ads) whose fifth page the crawl worker is fetching when signalled. */
async function signalledWorker(
  name: string,
  stopGraceMillis: number,
): Promise<{ board: FaultBoard; run: FaultRun; worker: CliProcess; release: () => void }> {
  const board = await startFaultBoard({ ads: 10 });
  boards.push(board);
  const run = await FaultRun.open({
    name,
    board,
    settings: {
      queues: { stopGraceMillis },
      // A held page must not end by the fetch's own timeout while the test waits.
      crawler: { requestTimeoutMillis: 300_000, firstByteTimeoutMillis: 300_000 },
    },
  });
  runs.push(run);
  const worker = await run.start(['worker']);
  const held = board.hold('/ad/5');
  await run.startRoles([], true);
  await held.reached;
  return { board, run, worker, release: held.release };
}

/** The exit code, or a failure when the process is still running after timeoutMillis. */
function exitWithin(child: CliProcess, timeoutMillis: number): Promise<number | null> {
  return Promise.race([
    child.exited,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`still running ${timeoutMillis} ms after the signal`)),
        timeoutMillis,
      ).unref(),
    ),
  ]);
}

/**
 * Workers for every queue in this process take over what the stopped worker left; then every ad
 * is stored once and classified, and adwatch status shows no job active or failed.
 */
async function finishElsewhere(run: FaultRun, row: FaultCase, what: string): Promise<void> {
  await run.startRoles(['crawl', 'extract', 'classify', 'link', 'alerts']);
  const tally = await run.settled(what);
  row.tally(tally);
  expect(tally).toMatchObject({ stored: 10, duplicates: 0, classified: 10 });
  const status = await run.status();
  expect(status.queues.crawl).toMatchObject({ active: 0, failed: 0 });
  row.status = 'queues idle, 0 failed';
}

describe('adwatch worker on SIGTERM', () => {
  it('finishes the job in hand and exits 0', async () => {
    const row = faultCase('6a SIGTERM, graceful', 'SIGTERM while a batch is at page 5 of 10');
    const { run, worker, release } = await signalledWorker('term', 60_000);
    worker.child.kill('SIGTERM');
    await worker.waitForOutput(/SIGTERM: stopping \(active jobs get up to 60 s/);
    release();
    expect(await exitWithin(worker, 60_000)).toBe(0);
    // The batch was finished by the stopped worker itself: its ten pages are stored.
    expect((await run.quickCount()).stored).toBe(10);
    await finishElsewhere(run, row, 'the stopped worker’s ads classified');
  }, 240_000);

  it('stops after the grace period when the job does not finish, and another worker takes it over', async () => {
    const row = faultCase(
      '6b SIGTERM, grace over',
      'SIGTERM while a page never answers (grace 1 s)',
    );
    const { run, worker, release } = await signalledWorker('grace', 1_000);
    worker.child.kill('SIGTERM');
    // The page still hangs: the worker leaves the batch to its lock and ends within the bound.
    expect(await exitWithin(worker, 60_000)).toBe(0);
    expect(worker.output()).toMatch(/stopping with jobs unfinished/);
    expect((await run.quickCount()).stored).toBe(0);
    release();
    await finishElsewhere(run, row, 'the abandoned batch taken over');
  }, 240_000);

  it('stops at once on a second signal, exit code 130', async () => {
    const row = faultCase(
      '6c SIGTERM then SIGINT',
      'a second signal while a page never answers (grace 10 min)',
    );
    const { run, worker, release } = await signalledWorker('twice', 600_000);
    worker.child.kill('SIGTERM');
    await worker.waitForOutput(/SIGTERM: stopping/);
    worker.child.kill('SIGINT');
    // Far less than the ten minutes' grace: the second signal did not wait for the job.
    expect(await exitWithin(worker, 30_000)).toBe(130);
    release();
    await finishElsewhere(run, row, 'the interrupted batch taken over');
  }, 240_000);
});
