import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDecisionCases } from '../helpers/decisions.js';
import { signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;

beforeAll(async () => {
  fixture = await startUi();
  await seedDecisionCases(fixture.store, fixture.classifier);
});

afterAll(async () => {
  await fixture?.close();
});

describe('the indicator-quality screen in Chromium', () => {
  it('lists indicators by precision, opens the dismissed ads, previews and saves a change, sets and reverts a threshold', async () => {
    const { context, page } = await signIn(fixture, 'sona');
    try {
      await page.getByRole('link', { name: 'Indicator quality' }).click();
      await page.getByRole('heading', { level: 1, name: 'Indicator quality' }).waitFor();
      await expect
        .poll(() => page.getByTestId('quality-totals').textContent())
        .toBe('6 reviewed ads: 3 confirmed, 3 dismissed');

      // Lowest precision first.
      const risk = page.getByTestId('quality-table-confirmed');
      const precisions = (await risk.getByTestId('precision').allTextContents()).map((text) =>
        Number.parseFloat(text),
      );
      expect(precisions.length).toBeGreaterThan(3);
      expect(precisions).toEqual([...precisions].sort((a, b) => a - b));
      const abroad = risk.locator('tr[data-indicator="work-abroad"]');
      // The legitimacy signals apart, by their share dismissed: both were on dismissed ads.
      const legitimacy = page.getByTestId('quality-table-dismissed');
      expect(await legitimacy.locator('tr[data-indicator]').count()).toBe(2);
      expect(await legitimacy.getByTestId('precision').allTextContents()).toEqual([
        '100 %',
        '100 %',
      ]);
      expect(await abroad.getByTestId('precision').textContent()).toBe('75 %');

      // Its dismissed ads, with the reason and the evidence, linking to the ad page.
      await abroad.getByRole('button', { name: 'Dismissed ads' }).click();
      const dismissed = page.getByTestId('dismissed-ads');
      await dismissed.getByRole('link', { name: 'Водитель' }).waitFor();
      expect(await dismissed.textContent()).toContain('legitimate employer');
      expect(
        await page.getByRole('heading', { name: 'Evidence most often dismissed' }).count(),
      ).toBe(1);
      await snap(page, 'indicator-quality');

      // A weight change for Russian only, previewed on the decided ads, then saved.
      await abroad.getByRole('button', { name: 'Propose a change' }).click();
      const proposal = page.getByTestId('proposal');
      await expect
        .poll(() => proposal.getByLabel('Indicator', { exact: true }).inputValue())
        .toBe('work-abroad');
      await proposal.getByLabel('Language', { exact: true }).selectOption('ru');
      await proposal.getByLabel('Weight', { exact: true }).fill('5');
      await proposal.getByRole('button', { name: 'Preview' }).click();
      await expect
        .poll(() => proposal.getByTestId('preview-appear').textContent())
        .toBe('Flags that appear: 1 (0 confirmed)');
      expect(await proposal.getByTestId('preview-disappear').textContent()).toBe(
        'Flags that disappear: 0 (0 confirmed)',
      );
      await snap(page, 'indicator-quality-preview');
      await proposal.getByLabel('Note (why)').fill('Moscow driver jobs are ordinary');
      await proposal.getByRole('button', { name: 'Save as new lexicon version' }).click();
      await page.getByText('Saved as version o1.').waitFor();
      const history = page.getByTestId('history');
      await history.getByText('o1').waitFor();
      expect(await history.locator('tr', { hasText: 'o1' }).textContent()).toContain('in force');

      // The threshold: 60 from the configuration, then 50 saved over it.
      const threshold = page.getByTestId('threshold');
      await expect
        .poll(() => threshold.getByTestId('threshold-in-force').textContent())
        .toBe('In force: 60 (configuration)');
      expect(await threshold.locator('figure[data-lang="ru"]').count()).toBe(1);
      await threshold.getByTestId('threshold-input').fill('50');
      await threshold.getByRole('button', { name: 'Save threshold' }).click();
      await expect
        .poll(() => page.getByTestId('threshold').getByTestId('threshold-in-force').textContent())
        .toBe('In force: 50 (saved in version o2)');
      await snap(page, 'indicator-quality-threshold');

      // Revert the threshold version: the configured threshold is in force again.
      const o2 = page.getByTestId('history').locator('tr', { hasText: 'o2' });
      await o2.getByRole('button', { name: 'Revert' }).click();
      await o2.getByRole('button', { name: 'Revert' }).click();
      await expect
        .poll(() => page.getByTestId('threshold').getByTestId('threshold-in-force').textContent())
        .toBe('In force: 60 (configuration)');
      await page.getByTestId('history').getByText('revert of o2').waitFor();

      const { items } = await fixture.store.audit.list({ actor: 'sona' }, null, 50);
      expect(
        items
          .map((e) => e.action)
          .filter((a) => ['lexicon_change', 'threshold_change', 'lexicon_revert'].includes(a))
          .reverse(),
      ).toEqual(['lexicon_change', 'threshold_change', 'lexicon_revert']);
    } finally {
      await context.close();
    }
  });

  it('is not offered to an analyst, and refused when opened by its address', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      expect(await page.getByRole('link', { name: 'Indicator quality' }).count()).toBe(0);
      await page.goto(`${fixture.baseUrl}/#/quality`);
      await page.getByText('Your role does not allow this.').waitFor();
    } finally {
      await context.close();
    }
  });
});
