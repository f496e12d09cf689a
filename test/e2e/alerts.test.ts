import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertKind } from '../../config/index.js';
import { AlertEngine, createRedisConnection, PipelineQueues } from '../../workers/index.js';
import { must, silentLogger } from '../helpers/services.js';
import { sampleAds } from './ads.sample.js';
import { seedAd, signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;
let queues: PipelineQueues;
let connection: ReturnType<typeof createRedisConnection>;
let watchedAlertId = '';

beforeAll(async () => {
  fixture = await startUi();
  connection = createRedisConnection(must(fixture.config.redis.url));
  queues = new PipelineQueues(connection, fixture.config);
  const engine = new AlertEngine({
    config: fixture.config,
    store: fixture.store,
    queues,
    logger: silentLogger,
    env: {},
  });
  // A watched phone in a flagged ad raises an alert through the real rules.
  await fixture.store.watchlist.put({
    _id: 'tel:+37491234567',
    kind: 'phone',
    note: 'recruiter from case 12',
    addedBy: 'sona',
    addedAt: new Date(),
  });
  const adId = await seedAd(fixture, must(sampleAds[0]));
  const [watched] = await engine.afterLink(must(await fixture.store.ads.findById(adId)), null);
  watchedAlertId = must(watched, 'watched alert')._id;
  await engine.raise([
    {
      kind: AlertKind.Surge,
      eventKey: 'surge:destination:AE:2026-11-20T09:00:00.000Z',
      title: 'Surge of flagged ads: destination AE',
      // Scraped text can reach an alert; it must show as text, never run as HTML.
      detail: '<img src=x onerror="window.__hacked=1"> 7 flagged ads in the last 1 h',
      target: { dimension: 'destination', value: 'AE' },
    },
  ]);
});

afterAll(async () => {
  await queues?.close();
  connection?.disconnect();
  await fixture?.close();
});

describe('alerts in a real browser', () => {
  it('shows open alerts with a badge, and acknowledging one lowers the count', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      const badge = page.getByTestId('open-alerts');
      await expect.poll(() => badge.textContent()).toBe('2');
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: /Alerts/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
      const rows = page.locator('tr.alert-row');
      await rows.nth(1).waitFor();
      expect(await rows.count()).toBe(2);
      const watchedRow = page.locator(`tr[data-alert-id="${watchedAlertId}"]`);
      expect(await watchedRow.locator('.alert-kind').textContent()).toBe('Watched contact');
      expect(await watchedRow.textContent()).toContain('recruiter from case 12');
      expect(await watchedRow.getByRole('link', { name: 'Contact' }).getAttribute('href')).toBe(
        `#/entity/${encodeURIComponent('tel:+37491234567')}`,
      );
      // The hostile detail is text.
      expect(await page.getByText('<img src=x onerror=').count()).toBe(1);
      expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBeUndefined();
      await snap(page, 'alerts');

      await watchedRow.getByRole('button', { name: 'Acknowledge' }).click();
      await expect.poll(() => badge.textContent()).toBe('1');
      expect(await watchedRow.locator('.status').textContent()).toBe('Acknowledged');
      expect(await watchedRow.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
      await watchedRow.getByRole('combobox').selectOption('boris');
      await expect
        .poll(async () => (await fixture.store.alerts.findById(watchedAlertId))?.assignee)
        .toBe('boris');

      // The open filter no longer lists it; the link a delivery carries still finds it.
      const tabs = page.getByRole('group', { name: 'Filter by alert status' });
      await tabs.getByRole('button', { name: 'Acknowledged' }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-alert-id')).toBe(watchedAlertId);
      await tabs.getByRole('button', { name: 'Open', exact: true }).click();
      await expect
        .poll(() => page.locator(`tr[data-alert-id="${watchedAlertId}"]`).count())
        .toBe(0);
      expect(await rows.count()).toBe(1);
      await page.goto(`${fixture.baseUrl}/#/alerts/${watchedAlertId}`);
      await page.locator(`tr.alert-row.focused[data-alert-id="${watchedAlertId}"]`).waitFor();
      const acknowledged = await fixture.store.audit.list({ actor: 'anna' }, null, 20);
      expect(acknowledged.items.map((e) => e.action)).toEqual(
        expect.arrayContaining(['alert_acknowledge', 'alert_assign']),
      );
    } finally {
      await context.close();
    }
  });

  it('lets a supervisor add and remove watch-list entries', async () => {
    const { context, page } = await signIn(fixture, 'sona');
    try {
      await page.goto(`${fixture.baseUrl}/#/watchlist`);
      await page.getByRole('heading', { level: 1, name: 'Watch-list' }).waitFor();
      const form = page.getByRole('form', { name: 'Watch' });
      await form.getByLabel('Type').selectOption('employer');
      await form.getByLabel('Phone, address, handle or name').fill('ООО «Гранд Тур»');
      await form.getByLabel('Note').fill('agency under investigation');
      await form.getByRole('button', { name: 'Watch' }).click();
      const row = page.locator('tr', { hasText: 'employer:гранд тур' });
      await row.waitFor();
      expect(await row.textContent()).toContain('agency under investigation');
      await snap(page, 'watchlist');
      await row.getByRole('button', { name: 'Stop watching' }).click();
      await row.waitFor({ state: 'detached' });
      expect(await fixture.store.watchlist.matching(['employer:гранд тур'])).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
