import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import { interruptedExitCode, parseBatchSize, withBatchInterrupt } from './batch-run.js';
import { CommandExit, type CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore, parseIds } from './evidence.common.js';

interface BackfillOptions {
  batchSize: number;
  after?: string;
  json?: boolean;
}

/** What `adwatch entities backfill` did. */
export interface EntitiesBackfillSummary {
  /** Classified ads to walk when the run started. */
  toScan: number;
  scanned: number;
  /** Ads whose `contacts` changed (links, employer and channel keys added, stale ones removed). */
  adsUpdated: number;
  /** Entity refreshes (one entity refreshed in two batches counts twice). */
  entitiesRefreshed: number;
  lastId: string | null;
  interrupted: boolean;
}

const helpText = `
What it does: walks every classified ad in id order, sets its contact keys (phones, e-mails,
messenger handles, links, Telegram channel, employer) from its stored classification, and
recomputes each entity it carries or carried: first/last seen, sources, ad count, flagged count
and highest score. The classify worker and "adwatch rescore" keep entities up to date; run this
once after upgrading to a version with entities, or to repair them. Running it twice changes
nothing: every figure is recomputed from the ads.

Output: a line per batch on stderr, a summary on stdout (--json: one JSON object); one audit
entry (action "entities_backfill", actor "cli") with the counts.

Stopping and resuming: Ctrl-C finishes the batch in progress and exits with code 130, printing
where it stopped; --after ID resumes after that ad.

Examples:
  npx adwatch entities backfill
  npx adwatch entities backfill --after 3f2a... --batch-size 200 --json`;

/** `adwatch entities ...`: contacts across ads. */
export function registerEntitiesCommand(program: Command, io: CommandIO): void {
  const entities = program
    .command('entities')
    .description('Contacts across ads (phones, e-mails, handles, links, employers).');
  entities
    .command('backfill')
    .description('Create or repair the entities of every stored, classified ad (resumable).')
    .option('--batch-size <n>', 'ads read and written per batch (1-10000)', parseBatchSize, 500)
    .option('--after <id>', 'start after this ad id (as printed when a run is interrupted)')
    .option('--json', 'print the summary as one JSON object on stdout')
    .addHelpText('after', helpText)
    .action((options: BackfillOptions) => runBackfill(options, io));
}

async function runBackfill(options: BackfillOptions, io: CommandIO): Promise<void> {
  const after = options.after === undefined ? undefined : parseIds('--after', [options.after])[0];
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const store = await openCommandStore(config);
  try {
    const summary = await withBatchInterrupt(io, (signal) =>
      backfillEntities(store, after, options.batchSize, signal, io.stderr),
    );
    await store.audit.append({
      actor: 'cli',
      action: 'entities_backfill',
      details: { ...summary, batchSize: options.batchSize, after: after ?? null },
    });
    io.stdout.write(
      options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary),
    );
    if (summary.interrupted) {
      const resume = summary.lastId ? ` --after ${summary.lastId}` : '';
      io.stderr.write(
        `stopped after ${summary.scanned} ads; resume with: npx adwatch entities backfill${resume}\n`,
      );
      throw new CommandExit(interruptedExitCode);
    }
  } finally {
    await store.close();
  }
}

async function backfillEntities(
  store: Store,
  after: string | undefined,
  batchSize: number,
  signal: AbortSignal,
  stderr: Writable,
): Promise<EntitiesBackfillSummary> {
  const summary: EntitiesBackfillSummary = {
    toScan: await store.entities.countBackfill(after),
    scanned: 0,
    adsUpdated: 0,
    entitiesRefreshed: 0,
    lastId: null,
    interrupted: false,
  };
  let position = after;
  for (;;) {
    if (signal.aborted) {
      summary.interrupted = true;
      break;
    }
    const batch = await store.entities.backfillBatch(position, batchSize);
    if (batch.scanned === 0) break;
    summary.scanned += batch.scanned;
    summary.adsUpdated += batch.adsUpdated;
    summary.entitiesRefreshed += batch.entities;
    summary.lastId = batch.lastId;
    position = batch.lastId ?? position;
    stderr.write(
      `backfilled ${summary.scanned}/${summary.toScan} ads (contacts changed: ${summary.adsUpdated})\n`,
    );
  }
  return summary;
}

function formatSummary(s: EntitiesBackfillSummary): string {
  const row = (label: string, value: number): string =>
    `  ${label.padEnd(20)}${String(value).padStart(8)}`;
  return [
    s.interrupted ? 'entities backfill interrupted' : 'entities backfill finished',
    row('ads scanned', s.scanned),
    row('contacts changed', s.adsUpdated),
    row('entities refreshed', s.entitiesRefreshed),
    '',
  ].join('\n');
}
