import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../classifiers/index.js';
import { seedDecisionCases } from '../helpers/decisions.js';
import { login, startDashboard, type Client, type DashboardFixture } from './dashboard.fixture.js';

describe('indicator quality and lexicon overrides', () => {
  const classifier = createClassifier();
  let f: DashboardFixture;
  let analyst: Client;
  let supervisor: Client;
  const scores: Record<string, number> = {};

  beforeAll(async () => {
    f = await startDashboard({ classifier: () => classifier });
    analyst = await login(f.app, 'analyst');
    supervisor = await login(f.app, 'supervisor');
    Object.assign(scores, await seedDecisionCases(f.store, classifier));
  });

  afterAll(async () => {
    await f.close();
  });

  it('the fixture scores as the hand-worked cases assume', () => {
    // Flagged today (threshold 60): the club and the hostess ads only.
    expect(
      Object.entries(scores)
        .filter(([, s]) => s >= 60)
        .map(([n]) => n),
    ).toEqual(['club-dubai', 'hostess']);
  });

  it('refuses analysts every indicator-quality and lexicon route', async () => {
    const change = { indicatorId: 'work-abroad', lang: 'ru', weight: 5 };
    const responses = await Promise.all([
      analyst.get('/api/quality/indicators'),
      analyst.get('/api/quality/indicators/work-abroad/dismissed'),
      analyst.get('/api/quality/threshold'),
      analyst.post('/api/quality/threshold', { threshold: 50 }),
      analyst.get('/api/quality/lexicon'),
      analyst.post('/api/quality/lexicon/preview', change),
      analyst.post('/api/quality/lexicon', { change }),
      analyst.post('/api/quality/lexicon/versions/o1/revert', {}),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(403));
    expect(await f.store.lexiconOverrides.active()).toBeNull();
  });

  it('gives supervisors the indicator statistics and the dismissed ads of one indicator', async () => {
    const response = await supervisor.get('/api/quality/indicators?from=2026-02-01T00:00:00Z');
    expect(response.statusCode).toBe(200);
    const stats = response.json<{
      totals: { reviewed: number };
      indicators: { id: string; reviewed: number; confirmed: number }[];
    }>();
    expect(stats.totals.reviewed).toBe(6);
    const abroad = stats.indicators.find((i) => i.id === 'work-abroad');
    // club, driver, hostess, builders carry it; driver was dismissed.
    expect(abroad).toMatchObject({ reviewed: 4, confirmed: 3 });
    const dismissed = await supervisor.get('/api/quality/indicators/work-abroad/dismissed');
    expect(dismissed.json<{ ads: { title: string; reason: string }[] }>().ads).toMatchObject([
      { title: 'Водитель', reason: 'legitimate employer' },
    ]);
  });

  it('previews a weight change for one language and for all on the decided ads', async () => {
    const ru = await supervisor.post('/api/quality/lexicon/preview', {
      indicatorId: 'work-abroad',
      lang: 'ru',
      weight: 5,
    });
    expect(ru.statusCode).toBe(200);
    // Russian only: the dismissed driver ad gets flagged; the Armenian builders ad does not.
    expect(ru.json()).toMatchObject({
      ads: 6,
      confirmed: 3,
      dismissed: 3,
      current: { flagged: 2, flaggedConfirmed: 2, precision: 1, recall: 2 / 3 },
      proposed: { flagged: 3, flaggedConfirmed: 2, precision: 2 / 3, recall: 2 / 3 },
      appear: 1,
      appearConfirmed: 0,
      disappear: 0,
      disappearConfirmed: 0,
      limited: false,
      adjustments: [{ indicatorId: 'work-abroad', lang: 'ru', weight: 5 }],
    });
    const all = await supervisor.post('/api/quality/lexicon/preview', {
      indicatorId: 'work-abroad',
      lang: 'all',
      weight: 5,
    });
    expect(all.json()).toMatchObject({
      proposed: { flagged: 4, flaggedConfirmed: 3, precision: 3 / 4, recall: 1 },
      appear: 2,
      appearConfirmed: 1,
      disappear: 0,
    });
    // Switching off the entertainment-role indicator in English leaves the hostess ad flagged
    // (it has five more indicators): nothing moves.
    const off = await supervisor.post('/api/quality/lexicon/preview', {
      indicatorId: 'vague-entertainment-role',
      lang: 'en',
      disabled: true,
    });
    expect(off.json()).toMatchObject({ appear: 0, disappear: 0, proposed: { flagged: 2 } });
  });

  it('refuses an unknown indicator, a weight of the wrong sign and a change of two kinds', async () => {
    const bad = await Promise.all([
      supervisor.post('/api/quality/lexicon/preview', {
        indicatorId: 'nope',
        lang: 'ru',
        weight: 1,
      }),
      supervisor.post('/api/quality/lexicon/preview', {
        indicatorId: 'work-abroad',
        lang: 'ru',
        weight: -1,
      }),
      supervisor.post('/api/quality/lexicon', {
        change: { indicatorId: 'work-abroad', lang: 'ru', weight: 1, disabled: true },
      }),
      supervisor.post('/api/quality/lexicon/preview', {
        indicatorId: 'work-abroad',
        lang: 'de',
        weight: 1,
      }),
    ]);
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    expect(await f.store.lexiconOverrides.active()).toBeNull();
  });

  it('draws precision–recall curves per language with the threshold in force', async () => {
    const response = await supervisor.get('/api/quality/threshold');
    const body = response.json<{
      threshold: number;
      source: string;
      curves: {
        lang: string;
        confirmed: number;
        dismissed: number;
        points: {
          threshold: number;
          flagged: number;
          precision: number | null;
          recall: number | null;
        }[];
      }[];
    }>();
    expect(body).toMatchObject({ threshold: 60, configured: 60, source: 'config' });
    expect(body.curves.map((c) => [c.lang, c.confirmed, c.dismissed])).toEqual([
      ['all', 3, 3],
      ['en', 1, 0],
      ['hy', 1, 0],
      ['ru', 1, 3],
    ]);
    const at = (lang: string, threshold: number) =>
      body.curves.find((c) => c.lang === lang)?.points[threshold];
    expect(at('all', 60)).toEqual({ threshold: 60, flagged: 2, precision: 1, recall: 2 / 3 });
    expect(at('all', 0)).toEqual({ threshold: 0, flagged: 6, precision: 0.5, recall: 1 });
    const builders = scores['builders-russia'] ?? 0;
    expect(at('all', builders)).toMatchObject({ flagged: 3, precision: 1, recall: 1 });
    expect(at('ru', 60)).toEqual({ threshold: 60, flagged: 1, precision: 1, recall: 1 });
    expect(at('hy', 100)).toEqual({ threshold: 100, flagged: 0, precision: null, recall: 0 });
  });

  it('saves changes and thresholds as audited versions that workers read, and reverts them', async () => {
    const saved = await supervisor.post('/api/quality/lexicon', {
      change: { indicatorId: 'work-abroad', lang: 'ru', weight: 5 },
      note: 'too weak in Russian',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ id: 'o1', change: 'adjust', createdBy: 'supervisor' });

    const threshold = await supervisor.post('/api/quality/threshold', {
      threshold: 50,
      note: 'more recall',
    });
    expect(threshold.json()).toMatchObject({ threshold: 50, source: 'override', versionId: 'o2' });
    const lexicon = await supervisor.get('/api/quality/lexicon');
    expect(lexicon.json()).toMatchObject({
      active: {
        id: 'o2',
        flagThreshold: 50,
        adjustments: [{ indicatorId: 'work-abroad', lang: 'ru', weight: 5 }],
      },
      threshold: { threshold: 50, configured: 60, source: 'override' },
    });

    // Undo the threshold: the adjustment stays, the configured threshold is back.
    const undoThreshold = await supervisor.post('/api/quality/lexicon/versions/o2/revert', {});
    expect(undoThreshold.json()).toMatchObject({
      id: 'o3',
      change: 'revert',
      reverts: 'o2',
      flagThreshold: null,
      adjustments: [{ indicatorId: 'work-abroad', lang: 'ru', weight: 5 }],
    });
    // Undo the first change: back to the shipped lexicon.
    const undoFirst = await supervisor.post('/api/quality/lexicon/versions/o1/revert', {});
    expect(undoFirst.json()).toMatchObject({ id: 'o4', adjustments: [], flagThreshold: null });
    expect((await supervisor.post('/api/quality/lexicon/versions/o99/revert', {})).statusCode).toBe(
      404,
    );

    const { items } = await f.store.audit.list({ actor: 'supervisor' }, null, 50);
    const trail = items
      .filter((e) => ['lexicon_change', 'threshold_change', 'lexicon_revert'].includes(e.action))
      .map((e) => [e.action, e.details.version, e.details.reverts ?? e.details.to ?? null])
      .reverse();
    expect(trail).toEqual([
      ['lexicon_change', 'o1', null],
      ['threshold_change', 'o2', 50],
      ['lexicon_revert', 'o3', 'o2'],
      ['lexicon_revert', 'o4', 'o1'],
    ]);
    const history = (await supervisor.get('/api/quality/lexicon')).json<{
      history: { id: string }[];
    }>();
    expect(history.history.map((h) => h.id)).toEqual(['o4', 'o3', 'o2', 'o1']);
  });

  it('documents each route with the schema of its answer and of its errors', async () => {
    const doc = (await supervisor.get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    }>();
    const schemaOf = (response: unknown) =>
      (response as { content?: Record<string, { schema?: { properties?: object } }> } | undefined)
        ?.content?.['application/json']?.schema?.properties;
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/quality/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, op })),
      );
    expect(operations.map((o) => o.route).sort()).toEqual([
      'get /api/quality/indicators',
      'get /api/quality/indicators/{id}/dismissed',
      'get /api/quality/lexicon',
      'get /api/quality/threshold',
      'post /api/quality/lexicon',
      'post /api/quality/lexicon/preview',
      'post /api/quality/lexicon/versions/{id}/revert',
      'post /api/quality/threshold',
    ]);
    for (const { route, op } of operations) {
      expect(schemaOf(op.responses?.['200']), route).toBeDefined();
      expect(schemaOf(op.responses?.['400']), route).toHaveProperty('error');
    }
  });
});
