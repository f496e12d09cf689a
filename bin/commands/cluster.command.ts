import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { CampaignIndex } from '../../classifiers/index.js';
import type { CampaignAd } from '../../classifiers/index.js';
import { openInput, parseAdLine } from './score.command.js';
import { InputError } from '../../core/index.js';
import { CommandExit, type CommandIO } from './command-io.js';

/** Most ads the command keeps in its index by default (about 2 KB each). */
export const CLUSTER_MAX_ADS = 1_000_000;

interface ClusterOptions {
  input: string;
  maxAds: string;
}

/** `adwatch cluster`: links JSON-lines ads into campaigns offline, without Redis or MongoDB. */
export function registerClusterCommand(program: Command, io: CommandIO): void {
  program
    .command('cluster')
    .description(
      'Link job ads that are variants of one template into campaigns, from a JSON-lines file, offline (no Redis or MongoDB needed).',
    )
    .requiredOption('-i, --input <file>', 'JSON-lines file of ads, or "-" for standard input')
    .option(
      '--max-ads <n>',
      'most ads kept for linking; past it the oldest leave the index and keep the campaign they had',
      String(CLUSTER_MAX_ADS),
    )
    .addHelpText(
      'after',
      [
        '',
        'Input: one JSON object per line:',
        '  {"id": "...", "text": "...", "title": "..." (optional), "source": "..." (optional),',
        '   "postedAt": "2024-05-01T10:00:00Z" or milliseconds (optional)}',
        '',
        'Output: one JSON line per ad, on stdout, in input order, after the whole input is read:',
        '  {"id", "campaign": "c-3f9a0b12cd45" | null, "contacts": ["tel:+37494551290", "telegram:jobs_am", ...]}',
        '  Ads of one campaign share its "campaign"; an ad linked to no other ad has null.',
        '  A campaign is named after its earliest ad (by postedAt, then id), so the same ads give',
        '  the same names in any order. Contacts are normalised: tel: (E.164), email:, and',
        '  messenger handles (telegram:, whatsapp:, instagram:, viber:, vk:, facebook:).',
        '',
        'Two ads are one campaign when they are variants of one template: the same offer with',
        'rotated phones, handles, links and numbers, another title, sentences in another order,',
        'emoji, look-alike letters, or translit. Ads that only share a company description are not.',
        'The settings are those the classify worker uses; see classifiers/campaigns/README.md.',
        '',
        'Why output waits for the end: an ad is linked as it is read, but the first ad of a',
        'campaign is alone until its first variant arrives, so lines are printed once every ad',
        "is in. Memory: about 2 KB per ad up to --max-ads, plus each ad's id and contacts.",
        'An id that comes again is the same ad: it is not linked twice and gets the same campaign.',
        '',
        'Errors: a malformed line is reported on stderr with its line number and the other lines',
        'are still linked; the exit code is then 1 (also when no ad at all could be read).',
        '',
        'Examples:',
        '  adwatch cluster --input ads.jsonl > campaigns.jsonl',
        '  cat ads.jsonl | adwatch cluster -i - | grep -v \'"campaign":null\'',
      ].join('\n'),
    )
    .action(async (options: ClusterOptions) => {
      const maxAds = Number(options.maxAds);
      if (!Number.isInteger(maxAds) || maxAds < 1)
        throw new InputError(
          `--max-ads ${options.maxAds} is not a whole number of ads above 0 (e.g. 1000000).`,
        );
      const input = await openInput(options.input, io.stdin);
      const result = await clusterLines(input, io.stdout, io.stderr, { maxAds });
      if (result.linked === 0)
        io.stderr.write(`adwatch cluster: no ad could be read from ${options.input}.\n`);
      if (result.linked === 0 || result.malformed > 0) throw new CommandExit(1);
    });
}

/** Outcome of clustering a stream. */
export interface ClusterLinesResult {
  linked: number;
  malformed: number;
}

/**
 * Reads a JSON-lines stream line by line, links each ad as it comes, and when the input ends
 * writes one JSON line per ad in input order with its final campaign.
 */
export async function clusterLines(
  input: Readable,
  out: Writable,
  err: Writable,
  options: { maxAds?: number } = {},
): Promise<ClusterLinesResult> {
  // Ads that left the index keep the campaign they had then.
  const left = new Map<string, string | null>();
  const index = new CampaignIndex({
    maxAds: options.maxAds ?? CLUSTER_MAX_ADS,
    onEvict: (id, campaign) => left.set(id, campaign),
  });
  const read: { id: string | number; key: string; contacts: string[] }[] = [];
  let lineNumber = 0;
  let malformed = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseClusterLine(line);
    if (typeof parsed === 'string') {
      malformed++;
      err.write(`line ${lineNumber}: ${parsed}\n`);
      continue;
    }
    const { contacts } = index.add(parsed.ad);
    read.push({ id: parsed.id, key: parsed.ad.id, contacts });
  }
  for (const ad of read) {
    const campaign = index.has(ad.key) ? index.campaignOf(ad.key) : (left.get(ad.key) ?? null);
    const record = { id: ad.id, campaign, contacts: ad.contacts };
    if (!out.write(`${JSON.stringify(record)}\n`))
      await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  return { linked: read.length, malformed };
}

/**
 * Validates one input line (as `adwatch score` does, plus "source" and "postedAt"); returns the
 * ad, with its id as given for the output, or a message saying what is wrong.
 */
export function parseClusterLine(line: string): { id: string | number; ad: CampaignAd } | string {
  const parsed = parseAdLine(line);
  if (typeof parsed === 'string') return parsed;
  const record = JSON.parse(line) as Record<string, unknown>;
  const name = JSON.stringify(parsed.id);
  const { source, postedAt } = record;
  if (source !== undefined && typeof source !== 'string')
    return `ad ${name}: "source" must be a string when given`;
  if (
    postedAt !== undefined &&
    !(typeof postedAt === 'number' && Number.isFinite(postedAt)) &&
    !(typeof postedAt === 'string' && Number.isFinite(Date.parse(postedAt)))
  )
    return `ad ${name}: "postedAt" must be a date string (e.g. "2024-05-01T10:00:00Z") or milliseconds when given`;
  const ad: CampaignAd = { id: String(parsed.id), text: parsed.ad.text };
  if (parsed.ad.title !== undefined) ad.title = parsed.ad.title;
  if (source !== undefined) ad.source = source;
  if (postedAt !== undefined) ad.postedAt = postedAt;
  return { id: parsed.id, ad };
}
