import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseAdLine, scoreLines } from '../../bin/commands/score.command.js';
import { createClassifier } from '../../classifiers/index.js';

const classifier = createClassifier();

async function run(
  input: string,
): Promise<{ out: string[]; err: string; scored: number; malformed: number }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const outChunks: string[] = [];
  const errChunks: string[] = [];
  out.on('data', (c: Buffer) => outChunks.push(c.toString()));
  err.on('data', (c: Buffer) => errChunks.push(c.toString()));
  const result = await scoreLines(Readable.from([input]), out, err, classifier);
  return {
    out: outChunks.join('').split('\n').filter(Boolean),
    err: errChunks.join(''),
    ...result,
  };
}

describe('adwatch score', () => {
  it('prints one JSON line per ad with the documented fields', async () => {
    const { out } = await run(
      '{"id":"a1","title":"Hostess in Dubai","text":"Girls 18-25, free visa, WhatsApp only"}\n',
    );
    const record = JSON.parse(out[0] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(record)).toEqual([
      'id',
      'score',
      'flagged',
      'band',
      'lang',
      'components',
      'indicators',
    ]);
    expect(record).toMatchObject({ id: 'a1', lang: 'en' });
    expect(Object.keys(record.components as object)).toEqual([
      'rules',
      'model',
      'modelWeight',
      'modelPoints',
    ]);
    const first = (
      record.indicators as { evidence: { start: number; end: number; text: string }[] }[]
    )[0];
    expect(Object.keys(first ?? {})).toEqual(['id', 'label', 'dimension', 'weight', 'evidence']);
    const source = 'Hostess in Dubai\nGirls 18-25, free visa, WhatsApp only';
    for (const e of first?.evidence ?? []) expect(source.slice(e.start, e.end)).toBe(e.text);
  });

  it('reports malformed lines with their line numbers and scores the rest', async () => {
    const input = [
      '{"id":1,"text":"ok"}',
      'not json',
      '',
      '{"id":2}',
      '[1,2]',
      '{"id":3,"text":"fine","title":7}',
      '{"id":4,"text":"last"}',
    ].join('\n');
    const { out, err, scored, malformed } = await run(input);
    expect(out.map((l) => (JSON.parse(l) as { id: unknown }).id)).toEqual([1, 4]);
    expect({ scored, malformed }).toEqual({ scored: 2, malformed: 4 });
    expect(err).toMatch(/^line 2: not valid JSON/mu);
    expect(err).toMatch(/^line 4: ad 2: "text" must be a string$/mu);
    expect(err).toMatch(/^line 5: expected a JSON object/mu);
    expect(err).toMatch(/^line 6: ad 3: "title" must be a string when given$/mu);
  });

  it('streams large inputs line by line', async () => {
    const line = '{"id":"x","text":"Ordinary office job in Yerevan, official contract."}\n';
    function* lines(): Generator<string> {
      for (let i = 0; i < 5_000; i++) yield line;
    }
    const out = new PassThrough();
    let count = 0;
    out.on('data', (c: Buffer) => (count += c.toString().split('\n').length - 1));
    const result = await scoreLines(Readable.from(lines()), out, new PassThrough(), classifier);
    expect(result.scored).toBe(5_000);
    expect(count).toBe(5_000);
  });

  it('validates a line into an ad', () => {
    expect(parseAdLine('{"id":"1","text":"t","title":"T","lang":"ru"}')).toEqual({
      id: '1',
      ad: { text: 't', title: 'T', lang: 'ru' },
    });
  });
});
