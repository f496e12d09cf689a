import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacket } from '../../evidence/index.js';
import { testClassification } from '../helpers/seed.js';
import { must, waitFor } from '../helpers/services.js';
import { sampleAds } from './ads.sample.js';
import { seedAd, signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;
const ids: string[] = [];

beforeAll(async () => {
  fixture = await startUi();
  for (const ad of sampleAds) ids.push(await seedAd(fixture, ad));
});

afterAll(async () => {
  await fixture?.close();
});

/** Titles of the queue rows, top to bottom. */
const rowTitles = (page: Page) => page.locator('tr.ad-row .col-title a').allTextContents();
const focusedTitle = (page: Page) =>
  page.locator('tr.ad-row[aria-current="true"] .col-title a').textContent();

describe('the triage queue in a real browser', () => {
  it('lists flagged ads by risk with their indicators, and moves with j/k and opens with Enter', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      await page
        .locator('tr.ad-row')
        .nth(sampleAds.length - 1)
        .waitFor();
      const titles = await rowTitles(page);
      expect(titles).toHaveLength(sampleAds.length);
      // Highest score first: the Russian ad scores 100, the Armenian one lowest.
      expect(titles[0]).toBe('Работа в Турции для девушек');
      expect(titles[2]).toBe('Աշխատանք Դուբայում աղջիկների համար');
      await expect
        .poll(() => page.locator('.tab[aria-pressed="true"] .tab-count').textContent())
        .toBe('3');
      expect(await page.locator('tr.ad-row').first().locator('.chip').count()).toBeGreaterThan(3);
      await snap(page, 'triage');

      expect(await focusedTitle(page)).toBe(titles[0]);
      await page.keyboard.press('j');
      expect(await focusedTitle(page)).toBe(titles[1]);
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      expect(await focusedTitle(page)).toBe(titles[1]);

      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await snap(page, 'help-overlay');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: titles[1] }).waitFor();
      expect(page.url()).toContain('#/ad/');
      // Evidence is highlighted inside the text and explained on focus.
      const marks = page.locator('[data-testid="ad-text"] mark');
      expect(await marks.count()).toBeGreaterThan(2);
      await marks.first().focus();
      await expect.poll(() => page.locator('.explain').textContent()).toMatch(/weight/);
      expect(await page.getByText('+37491234567').count()).toBeGreaterThan(0);
      // The Armenian ad gives the same phone number, so it is listed as related.
      const related = page.getByRole('region', { name: 'Related ads' });
      expect(await related.getByRole('link').allTextContents()).toContain(titles[2]);
      await snap(page, 'ad-view');

      // j/k walk the queue from the ad view too; Esc returns to the queue on the ad last seen.
      await page.keyboard.press('j');
      await page.getByRole('heading', { level: 1, name: titles[2] }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
      expect(await focusedTitle(page)).toBe(titles[2]);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe(titles[2]);
    } finally {
      await context.close();
    }
  });

  it('opens the page of a phone from the ad view: its ads, co-occurring contacts and graph', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      await page.goto(`${fixture.baseUrl}/#/ad/${must(ids[0])}`);
      const facts = page.getByRole('region', { name: 'Extracted facts' });
      await facts.getByRole('link', { name: '+37491234567', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Phone\s+\+37491234567/ }).waitFor();
      expect(page.url()).toContain('#/entity/tel%3A%2B37491234567');
      // Both ads that give the number, newest first, each linking to its ad page.
      const ads = page.getByRole('region', { name: 'Ads, newest first' });
      expect(await ads.getByRole('link').allTextContents()).toEqual([
        must(sampleAds[2]).title,
        must(sampleAds[0]).title,
      ]);
      const together = page.getByRole('region', { name: 'Seen together with' });
      expect(await together.getByRole('link').allTextContents()).toEqual(
        expect.arrayContaining(['telegram: dubai_easy_job', 'telegram: dubai_girls_job']),
      );
      // Cytoscape draws the neighbourhood (2 ads and their contacts) on canvases.
      const graph = page.getByTestId('entity-graph');
      await graph.locator('canvas').first().waitFor();
      const label = must(await graph.getAttribute('aria-label'));
      expect(Number(/Graph of (\d+)/.exec(label)?.[1])).toBeGreaterThanOrEqual(5);
      await page.waitForTimeout(300);
      await snap(page, 'entity');

      // Another contact's page opens from the co-occurring list.
      await together.getByRole('link', { name: 'telegram: dubai_girls_job' }).click();
      await page.getByRole('heading', { level: 1, name: /dubai_girls_job/ }).waitFor();
      await graph.locator('canvas').first().waitFor();
      const audit = (await fixture.store.audit.list({ actor: 'anna' }, null, 50)).items;
      expect(audit.filter((e) => e.action === 'entity_view')).toHaveLength(2);
    } finally {
      await context.close();
    }
  });

  it('shows the indicators and the text model apart next to the score, with help on each', async () => {
    // The Dubai ad as a newer classifier would store it: with the model's points, re-scored.
    const id = must(ids[0]);
    const stored = must(await fixture.store.ads.findById(id), 'ad');
    const classification = must(stored.classification, 'classification');
    const { rules, model, modelWeight } = classification.components;
    await fixture.store.ads.saveClassification(
      id,
      { ...classification, components: { ...classification.components, modelPoints: -4 } },
      {
        score: 41,
        flagged: false,
        versions: { classifier: '2.0.0', model: 'old', lexicon: 'old' },
        classifiedAt: new Date('2026-11-20T10:00:00Z'),
      },
    );
    const { context, page } = await signIn(fixture, 'anna');
    try {
      const compact = page.locator(`tr.ad-row[data-ad-id="${id}"] .score-parts-compact`);
      expect(await compact.locator('[aria-hidden="true"]').innerText()).toBe(
        `Ind. ${rules}\nText ${model}`,
      );
      // The Russian ad: where the English model had little say, the row shows no number for it.
      const russian = must((await fixture.store.ads.findById(must(ids[1])))?.classification);
      const silent = (russian.components.modelWeight ?? 1) < 0.1;
      expect(
        await page
          .locator(`tr.ad-row[data-ad-id="${ids[1]}"] .score-parts-compact [aria-hidden="true"]`)
          .innerText(),
      ).toBe(`Ind. ${russian.components.rules}\nText ${silent ? '–' : russian.components.model}`);
      expect(await compact.getAttribute('title')).toContain(
        `Trafficking indicators ${rules}/100 · Scam-like text (model, English only) ${model}/100`,
      );

      await page.goto(`${fixture.baseUrl}/#/ad/${id}`);
      await page.getByRole('heading', { level: 1, name: sampleAds[0]?.title }).waitFor();
      const parts = page.getByRole('region', { name: 'What the score is made of' });
      const rulesPart = parts.getByTestId('score-rules');
      const modelPart = parts.getByTestId('score-model');
      expect(await rulesPart.getByRole('term').textContent()).toContain('Trafficking indicators');
      expect(await rulesPart.getByRole('definition').innerText()).toBe(`${rules}/100`);
      expect(await modelPart.getByRole('term').textContent()).toContain(
        'Scam-like text (model, English only)',
      );
      expect(await modelPart.getByRole('definition').innerText()).toBe(
        `${model}/100, say ${Math.round(must(modelWeight) * 100)}%, −4 points`,
      );
      // Each part's help: a tooltip, and the description screen readers give its name.
      for (const [part, help] of [
        [rulesPart, /^The indicators found in this ad/],
        [modelPart, /English job scams/],
      ] as const) {
        expect(await part.getAttribute('title')).toMatch(help);
        const describedBy = must(await part.getByRole('term').getAttribute('aria-describedby'));
        expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(help);
      }
      expect(await parts.getByTestId('score-previous').innerText()).toMatch(
        /^Re-scored .+ by a newer classifier; before: 41, not flagged\.$/,
      );
      await rulesPart.hover();
      await snap(page, 'ad-score-parts');
    } finally {
      await context.close();
    }
  });

  it('downloads a signed evidence packet of the open ad that verifies intact', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      await page.locator('tr.ad-row').first().waitFor();
      await page.keyboard.press('Enter');
      const exportButton = page.getByRole('button', { name: 'Export evidence' });
      await exportButton.waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        exportButton.click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^adwatch-evidence-.+\.zip$/);
      const path = join(fixture.evidenceDir, 'from-ui.zip');
      await download.saveAs(path);
      const verdict = await verifyPacket(path);
      expect(verdict.intact, JSON.stringify(verdict.problems)).toBe(true);
      await page.getByText('Evidence packet downloaded').waitFor();
    } finally {
      await context.close();
    }
  });

  it('escalates with e and dismisses with d and a reason, recording both decisions', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      await page.locator('tr.ad-row').nth(2).waitFor();
      const first = must(await focusedTitle(page));
      const firstId = must(
        await page.locator('tr.ad-row[aria-current="true"]').getAttribute('data-ad-id'),
      );
      await page.keyboard.press('e');
      // The escalated ad leaves the "New" tab and focus moves on to the next ad.
      await expect.poll(() => rowTitles(page)).not.toContain(first);
      expect((await fixture.store.ads.findById(firstId))?.review.status).toBe('escalated');

      const secondId = must(
        await page.locator('tr.ad-row[aria-current="true"]').getAttribute('data-ad-id'),
      );
      await page.keyboard.press('d');
      const dialog = page.getByRole('dialog', { name: 'Dismiss this ad' });
      await dialog.getByRole('radio').first().waitFor();
      const reason = must(await dialog.locator('label').first().textContent())
        .replace(/^\d\s*/, '')
        .trim();
      await page.keyboard.press('1');
      await dialog.getByRole('button', { name: 'Dismiss' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The ad's status is written before its history event: wait for the event, then check both.
      await waitFor(
        async () =>
          (await fixture.store.reviews.history(secondId)).some((event) => event.to === 'dismissed'),
        { what: 'the dismissal to be recorded in the history' },
      );
      expect((await fixture.store.ads.findById(secondId))?.review.status).toBe('dismissed');
      const history = await fixture.store.reviews.history(secondId);
      expect(history.some((event) => event.reason === reason && event.user === 'anna')).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('tells the second of two analysts who changed the ad, and reloads it', async () => {
    const id = must(ids[2]);
    const anna = await signIn(fixture, 'anna');
    const boris = await signIn(fixture, 'boris');
    try {
      for (const { page } of [anna, boris]) {
        await page.goto(`${fixture.baseUrl}/#/ad/${id}`);
        await page.getByRole('heading', { level: 1, name: sampleAds[2]?.title }).waitFor();
      }
      await anna.page.keyboard.press('i');
      await waitFor(
        async () => (await fixture.store.ads.findById(id))?.review.status === 'in_review',
        {
          what: "anna's decision",
        },
      );
      await boris.page.keyboard.press('e');
      const conflict = boris.page.getByTestId('conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('changed by anna');
      expect((await fixture.store.ads.findById(id))?.review.status).toBe('in_review');
      await snap(boris.page, 'conflict');
      await conflict.getByRole('button', { name: 'Reload' }).click();
      await conflict.waitFor({ state: 'detached' });
      await expect
        .poll(() => boris.page.locator('.ad-meta .status').textContent())
        .toBe('In review');
    } finally {
      await anna.context.close();
      await boris.context.close();
    }
  });

  it('shows a newly flagged ad without a reload', async () => {
    const { context, page } = await signIn(fixture, 'boris');
    try {
      await page.locator('.live-dot.on').waitFor();
      // The server opens its MongoDB change stream lazily when the first browser connects, and the
      // driver establishes it asynchronously; an ad stored in that instant would not be announced.
      await page.waitForTimeout(2000);
      const before = (await rowTitles(page)).length;
      const title = 'Hostesses for Istanbul night club, 5000 USD a month';
      await seedAd(fixture, {
        url: 'https://jobs.example.am/ads/2001',
        title,
        body: 'Girls 18-25 for a night club in Istanbul, 5000 USD per month, no experience needed, free tickets, the employer keeps the passport. Telegram @istanbul_club_jobs',
      });
      await page.locator('tr.ad-row.fresh', { hasText: title }).waitFor();
      expect((await rowTitles(page)).length).toBe(before + 1);
      // The highest-risk ad is inserted at its rank, at the top.
      expect((await rowTitles(page))[0]).toBe(title);
    } finally {
      await context.close();
    }
  });

  it('switches to Armenian, with Armenian dates, and keeps the choice for the user across a reload', async () => {
    const { context, page } = await signIn(fixture, 'boris');
    try {
      await page.getByRole('button', { name: 'ՀԱՅ' }).click();
      await page.getByRole('heading', { name: 'Ստուգման հերթ' }).waitFor();
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Հերթ' }).count()).toBe(
        1,
      );
      await waitFor(
        async () => (await fixture.store.users.findByUsername('boris'))?.locale === 'hy',
        {
          what: 'the locale to be saved',
        },
      );
      await page.locator('tr.ad-row').first().waitFor();
      // Dates use Armenian month names (built by hand where Chromium lacks Armenian locale data).
      expect(await page.locator('tr.ad-row .col-date').first().textContent()).toMatch(
        /^\d{1,2} [\u0531-\u058F]+, \d{4} թ\., \d{2}:\d{2}$/,
      );
      await snap(page, 'triage-hy');
      await page.reload();
      await page.getByRole('heading', { name: 'Ստուգման հերթ' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('hy');
      await page.getByRole('button', { name: 'EN' }).click();
      await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows supervisors cases, the audit trail and health, and hides them from analysts', async () => {
    const analyst = await signIn(fixture, 'anna');
    try {
      const nav = analyst.page.getByRole('navigation', { name: 'Main navigation' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Triage', 'Alerts']);
    } finally {
      await analyst.context.close();
    }

    const { context, page } = await signIn(fixture, 'sona');
    try {
      await page.getByRole('link', { name: 'Cases' }).click();
      await page.getByLabel('Name').fill('Dubai hotel recruiter');
      await page.getByLabel('Description').fill('Same Telegram handle and phone across boards');
      await page.getByRole('button', { name: 'New case' }).click();
      await page.getByRole('link', { name: 'Dubai hotel recruiter' }).waitFor();

      // Ads selected in the queue go into a case from the bulk bar.
      await page.getByRole('link', { name: 'Triage' }).click();
      await page.getByRole('button', { name: /^All/ }).click();
      await page.locator('tr.ad-row').nth(2).waitFor();
      await page.locator('tr.ad-row').first().locator('a').focus();
      await page.keyboard.press('x');
      await page.getByRole('button', { name: 'Add to case…' }).click();
      const picker = page.getByRole('dialog', { name: 'Add to case' });
      await picker.getByLabel('Case').selectOption({ label: 'Dubai hotel recruiter' });
      await picker.getByRole('button', { name: 'Add to case' }).click();
      await page.getByText('Added to case Dubai hotel recruiter').waitFor();

      await page.getByRole('link', { name: 'Cases' }).click();
      await page.getByRole('link', { name: 'Dubai hotel recruiter' }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Remove from case' }).count())
        .toBe(1);
      await page.getByLabel('Ad ids, separated by spaces or commas').fill(ids.join(' '));
      await page.getByRole('button', { name: 'Add ads by id' }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Remove from case' }).count())
        .toBe(ids.length);
      await snap(page, 'case');
      await page.getByRole('link', { name: 'All cases' }).click();
      await page.getByRole('link', { name: 'Dubai hotel recruiter' }).waitFor();
      await snap(page, 'cases');

      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.locator('table.audit tbody tr').first().waitFor();
      await page.getByLabel('User').fill('anna');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(
          async () =>
            new Set(await page.locator('table.audit tbody tr td:nth-child(3)').allTextContents()),
        )
        .toEqual(new Set(['anna']));
      await snap(page, 'audit');

      await page.getByRole('link', { name: 'Health' }).click();
      await page.getByRole('heading', { name: 'Sources' }).waitFor();
      expect(await page.getByRole('rowheader', { name: 'list-am' }).count()).toBe(1);
      await snap(page, 'health');
    } finally {
      await context.close();
    }
  });
  it('notes with n, filters by day, and assigns a selection made with x in bulk', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      await page.getByRole('button', { name: /^All/ }).click();
      await expect.poll(() => page.locator('tr.ad-row').count()).toBe(sampleAds.length + 1);
      const firstId = must(
        await page.locator('tr.ad-row[aria-current="true"]').getAttribute('data-ad-id'),
      );

      await page.keyboard.press('n');
      const note = page.getByRole('dialog', { name: 'Add a note' });
      await note.getByRole('textbox').fill('Same phone as the Yerevan case <b>2025-17</b>');
      await page.keyboard.press('Control+Enter');
      await note.waitFor({ state: 'detached' });
      await waitFor(
        async () =>
          (await fixture.store.reviews.history(firstId)).some(
            (e) => e.note === 'Same phone as the Yerevan case <b>2025-17</b>',
          ),
        { what: 'the note' },
      );

      await page.getByLabel('Seen from').fill('2026-11-21');
      await page.getByLabel('Seen until').fill('2026-11-21');
      await expect.poll(() => rowTitles(page)).toEqual(['Работа в Турции для девушек']);
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await expect.poll(() => page.locator('tr.ad-row').count()).toBe(sampleAds.length + 1);

      await page.locator('tr.ad-row').first().locator('a').focus();
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
      await expect.poll(() => bar.locator('strong').textContent()).toBe('2 selected');
      const chosen = await page
        .locator('tr.ad-row.selected')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ad-id')));
      await page.keyboard.press('a');
      const assign = page.getByRole('dialog', { name: 'Assign (2)' });
      await assign.getByLabel('Assignee').selectOption('boris');
      await assign.getByRole('button', { name: 'Assign' }).click();
      await page.getByText('2 updated, 0 not changed').waitFor();
      for (const id of chosen)
        expect((await fixture.store.ads.findById(must(id)))?.review.assignee).toBe('boris');
      await expect
        .poll(() => page.locator('tr.ad-row .col-assignee', { hasText: 'boris' }).count())
        .toBe(2);

      await page.keyboard.press('Shift+A');
      await expect
        .poll(() => bar.locator('strong').textContent())
        .toBe(`${sampleAds.length + 1} selected`);
      await snap(page, 'triage-bulk');
      await page.keyboard.press('Escape');
      await bar.waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });

  it("lets an administrator repair queues from Bull Board's own page, and audits it", async () => {
    const { context, page } = await signIn(fixture, 'root');
    try {
      await page.goto(`${fixture.baseUrl}/admin/queues`);
      // What Bull Board's buttons send: same-origin requests without the dashboard's CSRF header.
      const call = (method: string, path: string) =>
        page.evaluate(
          async ([m, p]) => {
            const response = await fetch(p, { method: m });
            return { status: response.status, body: await response.text() };
          },
          [method, path],
        );
      const paused = (body: string) =>
        (JSON.parse(body) as { queues: { isPaused: boolean }[] }).queues.map((q) => q.isPaused);
      expect((await call('PUT', '/admin/queues/api/queues/pause')).status).toBe(200);
      expect(paused((await call('GET', '/admin/queues/api/queues')).body)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);
      expect((await call('PUT', '/admin/queues/api/queues/resume')).status).toBe(200);
      expect(paused((await call('GET', '/admin/queues/api/queues')).body)).toEqual([
        false,
        false,
        false,
        false,
        false,
      ]);
      const { items } = await fixture.store.audit.list({ actor: 'root' }, null, 20);
      expect(items.filter((e) => e.action === 'queue-admin')).toHaveLength(2);
    } finally {
      await context.close();
    }
  });

  it('lets an administrator add, reset and disable accounts, then log out', async () => {
    const { context, page } = await signIn(fixture, 'root');
    try {
      await page.getByRole('link', { name: 'Users' }).click();
      const form = page.getByRole('form', { name: 'Add user' });
      await form.getByLabel('Username').fill('gayane');
      await form.getByLabel('Role').selectOption('supervisor');
      await form.getByLabel('Initial password').fill('another long passphrase 7');
      await form.getByRole('button', { name: 'Add user' }).click();
      await page.getByText('User gayane added.').waitFor();
      const row = page.getByRole('row', { name: /gayane/ });
      expect(await row.getByRole('cell').first().textContent()).toBe('Supervisor');
      expect((await fixture.store.users.findByUsername('gayane'))?.role).toBe('supervisor');

      await row.getByRole('button', { name: 'Reset password' }).click();
      await page.getByLabel('New password for gayane').fill('a brand new passphrase 8');
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await page.getByText('Password of gayane reset.').waitFor();

      await row.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
      await row.getByText('Disabled').waitFor();
      expect((await fixture.store.users.findByUsername('gayane'))?.disabled).toBe(true);
      await snap(page, 'users');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Sign in to adwatch' }).waitFor();
      // The session is gone on the server too, not just hidden by the UI.
      expect((await page.request.get(`${fixture.baseUrl}/api/session`)).status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  // Last: its 90 ads, half of them flagged, would change the queue the tests above look at.
  it('draws a busy employer with about 200 nodes readably', async () => {
    // 90 ads of one employer, each with its own phone: 181 nodes two hops out.
    for (let n = 0; n < 90; n++) {
      const saved = await fixture.store.ads.saveExtracted({
        sourceId: n % 3 ? 'demo-jobs' : 'list-am',
        url: `https://jobs.example.am/busy/${n}`,
        ad: { title: `Busy ad ${n}`, body: 'Work abroad', employer: 'ООО «Busy Recruiting»' },
        seenAt: new Date(Date.UTC(2026, 9, 1 + (n % 28))),
      });
      await fixture.store.ads.saveClassification(
        saved.adId,
        testClassification(saved.contentHash, (n * 37) % 100, {
          phones: [{ e164: `+3749100${String(n).padStart(4, '0')}` }],
        }),
      );
    }
    const { context, page } = await signIn(fixture, 'anna');
    try {
      await page.goto(
        `${fixture.baseUrl}/#/entity/${encodeURIComponent('employer:busy recruiting')}`,
      );
      await page
        .getByRole('heading', { level: 1, name: /Employer\s+ООО «Busy Recruiting»/ })
        .waitFor();
      const graph = page.getByTestId('entity-graph');
      await graph.locator('canvas').first().waitFor();
      expect(await graph.getAttribute('aria-label')).toBe(
        'Graph of 181 ads and contacts with 180 links',
      );
      await page.waitForTimeout(500);
      await snap(page, 'entity-busy');
    } finally {
      await context.close();
    }
  });
});
