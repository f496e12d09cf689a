import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DEFAULT_MODEL_PATH,
  loadTextModel,
  readEmscad,
  serialiseDecisionsModel,
  trainFromDecisions,
  type DecisionExample,
  type DecisionsModelFile,
} from '../../classifiers/index.js';
import { InputError } from '../../core/index.js';
import { classifiedText, ReviewStatus, type LabelledDecision } from '../../store/index.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore } from './evidence.common.js';

export interface TrainFromDecisionsOptions {
  out: string;
  since?: string;
  emscad?: string;
  base?: string;
  json?: boolean;
}

/** A stored decision as a training example: confirmed = risky (1), dismissed = not (0). */
export function toExample(row: LabelledDecision): DecisionExample {
  return {
    id: row._id,
    title: row.title,
    text: classifiedText(row),
    lang: row.lang,
    label: row.decision === ReviewStatus.Confirmed ? 1 : 0,
    decidedAtMillis: row.at.getTime(),
    reviewer: row.user,
  };
}

function readBytes(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`${option} ${path}: cannot read it.`, { cause: error });
  }
}

function parseSince(since: string | undefined): Date | undefined {
  if (since === undefined) return undefined;
  const date = new Date(since);
  if (!/^\d{4}-\d{2}-\d{2}/u.test(since) || Number.isNaN(date.getTime()))
    throw new InputError(
      `--since "${since}" is not a date (e.g. 2026-01-31 or 2026-01-31T12:00Z).`,
    );
  return date;
}

/** `adwatch train --from-decisions`: trains on the running instance's reviewed ads. */
export async function runTrainFromDecisions(
  options: TrainFromDecisionsOptions,
  io: CommandIO,
): Promise<void> {
  const since = parseSince(options.since);
  // Everything that can fail on the command line fails before the database is opened.
  const base = loadTextModel(options.base ?? DEFAULT_MODEL_PATH);
  let emscad: { ads: ReturnType<typeof readEmscad>; sha256: string } | undefined;
  if (options.emscad !== undefined) {
    const bytes = readBytes('--emscad', options.emscad);
    emscad = {
      ads: readEmscad(bytes.toString('utf8'), options.emscad),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  }
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const store = await openCommandStore(config);
  let rows: LabelledDecision[];
  try {
    rows = await store.decisionStats.labelledDecisions(since ? { from: since } : {});
  } finally {
    await store.close();
  }
  const model = trainFromDecisions({
    decisions: rows.map(toExample),
    ...(emscad ? { emscad } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
    base,
  });
  writeFileSync(options.out, serialiseDecisionsModel(model));
  if (options.json) {
    const { weights, ...summary } = model;
    io.stdout.write(
      `${JSON.stringify({ out: options.out, ...summary, weightCount: weights.length }, null, 2)}\n`,
    );
  } else io.stdout.write(formatReport(options.out, model));
}

const figure = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');

/** The report printed without --json: data, reviewers, routing with reasons, hold-out figures. */
export function formatReport(out: string, model: DecisionsModelFile): string {
  const lines: string[] = [];
  const { trainingData: data, heldOut } = model;
  lines.push(`wrote ${out}: ${model.version} (${model.weights.length} weights)`);
  lines.push(
    `decisions: ${data.decisions}${data.since ? ` since ${data.since}` : ''}` +
      (data.emscad ? `; EMSCAD: ${data.emscad.rows} ads (${data.emscad.positives} scams)` : ''),
  );
  for (const [lang, c] of Object.entries(data.counts))
    lines.push(`  ${lang}: ${c.confirmed} confirmed, ${c.dismissed} dismissed`);
  lines.push('reviewers (share of decisions, training weight of each):');
  for (const r of data.reviewers)
    lines.push(
      `  ${r.reviewer}: ${r.decisions} (${(100 * r.share).toFixed(1)}%), weight ${r.weight}`,
    );
  lines.push('languages:');
  for (const [lang, route] of Object.entries(model.languages))
    lines.push(
      `  ${lang}: ${route.model === 'candidate' ? 'candidate' : `current model (${route.reason ?? ''})`}`,
    );
  lines.push(
    `held out: the newest ${heldOut.decisions} decisions${heldOut.from ? `, decided from ${heldOut.from}` : ''} (threshold: probability 0.5)`,
  );
  for (const [lang, f] of Object.entries(heldOut.byLang))
    lines.push(
      `  ${lang} n=${f.candidate.n} (${f.candidate.positives} confirmed): candidate P ${figure(f.candidate.precision)} R ${figure(f.candidate.recall)} AUC ${figure(f.candidate.rocAuc)}; current P ${figure(f.base.precision)} R ${figure(f.base.recall)} AUC ${figure(f.base.rocAuc)}`,
    );
  return `${lines.join('\n')}\n`;
}
