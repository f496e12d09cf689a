import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createClassifier, parseTextModel } from '../../classifiers/index.js';
import type { AdwatchConfig } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import {
  createRedisConnection,
  PipelineQueues,
  toLexiconOverride,
  redactRedisUrl,
  rescoreAds,
  storedInstallation,
  type RescoreOptions,
  type RescoreSummary,
} from '../../workers/index.js';
import { liveInstance } from '../runtime/runtime-file.js';
import { interruptedExitCode, parseBatchSize, withBatchInterrupt } from './batch-run.js';
import { CommandExit, type CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore, parseIds } from './evidence.common.js';

interface RescoreCommandOptions {
  all?: boolean;
  batchSize: number;
  after?: string;
  dryRun?: boolean;
  json?: boolean;
  screenshots: boolean;
}

interface ScreenshotQueue {
  queue: NonNullable<RescoreOptions['queueScreenshot']>;
  close(): Promise<void>;
}

const helpText = `
Which ads: every stored ad with a text (title or body), in id order, whose classification was
made by other classifier, model or lexicon versions than the ones in force (the model activated
with "adwatch models" or the dashboard, else the committed one; or that has none);
with --all, every ad with a text (after changing ADWATCH_FLAG_THRESHOLD, for instance).

What is written: the classification, as the classify worker writes it (score, band, flagged,
language, indicators, facts, components, versions, contacts), and previousClassification
{score, flagged, versions, classifiedAt}: the one it replaced, so that a flag that came or went
with an upgrade can be traced. Review status, decisions, notes, assignment and cases are never
touched. An ad whose text changes while it is re-scored is left to the classify worker.
Upgrade (restart) the workers first, or they may keep writing the old classifier's scores.

Output: a line per batch on stderr, a summary on stdout (--json: one JSON object); one audit
entry (action "rescore", actor "cli") with the counts, unless --dry-run.

Screenshots: a flagged ad without a screenshot of its latest text gets a screenshot job
on the crawl queue, as the classify worker does, when Redis is known (REDIS_URL or the running
instance); the crawl workers take it. Otherwise (or with --no-screenshots) none is queued and
the next classification of a changed text of the ad queues it.

Stopping and resuming: Ctrl-C finishes the batch in progress and exits with code 130, printing
where it stopped; a second Ctrl-C stops at once. Running the command again resumes (ads already
re-scored are skipped); --after ID starts after that ad without looking at earlier ones.

Examples:
  npx adwatch rescore --dry-run          # how many ads would change, writing nothing
  npx adwatch rescore                    # re-score what an upgrade made stale
  npx adwatch rescore --all --json       # re-score everything, summary as JSON`;

/** `adwatch rescore`: re-scores stored ads after a classifier, model or lexicon upgrade. */
export function registerRescoreCommand(program: Command, io: CommandIO): void {
  program
    .command('rescore')
    .description(
      "Re-score stored ads whose classification was made by other classifier versions (after an upgrade of the classifier, model or lexicons), keeping analysts' reviews as they are.",
    )
    .option('--all', 're-score every ad with a text, not only those scored by other versions')
    .option('--batch-size <n>', 'ads read and written per batch (1-10000)', parseBatchSize, 500)
    .option('--after <id>', 'start after this ad id (as printed when a run is interrupted)')
    .option('--dry-run', 'count what would change; write nothing, queue nothing')
    .option('--no-screenshots', 'do not queue screenshots of newly flagged ads')
    .option('--json', 'print the summary as one JSON object on stdout')
    .addHelpText('after', helpText)
    .action((options: RescoreCommandOptions) => runRescore(options, io));
}

async function runRescore(options: RescoreCommandOptions, io: CommandIO): Promise<void> {
  const after = options.after === undefined ? undefined : parseIds('--after', [options.after])[0];
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const store = await openCommandStore(config);
  let screenshots: ScreenshotQueue | undefined;
  try {
    // The model activated in the registry (adwatch models), else the committed one: the model
    // the classify workers use.
    const active = await store.models.active();
    const record = active && (await store.models.findById(active._id));
    const classifier = createClassifier({
      flagThreshold: config.classifier.flagThreshold,
      ...(record
        ? { model: parseTextModel(JSON.parse(record.json), `registered model ${record._id}`) }
        : {}),
    });
    if (options.screenshots && config.browser.screenshots && !options.dryRun)
      screenshots = await openScreenshotQueue(config, store, io.stderr);
    // The indicator adjustments and threshold saved in the dashboard, as the workers apply them.
    const inForce = classifier.withOverride(
      toLexiconOverride(await store.lexiconOverrides.active()),
    );
    const summary = await withBatchInterrupt(io, (signal) =>
      rescoreAds({
        store,
        classifier: inForce,
        batchSize: options.batchSize,
        all: options.all === true,
        after,
        dryRun: options.dryRun === true,
        signal,
        queueScreenshot: screenshots?.queue,
        onBatch: (progress) => io.stderr.write(formatProgress(progress)),
      }),
    );
    if (!summary.dryRun) await auditRun(store, summary, options, after);
    io.stdout.write(
      options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary),
    );
    if (summary.interrupted) {
      io.stderr.write(resumeHint(summary, options));
      throw new CommandExit(interruptedExitCode);
    }
  } finally {
    await screenshots?.close();
    await store.close();
  }
}

/**
 * The crawl queue of the running instance (or REDIS_URL), for screenshot jobs; undefined, with a
 * warning, when there is none or it does not answer.
 */
async function openScreenshotQueue(
  config: AdwatchConfig,
  store: Store,
  stderr: Writable,
): Promise<ScreenshotQueue | undefined> {
  const instance = liveInstance(config.dataDir);
  const redisUrl = config.redis.url ?? instance?.redisUrl;
  if (!redisUrl) {
    stderr.write(
      'no running instance and REDIS_URL not set: screenshots of newly flagged ads are not queued\n',
    );
    return undefined;
  }
  const connection = createRedisConnection(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await connection.ping();
  } catch {
    connection.disconnect();
    stderr.write(
      `Redis at ${redactRedisUrl(redisUrl)} does not answer: screenshots of newly flagged ads are not queued\n`,
    );
    return undefined;
  }
  const installation = await storedInstallation(
    store,
    instance?.queuePrefix ?? config.queues.prefix,
  );
  const queues = new PipelineQueues(connection, config, installation);
  return {
    queue: (adId, latestCaptureId) => queues.addScreenshot(adId, latestCaptureId),
    close: async () => {
      await queues.close();
      connection.disconnect();
    },
  };
}

function formatProgress(progress: Readonly<RescoreSummary>): string {
  const verb = progress.dryRun ? 'would rescore' : 'rescored';
  return `${verb} ${progress.rescored}/${progress.toRescore} (flag changes: +${progress.newlyFlagged} −${progress.unflagged})\n`;
}

async function auditRun(
  store: Store,
  summary: RescoreSummary,
  options: RescoreCommandOptions,
  after: string | undefined,
): Promise<void> {
  await store.audit.append({
    actor: 'cli',
    action: 'rescore',
    details: {
      ...summary,
      all: options.all === true,
      batchSize: options.batchSize,
      after: after ?? null,
    },
  });
}

/** The summary for a person. */
export function formatSummary(s: RescoreSummary): string {
  const versions = Object.entries(s.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const head = s.dryRun
    ? 'dry run, nothing written'
    : s.interrupted
      ? 'rescore interrupted'
      : 'rescore finished';
  const row = (label: string, value: number, note = ''): string =>
    `  ${label.padEnd(20)}${String(value).padStart(8)}${note ? `  ${note}` : ''}`;
  return [
    `${head} (${versions})`,
    row('ads scanned', s.scanned),
    row('already current', s.upToDate, 'left as they were'),
    row(s.dryRun ? 'would be rescored' : 'rescored', s.rescored),
    row('newly flagged', s.newlyFlagged),
    row(
      'unflagged',
      s.unflagged,
      s.unflaggedReviewed
        ? `${s.unflaggedReviewed} of them in review or decided: they leave the triage queue`
        : '',
    ),
    row('unchanged', s.unchanged, 'same score and flag'),
    ...(s.skipped ? [row('text changed', s.skipped, 'left to the classify worker')] : []),
    ...(s.dryRun ? [] : [row('screenshots queued', s.screenshotsQueued)]),
    '',
  ].join('\n');
}

function resumeHint(summary: RescoreSummary, options: RescoreCommandOptions): string {
  const left = Math.max(0, summary.toRescore - summary.rescored - summary.skipped);
  const flags = [
    options.all ? ' --all' : '',
    options.dryRun ? ' --dry-run' : '',
    options.screenshots ? '' : ' --no-screenshots',
    summary.lastId ? ` --after ${summary.lastId}` : '',
  ].join('');
  return `stopped after ${summary.rescored} ads (about ${left} left); resume with: npx adwatch rescore${flags}\n`;
}
