import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AdwatchConfig } from '../../config/index.js';
import type { SessionInfo } from '../../dashboard/contract/auth.contract.js';
import { buildDashboard, hashPassword, type DashboardOptions } from '../../dashboard/index.js';
import type { Store, StoredClassification, UserRole } from '../../store/index.js';
import { storeCapturedAd } from '../helpers/seed.js';
import { openTestStore, silentLogger, testConfig } from '../helpers/services.js';

export const password = 'correct horse battery staple';

/** A dashboard on its own test database, with one account per role. */
export interface DashboardFixture {
  app: FastifyInstance;
  store: Store;
  config: AdwatchConfig;
  close(): Promise<void>;
}

export async function startDashboard(
  options: Partial<DashboardOptions> = {},
  settings: Partial<AdwatchConfig['dashboard']> = {},
): Promise<DashboardFixture> {
  const base = testConfig();
  const config: AdwatchConfig = { ...base, dashboard: { ...base.dashboard, ...settings } };
  const store = await openTestStore(config);
  const hash = await hashPassword(password);
  for (const role of ['analyst', 'supervisor', 'admin'] as const) {
    await store.users.insert({ username: role, role, passwordHash: hash });
  }
  await store.users.insert({ username: 'analyst2', role: 'analyst', passwordHash: hash });
  const app = await buildDashboard({
    store,
    logger: silentLogger,
    settings: config.dashboard,
    uiDir: '/nonexistent-ui-dist',
    ...options,
  });
  await app.ready();
  return {
    app,
    store,
    config,
    close: async () => {
      await app.close();
      await store.dropDatabase();
      await store.close();
    },
  };
}

/** A logged-in client: the session cookie and CSRF token sent with every request. */
export interface Client {
  cookie: string;
  csrfToken: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(
    url: string,
    body?: object,
    method?: 'POST' | 'PATCH' | 'DELETE',
  ): Promise<LightMyRequestResponse>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  pass = password,
): Promise<Client> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username, password: pass },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'adwatch_session');
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = response.json<SessionInfo>();
  const header = `adwatch_session=${cookie.value}`;
  return {
    cookie: header,
    csrfToken,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie: header } }),
    post: (url, body = {}, method = 'POST') =>
      app.inject({
        method,
        url,
        headers: { cookie: header, 'x-csrf-token': csrfToken },
        ...(method === 'DELETE' && body === undefined ? {} : { payload: body }),
      }),
  };
}

export interface SeedAd {
  url: string;
  title?: string;
  body?: string;
  employer?: string;
  score?: number;
  lang?: string;
  sourceId?: string;
  firstSeenAt?: Date;
  indicators?: { id: string; label: string }[];
  facts?: Record<string, unknown>;
  flagged?: boolean;
  screenshot?: Uint8Array;
  rawBody?: string;
}

/** Stores an ad with a capture and a classification, as the pipeline would. Returns its id. */
export async function seedAd(store: Store, ad: SeedAd): Promise<string> {
  const sourceId = ad.sourceId ?? 'demo-jobs';
  const seenAt = ad.firstSeenAt ?? new Date('2026-01-01T00:00:00Z');
  const saved = await storeCapturedAd(store, {
    sourceId,
    url: ad.url,
    html: ad.rawBody ?? `<html><body><h1>${ad.title ?? 'Ad'}</h1></body></html>`,
    seenAt,
    ad: {
      title: ad.title ?? `Ad ${ad.url}`,
      body: ad.body ?? 'Work abroad, good pay.',
      ...(ad.employer ? { employer: ad.employer } : {}),
    },
    ...(ad.screenshot ? { capture: { screenshot: ad.screenshot } } : {}),
  });
  const score = ad.score ?? 80;
  const classification: StoredClassification = {
    score,
    band: score >= 75 ? 'high' : score >= 60 ? 'medium' : 'low',
    flagged: ad.flagged ?? true,
    lang: ad.lang ?? 'en',
    components: { rules: score, model: score },
    indicators: (ad.indicators ?? [{ id: 'deceptive-pay', label: 'Deceptive pay' }]).map((i) => ({
      ...i,
      dimension: 'deception',
      weight: 1,
      evidence: [{ start: 0, end: 3, text: 'Wor' }],
    })),
    facts: ad.facts ?? { phones: [], emails: [], handles: [] },
    versions: { classifier: 'test' },
    contentHash: saved.contentHash,
    classifiedAt: seenAt,
  };
  await store.ads.saveClassification(saved.adId, classification);
  return saved.adId;
}

export async function createUser(store: Store, username: string, role: UserRole): Promise<void> {
  await store.users.insert({ username, role, passwordHash: await hashPassword(password) });
}
