import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AdwatchConfig, RawConfig } from '../../config/index.js';
import { createClassifier, type Classifier } from '../../classifiers/index.js';
import { buildDashboard, hashPassword, listenDashboard } from '../../dashboard/index.js';
import { instanceIdentity, loadSigningKey } from '../../evidence/index.js';
import { classifiedText, type Store } from '../../store/index.js';
import {
  createRedisConnection,
  PipelineQueues,
  toStoredClassification,
} from '../../workers/index.js';
import {
  must,
  obliterateQueues,
  openTestStore,
  silentLogger,
  testConfig,
} from '../helpers/services.js';
import { storeCapturedAd } from '../helpers/seed.js';
import { launchChromium } from '../../core/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screensDir = join(root, 'test-results', 'screens');
export const password = 'a long enough passphrase 42';

/**
 * Builds the web UI once if dist is missing (a fresh clone whose install skipped scripts); the
 * tests then run against exactly what `npm start` serves.
 */
export function ensureUiBuilt(): void {
  if (existsSync(join(root, 'dashboard', 'ui', 'dist', 'index.html'))) return;
  const result = spawnSync('npm', ['run', 'build:ui'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`npm run build:ui failed:\n${result.stdout}\n${result.stderr}`);
}

export interface UiFixture {
  config: AdwatchConfig;
  store: Store;
  /** The installation's queues (no worker runs unless a test starts one). */
  queues: PipelineQueues;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  classifier: Classifier;
  /** The instance's data directory for evidence: signing key and instance id. */
  evidenceDir: string;
  close(): Promise<void>;
}

/**
 * The real dashboard on its own database and queues, listening on a free port, plus Chromium;
 * `overrides` change the test configuration (e.g. the model rollout rules the dashboard applies).
 */
export async function startUi(overrides: Partial<RawConfig> = {}): Promise<UiFixture> {
  ensureUiBuilt();
  mkdirSync(screensDir, { recursive: true });
  const config = testConfig(overrides);
  const store = await openTestStore(config);
  const evidenceDir = mkdtempSync(join(tmpdir(), 'adwatch-ui-evidence-'));
  const hash = await hashPassword(password);
  for (const [username, role] of [
    ['anna', 'analyst'],
    ['boris', 'analyst'],
    ['sona', 'supervisor'],
    ['root', 'admin'],
  ] as const) {
    await store.users.insert({ username, role, passwordHash: hash });
  }
  const connection: Redis = createRedisConnection(must(config.redis.url, 'redis url'));
  const queues = new PipelineQueues(connection, config);
  const app = await buildDashboard({
    store,
    logger: silentLogger,
    settings: config.dashboard,
    queues,
    sourceIds: ['demo-jobs', 'list-am'],
    modelRollout: config.classifier,
    evidence: {
      signingKey: () => loadSigningKey({ dataDir: evidenceDir }),
      instance: instanceIdentity(evidenceDir),
    },
  });
  const baseUrl = (await listenDashboard(app, '127.0.0.1', 0)).replace(/\/$/, '');
  const browser = await launchChromium();
  return {
    config,
    store,
    queues,
    app,
    baseUrl,
    browser,
    classifier: createClassifier(),
    evidenceDir,
    close: async () => {
      await browser.close();
      await app.close();
      await obliterateQueues(queues);
      await queues.close();
      connection.disconnect();
      await store.dropDatabase();
      await store.close();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

export interface AdInput {
  url: string;
  title: string;
  body: string;
  sourceId?: string;
  rawHtml?: string;
  seenAt?: Date;
  screenshot?: Uint8Array;
}

/**
 * Stores an ad as the pipeline does — capture, extraction, then the real classifier's verdict —
 * so the UI shows real indicators and evidence offsets. Test ads are written to be flagged.
 */
export async function seedAd(fixture: UiFixture, input: AdInput): Promise<string> {
  const { store, classifier } = fixture;
  const sourceId = input.sourceId ?? 'demo-jobs';
  const seenAt = input.seenAt ?? new Date();
  const saved = await storeCapturedAd(store, {
    sourceId,
    url: input.url,
    html: input.rawHtml ?? `<html><body><h1>${input.title}</h1><p>${input.body}</p></body></html>`,
    seenAt,
    ad: { title: input.title, body: input.body },
    ...(input.screenshot ? { capture: { screenshot: input.screenshot } } : {}),
  });
  const ad = await store.ads.findById(saved.adId);
  if (!ad) throw new Error(`ad ${saved.adId} was not stored`);
  const assessment = classifier.assess({ title: ad.title, text: classifiedText(ad) });
  expect(
    assessment.flagged,
    `test ad "${input.title}" should be flagged (score ${assessment.score})`,
  ).toBe(true);
  const classification = toStoredClassification(assessment, ad.contentHash, seenAt);
  await store.ads.saveClassification(saved.adId, classification);
  return saved.adId;
}

/** A fresh browser context (its own cookies) with a page on the login screen. */
export async function openLogin(
  fixture: UiFixture,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await fixture.browser.newContext({
    viewport: { width: 1360, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Asia/Yerevan',
  });
  const page = await context.newPage();
  await page.goto(`${fixture.baseUrl}/`);
  await page.getByLabel('Username').waitFor();
  return { context, page };
}

/** Signs in through the login form and waits for the triage queue. */
export async function signIn(
  fixture: UiFixture,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openLogin(fixture);
  await opened.page.getByLabel('Username').fill(username);
  await opened.page.getByLabel('Password').fill(password);
  await opened.page.getByRole('button', { name: 'Sign in' }).click();
  await opened.page.getByRole('heading', { name: 'Triage queue' }).waitFor();
  return opened;
}

/** Saves a screenshot under test-results/screens. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screensDir, `${name}.png`), fullPage: false });
}
