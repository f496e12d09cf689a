import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { createClassifier, DEFAULT_FLAG_THRESHOLD } from '../../classifiers/index.js';
import type { AdText, Classifier, RiskAssessment } from '../../classifiers/index.js';
import { InputError } from '../../core/index.js';
import { CommandExit, type CommandIO } from './command-io.js';

interface ScoreOptions {
  input: string;
  threshold: string;
  model?: string;
  facts?: boolean;
}

/** `adwatch score`: scores JSON-lines ads offline, without Redis or MongoDB. */
export function registerScoreCommand(program: Command, io: CommandIO): void {
  program
    .command('score')
    .description(
      'Score job ads for trafficking risk from a JSON-lines file, offline (no Redis or MongoDB needed).',
    )
    .requiredOption('-i, --input <file>', 'JSON-lines file to score, or "-" for standard input')
    .option(
      '-t, --threshold <score>',
      'flag ads scoring at or above this (0-100)',
      String(DEFAULT_FLAG_THRESHOLD),
    )
    .option('-m, --model <file>', 'model file to use instead of the committed one')
    .option('--facts', 'also print the extracted facts (phones, handles, salary, ages, places)')
    .addHelpText(
      'after',
      [
        '',
        'Input: one JSON object per line:',
        '  {"id": "...", "text": "...", "title": "..." (optional), "lang": "hy|ru|en|translit" (optional)}',
        '',
        'Output: one JSON line per ad, on stdout:',
        '  {"id", "score": 0-100, "flagged": true|false, "band": "low|medium|high", "lang",',
        '   "components": {"rules", "model", "modelWeight", "modelPoints"},',
        "   (rules: the trafficking indicators alone, 0-100; model: the English scam-text model's",
        '    probability, 0-100; modelWeight: its say, 0-1; modelPoints: the points it added or',
        '    removed, so that score = rules + modelPoints)',
        '   "indicators": [{"id", "label", "dimension", "weight", "evidence": [{"start", "end", "text"}]}]}',
        '  Evidence offsets are into title + "\\n" + text (or into text when there is no title).',
        '',
        'Errors: a malformed line is reported on stderr with its line number, and the other lines',
        'are still scored. The exit code is non-zero only when no ad at all could be read.',
        'Input is read line by line, so files of any size work in constant memory.',
        '',
        'Examples:',
        '  adwatch score --input ads.jsonl > scores.jsonl',
        '  echo \'{"id":"1","title":"Hostess in Dubai","text":"Girls 18-25, free visa"}\' | adwatch score -i -',
      ].join('\n'),
    )
    .action(async (options: ScoreOptions) => {
      const threshold = Number(options.threshold);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100)
        throw new InputError(`--threshold ${options.threshold} is not a score between 0 and 100.`);
      const input = await openInput(options.input, io.stdin);
      const classifier = createClassifier({
        flagThreshold: threshold,
        ...(options.model ? { modelPath: options.model } : {}),
      });
      const result = await scoreLines(input, io.stdout, io.stderr, classifier, {
        facts: options.facts === true,
      });
      if (result.scored === 0) {
        io.stderr.write(`adwatch score: no ad could be read from ${options.input}.\n`);
        throw new CommandExit(1);
      }
    });
}

/** Opens `--input`: a file, or `stdin` for "-". */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === '-') return stdin;
  try {
    await access(path);
  } catch (error) {
    throw new InputError(
      `--input ${path}: cannot read the file; give a JSON-lines file or "-" for stdin.`,
      {
        cause: error,
      },
    );
  }
  return createReadStream(path, { encoding: 'utf8' });
}

/** Outcome of scoring a stream. */
export interface ScoreLinesResult {
  scored: number;
  malformed: number;
}

/**
 * Scores a JSON-lines stream line by line, writing one JSON line per ad and waiting for the
 * output to drain, so memory stays constant however large the input.
 */
export async function scoreLines(
  input: Readable,
  out: Writable,
  err: Writable,
  classifier: Classifier,
  options: { facts?: boolean } = {},
): Promise<ScoreLinesResult> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  const result: ScoreLinesResult = { scored: 0, malformed: 0 };
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseAdLine(line);
    if (typeof parsed === 'string') {
      result.malformed++;
      err.write(`line ${lineNumber}: ${parsed}\n`);
      continue;
    }
    const assessment = classifier.assess(parsed.ad);
    const record = toOutput(parsed.id, assessment, options.facts === true);
    result.scored++;
    if (!out.write(`${JSON.stringify(record)}\n`))
      await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  return result;
}

/** Validates one input line; returns the ad or a message saying what is wrong. */
export function parseAdLine(line: string): { id: string | number; ad: AdText } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'expected a JSON object like {"id": "1", "text": "..."}';
  const record = value as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or number';
  if (typeof record.text !== 'string') return `ad ${JSON.stringify(id)}: "text" must be a string`;
  if (record.title !== undefined && typeof record.title !== 'string')
    return `ad ${JSON.stringify(id)}: "title" must be a string when given`;
  if (record.lang !== undefined && typeof record.lang !== 'string')
    return `ad ${JSON.stringify(id)}: "lang" must be a string when given`;
  const ad: AdText = { text: record.text };
  if (record.title !== undefined) ad.title = record.title;
  if (record.lang !== undefined) ad.lang = record.lang;
  return { id, ad };
}

function toOutput(
  id: string | number,
  a: RiskAssessment,
  withFacts: boolean,
): Record<string, unknown> {
  return {
    id,
    score: a.score,
    flagged: a.flagged,
    band: a.band,
    lang: a.lang,
    components: a.components,
    indicators: a.indicators,
    ...(withFacts ? { facts: a.facts, versions: a.versions } : {}),
  };
}
