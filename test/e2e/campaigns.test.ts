import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredFingerprinter } from '../../classifiers/index.js';
import { linkAd } from '../../workers/index.js';
import { must } from '../helpers/services.js';
import { seedAd, signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;
const reposts: string[] = [];
let campaign = '';

/** One offer, reposted with other numbers, another title and its lines in another order. */
const offer = (pay: number, phone: string): string[] => [
  `Девушки 18-25 лет на работу хостес в ночной клуб в Дубае, зарплата от ${pay}$ в месяц.`,
  'Билеты и визу оплачиваем, жильё бесплатно, опыт не нужен, знание языка не требуется.',
  'Фото в купальнике присылайте в WhatsApp, вылет группой на следующей неделе.',
  `Пишите только в WhatsApp ${phone}.`,
];

beforeAll(async () => {
  fixture = await startUi();
  const variants = [
    { title: 'Хостес в Дубай, от 4000$', lines: offer(4000, '+971 50 123 4567') },
    { title: 'Работа в Дубае для девушек', lines: offer(4500, '+971 55 765 4321') },
    {
      title: 'Клуб в Дубае ищет девушек',
      lines: [...offer(5000, '+971 52 111 2233')].reverse(),
    },
  ];
  for (const [i, variant] of variants.entries()) {
    reposts.push(
      await seedAd(fixture, {
        url: `https://board.example/ads/dubai-${i}`,
        title: variant.title,
        body: variant.lines.join('\n'),
        sourceId: i === 1 ? 'list-am' : 'demo-jobs',
        seenAt: new Date(Date.UTC(2026, 10, 1 + i)),
      }),
    );
  }
  const fingerprinter = new StoredFingerprinter();
  for (const id of reposts) {
    const ad = must(await fixture.store.ads.findById(id), id);
    await linkAd(fixture.store, fingerprinter, id, ad.contentHash);
  }
  campaign = must((await fixture.store.ads.findById(must(reposts[0])))?.campaignId, 'campaign');
});

afterAll(async () => {
  await fixture?.close();
});

describe('campaigns in a real browser', () => {
  it('shows a campaign as one triage row, expands it, and opens the campaign page', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      const rows = page.locator('table.queue tbody tr.ad-row');
      await rows.first().waitFor();
      // Three reposts, one row: the analyst reviews the offer once.
      expect(await rows.count()).toBe(1);
      const chip = page.getByRole('button', { name: /campaign · 3 ads/ });
      await chip.click();
      await expect.poll(() => page.locator('tr.campaign-sub').count()).toBe(2);
      await snap(page, 'triage-campaign');

      await page.getByRole('link', { name: 'Open campaign' }).click();
      await page.getByRole('heading', { level: 1, name: /Campaign/ }).waitFor();
      expect(await page.locator('h1 code').textContent()).toBe(campaign);
      // The template marks the rotated phone and amount as slots, and keeps the shared text plain.
      const template = page.locator('.template-text');
      expect(await template.textContent()).toContain('ночной клуб в Дубае');
      expect(await template.locator('mark.template-slot').count()).toBeGreaterThan(0);
      expect(await page.locator('.timeline-lane').count()).toBe(2);
      expect(await page.locator('.timeline-dot').count()).toBe(3);
      await snap(page, 'campaign');

      await page.getByRole('button', { name: 'Escalate all' }).click();
      await page.getByRole('status').filter({ hasText: 'Applied to 3 ads' }).waitFor();
      const statuses = await Promise.all(
        reposts.map(async (id) => (await fixture.store.ads.findById(id))?.review.status),
      );
      expect(statuses).toEqual(['escalated', 'escalated', 'escalated']);
      const trail = (await fixture.store.audit.list({ actor: 'anna' }, null, 50)).items;
      expect(trail.filter((e) => e.action === 'campaign_status')).toHaveLength(3);
    } finally {
      await context.close();
    }
  });
});
