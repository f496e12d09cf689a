import { describe, expect, it } from 'vitest';
import { segmentText } from '../../../dashboard/ui/src/ad/highlight.js';
import { wordDiff } from '../../../dashboard/ui/src/ad/word-diff.js';
import type { AdSummary, IndicatorDetail } from '../../../dashboard/ui/src/api/types.js';
import { dayBound } from '../../../dashboard/ui/src/components/day-bound.js';
import { en } from '../../../dashboard/ui/src/i18n/en.js';
import { hy } from '../../../dashboard/ui/src/i18n/hy.js';
import { createI18n } from '../../../dashboard/ui/src/i18n/index.js';
import { ru } from '../../../dashboard/ui/src/i18n/ru.js';
import { hrefOf, parseRoute } from '../../../dashboard/ui/src/router.js';
import { insertAtRank } from '../../../dashboard/ui/src/triage/ranking.js';

const indicator = (id: string, spans: [number, number][]): IndicatorDetail => ({
  id,
  label: id,
  dimension: 'deception',
  weight: 1,
  evidence: spans.map(([start, end]) => ({ start, end, text: '' })),
});

describe('evidence highlighting', () => {
  it('splits overlapping spans into runs that know every indicator covering them', () => {
    const text = 'abcdefghij';
    const pay = indicator('pay', [[2, 6]]);
    const travel = indicator('travel', [[4, 8]]);
    const segments = segmentText(text, [pay, travel]);
    expect(segments.map((s) => [s.text, s.indicators.map((i) => i.id)])).toEqual([
      ['ab', []],
      ['cd', ['pay']],
      ['ef', ['pay', 'travel']],
      ['gh', ['travel']],
      ['ij', []],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('ignores spans outside the text or empty, and merges touching spans of one indicator', () => {
    const segments = segmentText('hello world', [
      indicator('a', [
        [0, 2],
        [2, 5],
        [7, 7],
        [20, 30],
        [-5, 1],
      ]),
    ]);
    expect(segments.map((s) => [s.text, s.indicators.length])).toEqual([
      ['hello', 1],
      [' world', 0],
    ]);
  });
});

describe('word diff of versions', () => {
  it('marks removed and added words and keeps the rest', () => {
    const parts = wordDiff('pay 500 USD monthly', 'pay 5000 USD monthly');
    expect(parts?.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: '500' },
      { kind: 'added', text: '5000' },
    ]);
    expect(
      parts
        ?.filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('pay 5000 USD monthly');
  });
});

describe('live insertion into the queue', () => {
  const ad = (id: string, score: number, firstSeenAt: string): AdSummary => ({
    id,
    title: id,
    score,
    band: 'high',
    lang: 'en',
    sourceId: 's',
    url: 'https://x',
    firstSeenAt,
    status: 'new',
    campaignId: null,
    assignee: null,
    indicators: [],
    components: null,
    version: 0,
  });
  const list = [ad('a', 90, '2026-01-02'), ad('b', 70, '2026-01-03'), ad('c', 70, '2026-01-01')];

  it('puts a new ad at its rank by score, then recency', () => {
    expect(insertAtRank(list, ad('n', 70, '2026-01-02'), false)?.map((x) => x.id)).toEqual([
      'a',
      'b',
      'n',
      'c',
    ]);
    expect(insertAtRank(list, ad('top', 99, '2025-01-01'), true)?.[0]?.id).toBe('top');
  });

  it('leaves an ad that ranks below a partly loaded list for "load more", and ignores duplicates', () => {
    expect(insertAtRank(list, ad('low', 10, '2026-01-01'), true)).toBeNull();
    expect(insertAtRank(list, ad('low', 10, '2026-01-01'), false)?.at(-1)?.id).toBe('low');
    expect(insertAtRank(list, ad('a', 90, '2026-01-02'), false)).toBeNull();
  });
});

describe('routes, dates and translations', () => {
  it('round-trips every route through its hash', () => {
    for (const route of [
      { name: 'triage' },
      { name: 'ad', id: 'a/b c' },
      { name: 'cases' },
      { name: 'case', id: '42' },
      { name: 'audit' },
      { name: 'users' },
      { name: 'health' },
      { name: 'models' },
    ] as const) {
      expect(parseRoute(hrefOf(route))).toEqual(route);
    }
    expect(parseRoute('#/nonsense')).toEqual({ name: 'triage' });
  });

  it('turns a day into the bounds of that day for the API', () => {
    const from = dayBound('2026-11-20', false);
    const to = dayBound('2026-11-20', true);
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse(to ?? '') - Date.parse(from ?? '')).toBe(86_400_000 - 1);
    expect(dayBound('', false)).toBeUndefined();
    expect(dayBound('20/11/2026', false)).toBeUndefined();
  });

  it('has every message in Armenian and Russian, with the same placeholders, and fills them', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalogue of [hy, ru]) {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        expect(placeholders(catalogue[key as keyof typeof en]), key).toEqual(placeholders(text));
      }
    }
    // Armenian strings are Armenian script, not English left untranslated.
    expect(hy['triage.title']).toMatch(/[\u0531-\u058F]/);
    const { t, formatNumber } = createI18n('hy');
    expect(t('triage.count', { shown: 3, total: 10 })).toBe('Ցուցադրված է 3՝ 10-ից');
    expect(createI18n('en').t('nav.signedInAs', { user: 'anna' })).toBe(
      'Signed in as anna ({role})',
    );
    expect(formatNumber(12345)).toMatch(/12.345/);
  });

  it('shows a time of day as 24-hour HH:MM in every language', () => {
    const afternoon = new Date(2026, 2, 1, 14, 5).toISOString();
    const morning = new Date(2026, 2, 1, 9, 30).toISOString();
    for (const locale of ['en', 'hy', 'ru'] as const) {
      expect(createI18n(locale).formatTime(afternoon), locale).toBe('14:05');
      expect(createI18n(locale).formatTime(morning), locale).toBe('09:30');
    }
  });
});
