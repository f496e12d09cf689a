import { InvalidArgumentError, type Command } from 'commander';
import type { RetentionConfig } from '../../config/index.js';
import {
  runRetention,
  type RetentionRuleSummary,
  type RetentionSummary,
} from '../../workers/index.js';
import { interruptedExitCode, withBatchInterrupt } from './batch-run.js';
import { CommandExit, type CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore } from './evidence.common.js';
import { ConfigError } from '../../core/index.js';

interface ReportOptions {
  json?: boolean;
  at?: Date;
}

interface RunOptions {
  json?: boolean;
  dryRun?: boolean;
}

const policyHelp = `
Rules (config "retention", see config/adwatch.example.yaml), applied in this order:
  untouched-ads            ads classified, never flagged and never reviewed, not seen for
                           untouchedAdsAfterDays (365): deleted whole, captures included
  untouched-captures       the same ads not seen for untouchedCapturesAfterDays (90): raw
                           captures and screenshots deleted; text, score and hashes kept
  dismissed-personal-data  ads dismissed dismissedPersonalDataAfterDays (180) ago: contacts
                           masked, contact facts and earlier texts dropped, captures deleted
Held, whatever the rules say: ads under legal hold (set on the ad page by a supervisor), ads in
a case; ads of a campaign are not deleted whole (their captures go).`;

const reportHelp = `${policyHelp}

Output: per rule the ads due now, the oldest of them (last seen, or dismissed), their captures,
screenshots and bytes, and the ads held (legal hold / case / campaign); then every legal hold
with its reason and every case. --json prints the same as one JSON object. Writes nothing.

Examples:
  npx adwatch retention report
  npx adwatch retention report --at 2027-01-01 --json`;

const runHelp = `${policyHelp}

The scheduled job does this every day at retention.cron (UTC) when retention.enabled is true;
this runs it now. --dry-run counts what would go and writes nothing (the same figures as
"retention report"). A run writes one audit entry (action "retention_run", actor "cli") with the
counts per rule. Ctrl-C stops after the batch in progress (exit code 130); run it again to finish.

Examples:
  npx adwatch retention run --dry-run
  npx adwatch retention run --json`;

/** `adwatch retention ...`: the retention policy's state and its enforcement. */
export function registerRetentionCommand(program: Command, io: CommandIO): void {
  const retention = program
    .command('retention')
    .description(
      'What the retention policy deletes and keeps: a report, and a run (dry or real) of it.',
    );
  retention
    .command('report')
    .description(
      'Show what the next retention run would delete or reduce, by rule, and what is held and why.',
    )
    .option('--at <date>', 'as it would stand at this date (ISO 8601) instead of now', parseDate)
    .option('--json', 'print the report as one JSON object on stdout')
    .addHelpText('after', reportHelp)
    .action((options: ReportOptions) => report(options, io));
  retention
    .command('run')
    .description('Apply the retention policy now (audited); --dry-run only counts.')
    .option('--dry-run', 'count what would be deleted or reduced; write nothing')
    .option('--json', 'print the summary as one JSON object on stdout')
    .addHelpText('after', runHelp)
    .action((options: RunOptions) => run(options, io));
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('give a date in ISO 8601, e.g. 2027-01-01 or 2027-01-01T03:30Z');
  return date;
}

async function report(options: ReportOptions, io: CommandIO): Promise<void> {
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const store = await openCommandStore(config);
  try {
    const summary = await runRetention({
      store,
      policy: config.retention,
      now: options.at ?? new Date(),
      dryRun: true,
    });
    io.stdout.write(
      options.json ? toJson(summary) : formatSummary(summary, config.retention, 'report'),
    );
  } finally {
    await store.close();
  }
}

async function run(options: RunOptions, io: CommandIO): Promise<void> {
  const { config, file } = commandSetup(io, { logLevel: 'silent' });
  if (!config.retention.enabled && !options.dryRun) {
    throw new ConfigError(
      `retention.enabled is false${file ? ` in ${file}` : ''}: enforcement is off, nothing is deleted. Set it to true to enforce the policy, or use --dry-run to see what it would do`,
    );
  }
  const store = await openCommandStore(config);
  try {
    const summary = await withBatchInterrupt(io, (signal) =>
      runRetention({
        store,
        policy: config.retention,
        now: new Date(),
        dryRun: options.dryRun === true,
        actor: 'cli',
        signal,
        onBatch: (progress, dryRun) => io.stderr.write(progressLine(progress, dryRun)),
      }),
    );
    io.stdout.write(
      options.json
        ? toJson(summary)
        : formatSummary(summary, config.retention, summary.dryRun ? 'dry run' : 'run'),
    );
    if (summary.interrupted) {
      io.stderr.write('stopped after a batch; run "adwatch retention run" again to finish\n');
      throw new CommandExit(interruptedExitCode);
    }
  } finally {
    await store.close();
  }
}

function progressLine(progress: Readonly<RetentionRuleSummary>, dryRun: boolean): string {
  return `${progress.rule}: ${progress.ads} ads ${dryRun ? 'due' : 'done'}, ${progress.captures} captures\n`;
}

function toJson(summary: RetentionSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Legal holds listed in the text report; --json has them all. */
const listedHolds = 50;

const headings = {
  report: 'due now',
  'dry run': 'would go',
  run: 'done',
} as const;

/** The summary as a table, one row per rule, then the holds. */
export function formatSummary(
  s: RetentionSummary,
  policy: RetentionConfig,
  kind: keyof typeof headings,
): string {
  const enforcement = policy.enabled
    ? `enforced daily at "${policy.cron}" UTC`
    : 'enforcement off (retention.enabled: false)';
  const title =
    kind === 'report'
      ? `retention report at ${s.now.toISOString()} (${enforcement})`
      : `retention ${kind} at ${s.now.toISOString()}${s.interrupted ? ' (interrupted)' : ''}`;
  const columns = [
    'rule'.padEnd(25),
    'after'.padStart(7),
    headings[kind].padStart(9),
    'oldest'.padStart(12),
    'captures'.padStart(9),
    'screens'.padStart(8),
    'bytes'.padStart(12),
    '  held: legal hold / case / campaign',
  ].join('');
  const rows = s.rules.map((r) =>
    [
      r.rule.padEnd(25),
      `${r.afterDays} d`.padStart(7),
      String(r.ads).padStart(9),
      (r.oldest ? r.oldest.toISOString().slice(0, 10) : '-').padStart(12),
      String(r.captures).padStart(9),
      String(r.screenshots).padStart(8),
      String(r.bytes).padStart(12),
      `  ${r.held['legal-hold']} / ${r.held.case} / ${r.held.campaign}`,
      r.skipped ? `  (${r.skipped} left: changed meanwhile)` : '',
    ].join(''),
  );
  const holds = [
    `legal holds: ${s.legalHolds.length}`,
    ...s.legalHolds
      .slice(0, listedHolds)
      .map(
        (h) =>
          `  ${h.adId}  by ${h.hold.by} on ${h.hold.at.toISOString().slice(0, 10)}: ${h.hold.reason}  (${h.title.slice(0, 60)})`,
      ),
    ...(s.legalHolds.length > listedHolds
      ? [`  ... and ${s.legalHolds.length - listedHolds} more (--json lists them all)`]
      : []),
    `cases: ${s.cases.length} (${s.cases.reduce((n, c) => n + c.ads, 0)} ads, never deleted or reduced)`,
    ...s.cases.map((c) => `  ${c.caseId}  ${c.name}: ${c.ads} ads`),
  ];
  return [title, columns, ...rows, '', ...holds, ''].join('\n');
}
