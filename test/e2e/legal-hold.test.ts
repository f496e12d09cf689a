import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/services.js';
import { sampleAds } from './ads.sample.js';
import { seedAd, signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;
let adId: string;

beforeAll(async () => {
  fixture = await startUi();
  const sample = must(sampleAds[0]);
  adId = await seedAd(fixture, { ...sample, url: 'https://jobs.example.am/ads/hold-ui' });
});
afterAll(async () => {
  await fixture.close();
});

describe('the legal hold control on the ad page', () => {
  it('lets a supervisor place and lift a hold with a reason; analysts only see it', async () => {
    const supervisor = await signIn(fixture, 'sona');
    try {
      const { page } = supervisor;
      await page.goto(`${fixture.baseUrl}/#/ad/${adId}`);
      const panel = page.getByTestId('retention-panel');
      await expect
        .poll(() => panel.getByTestId('legal-hold-state').textContent())
        .toBe('Not under legal hold: the retention policy applies.');
      const place = panel.getByRole('button', { name: 'Place legal hold' });
      expect(await place.isDisabled()).toBe(true);
      await panel.getByLabel('Reason').fill('prosecutor request 2027/51');
      await place.click();
      await expect
        .poll(() => panel.getByTestId('legal-hold-state').textContent())
        .toMatch(/^Under legal hold since .* \(sona\): prosecutor request 2027\/51$/);
      await panel.getByText('Legal hold placed.').waitFor();
      await snap(page, 'ad-legal-hold');
      expect(must(await fixture.store.ads.findById(adId)).legalHold).toMatchObject({
        reason: 'prosecutor request 2027/51',
        by: 'sona',
      });
    } finally {
      await supervisor.context.close();
    }

    const analyst = await signIn(fixture, 'anna');
    try {
      const { page } = analyst;
      await page.goto(`${fixture.baseUrl}/#/ad/${adId}`);
      const panel = page.getByTestId('retention-panel');
      await expect
        .poll(() => panel.getByTestId('legal-hold-state').textContent())
        .toContain('prosecutor request 2027/51');
      expect(await panel.getByRole('button').count()).toBe(0);
    } finally {
      await analyst.context.close();
    }

    const again = await signIn(fixture, 'sona');
    try {
      const { page } = again;
      await page.goto(`${fixture.baseUrl}/#/ad/${adId}`);
      const panel = page.getByTestId('retention-panel');
      await panel.getByLabel('Reason').fill('request withdrawn');
      await panel.getByRole('button', { name: 'Lift legal hold' }).click();
      await expect
        .poll(() => panel.getByTestId('legal-hold-state').textContent())
        .toBe('Not under legal hold: the retention policy applies.');
      expect(must(await fixture.store.ads.findById(adId)).legalHold).toBeUndefined();
      const actions = (await fixture.store.audit.list({ adId }, null, 10)).items.map(
        (e) => e.action,
      );
      expect(actions).toEqual(expect.arrayContaining(['legal_hold_set', 'legal_hold_clear']));
    } finally {
      await again.context.close();
    }
  });
});
