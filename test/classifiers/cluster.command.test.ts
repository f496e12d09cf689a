import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { clusterLines, parseClusterLine } from '../../bin/commands/cluster.command.js';
import { runCli } from '../helpers/cli.js';
import {
  EN_OFFER,
  HY_OFFER,
  HY_OFFER_TRANSLIT,
  RU_OFFER,
  RU_OFFER_TRANSLIT,
} from './campaigns/campaign-ads.fixture.js';

interface Line {
  id: unknown;
  campaign: string | null;
  contacts: string[];
}

/** Collects what is written to a stream (reading it, so that writers never wait for a drain). */
function capture(stream: PassThrough): () => string {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return () => chunks.join('');
}

async function run(
  input: string,
  maxAds?: number,
): Promise<{ out: Line[]; err: string; linked: number; malformed: number }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const [stdout, stderr] = [capture(out), capture(err)];
  const result = await clusterLines(Readable.from([input]), out, err, { maxAds });
  const lines = stdout().split('\n').filter(Boolean);
  return { out: lines.map((l) => JSON.parse(l) as Line), err: stderr(), ...result };
}

const line = (record: Record<string, unknown>): string => JSON.stringify(record);

describe('adwatch cluster', () => {
  it('prints one line per ad in input order, the ads of a campaign sharing its id', async () => {
    const { out } = await run(
      [
        line({ id: 'ru-1', text: RU_OFFER, source: 'telegram' }),
        line({ id: 7, text: HY_OFFER, postedAt: '2024-05-01T09:00:00Z' }),
        line({ id: 'en', title: 'Remote job', text: EN_OFFER }),
        line({ id: 'ru-2', text: RU_OFFER_TRANSLIT, postedAt: 1714500000000 }),
        line({ id: 'hy-2', text: HY_OFFER_TRANSLIT }),
      ].join('\n'),
    );
    expect(out.map((l) => l.id)).toEqual(['ru-1', 7, 'en', 'ru-2', 'hy-2']);
    expect(Object.keys(out[0] ?? {})).toEqual(['id', 'campaign', 'contacts']);
    const [ru1, hy1, en, ru2, hy2] = out;
    expect(ru1?.campaign).toMatch(/^c-[0-9a-f]{12}$/u);
    expect(ru2?.campaign).toBe(ru1?.campaign); // the first ad of a campaign gets its id too
    expect(hy2?.campaign).toBe(hy1?.campaign);
    expect(hy1?.campaign).not.toBe(ru1?.campaign);
    expect(en?.campaign).toBeNull();
    expect(ru1?.contacts).toEqual(['tel:+79151234567', 'telegram:istanbul_job']);
  });

  it('reports malformed lines with their line numbers and links the rest', async () => {
    const input = [
      line({ id: 1, text: RU_OFFER }),
      'not json',
      '',
      line({ id: 2 }),
      '[1,2]',
      line({ id: 3, text: 'x', source: 5 }),
      line({ id: 4, text: 'x', postedAt: 'yesterday' }),
      line({ id: 5, text: RU_OFFER_TRANSLIT }),
    ].join('\n');
    const { out, err, linked, malformed } = await run(input);
    expect(out.map((l) => l.id)).toEqual([1, 5]);
    expect(out[1]?.campaign).toBe(out[0]?.campaign);
    expect({ linked, malformed }).toEqual({ linked: 2, malformed: 5 });
    expect(err).toMatch(/^line 2: not valid JSON/mu);
    expect(err).toMatch(/^line 4: ad 2: "text" must be a string$/mu);
    expect(err).toMatch(/^line 5: expected a JSON object/mu);
    expect(err).toMatch(/^line 6: ad 3: "source" must be a string when given$/mu);
    expect(err).toMatch(/^line 7: ad 4: "postedAt" must be a date string/mu);
  });

  it('prints the campaign an ad had when it left a full index', async () => {
    const input = [
      line({ id: 'a', text: RU_OFFER }),
      line({ id: 'b', text: RU_OFFER_TRANSLIT }),
      line({ id: 'c', text: HY_OFFER }),
      line({ id: 'd', text: EN_OFFER }),
    ].join('\n');
    const { out } = await run(input, 2);
    expect(out[0]?.campaign).not.toBeNull();
    expect(out[1]?.campaign).toBe(out[0]?.campaign);
    expect(out.slice(2).map((l) => l.campaign)).toEqual([null, null]);
  });

  it('validates a line into an ad, keeping the id as given for the output', () => {
    expect(
      parseClusterLine(line({ id: 3, text: 't', title: 'T', postedAt: '2024-05-01' })),
    ).toEqual({
      id: 3,
      ad: { id: '3', text: 't', title: 'T', postedAt: '2024-05-01' },
    });
  });

  it('runs from the command line on stdin and exits with 1 after a malformed line', async () => {
    const input = [
      line({ id: 'a', text: RU_OFFER }),
      '{oops',
      line({ id: 'b', text: RU_OFFER_TRANSLIT }),
    ];
    const bad = await runCli(['cluster', '--input', '-'], {}, input.join('\n'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^line 2: not valid JSON/mu);
    const lines = bad.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(lines[0]?.campaign).toBe(lines[1]?.campaign);
    const good = await runCli(['cluster', '-i', '-'], {}, input[0]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout) as Line).toMatchObject({ id: 'a', campaign: null });
  });

  it('refuses a --max-ads that is not a positive whole number', async () => {
    const result = await runCli(['cluster', '-i', '-', '--max-ads', 'many'], {}, '');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--max-ads many is not a whole number/u);
  });
});
