import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/services.js';
import {
  openLogin,
  seedAd,
  signIn,
  snap,
  startUi,
  password,
  type UiFixture,
} from './ui.fixture.js';

let fixture: UiFixture;
let attacker: Server;
const attackerHits: string[] = [];
let attackerUrl = '';

beforeAll(async () => {
  // Stands in for a server the ad's author controls: any request reaching it is a leak.
  attacker = createServer((request, response) => {
    attackerHits.push(`${request.method ?? ''} ${request.url ?? ''}`);
    response.end('gotcha');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  fixture = await startUi();
});

afterAll(async () => {
  await fixture?.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

describe('hostile ads and the security of the served UI', () => {
  it('shows script and HTML in an ad as inert text and never contacts the attacker', async () => {
    const title = `<script>alert('title')</script> Dancers for Dubai <img src=x onerror=alert(1)>`;
    const body = [
      'Girls 18-25 for Dubai clubs, 5000 USD a month, no experience, free tickets, passport kept by employer.',
      `<img src="${attackerUrl}/body.png" onerror="alert(2)">`,
      `<a href="javascript:alert(3)">apply here</a>`,
      `<iframe src="${attackerUrl}/frame"></iframe><script src="${attackerUrl}/body.js"></script>`,
      'Telegram @club_dubai_xss',
    ].join('\n');
    const rawHtml = `<!doctype html><html><head><link rel="stylesheet" href="${attackerUrl}/raw.css">
<script>alert('raw'); fetch('${attackerUrl}/raw-fetch');</script></head>
<body onload="alert('onload')"><h1>${title}</h1><img src="${attackerUrl}/raw.png" onerror="alert(4)">
<a href="javascript:alert(5)">apply</a><form action="${attackerUrl}/form"><input name=q></form>
<iframe src="${attackerUrl}/raw-frame"></iframe><meta http-equiv="refresh" content="0;url=${attackerUrl}/refresh"></body></html>`;
    const id = await seedAd(fixture, {
      url: 'https://jobs.example.am/ads/666',
      title,
      body,
      rawHtml,
    });

    const { context, page } = await signIn(fixture, 'anna');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.locator('tr.ad-row').first().waitFor();
      // The title is text in the queue, not markup.
      expect(await page.locator('tr.ad-row .col-title a').first().textContent()).toBe(title);
      await page.keyboard.press('Enter');
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      expect(await heading.textContent()).toBe(title);
      const text = must(await page.getByTestId('ad-text').textContent());
      expect(text).toContain(`<a href="javascript:alert(3)">apply here</a>`);
      expect(text).toContain(`<img src="${attackerUrl}/body.png" onerror="alert(2)">`);
      expect(
        await page
          .locator(
            '.ad-view img[src*="127.0.0.1"], .ad-view a[href^="javascript:"], .ad-view script',
          )
          .count(),
      ).toBe(0);

      await page.getByRole('button', { name: 'Show raw page (sandboxed)' }).click();
      const frame = page.locator('iframe.raw-frame');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      expect(await frame.getAttribute('src')).toBe(`/api/ads/${id}/raw/view`);
      // The captured page renders in the frame (its heading is there), but nothing in it runs or loads.
      await page.frameLocator('iframe.raw-frame').locator('h1').waitFor();
      // The frame's load event comes after every resource it tried to load, so an attacker's
      // image or script would have been requested by then. (Not 'networkidle': the dashboard's
      // live updates keep a connection open, so the page as a whole need not go quiet.)
      const rawFrame = must(page.frames().find((f) => f.url().endsWith(`/api/ads/${id}/raw/view`)));
      await rawFrame.waitForLoadState('load');
      await snap(page, 'hostile-ad');

      const download = await page.request.get(`${fixture.baseUrl}/api/ads/${id}/raw`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-disposition']).toMatch(/^attachment/);
      expect(download.headers()['content-type']).not.toMatch(/html/);
      expect(await download.text()).toContain('<script>');
      expect(dialogs).toEqual([]);
      expect(attackerHits).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('serves the UI with a CSP that allows no inline script and no framing, and nosniff', async () => {
    const response = await fetch(`${fixture.baseUrl}/`);
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    expect(html).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
    // No inline script in the built page: every <script> has a src.
    expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
    const csp = must(response.headers.get('content-security-policy'));
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('stops this address after three wrong passwords, before the account locks', async () => {
    const { context, page } = await openLogin(fixture);
    try {
      await snap(page, 'login');
      const error = page.getByTestId('login-error');
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await page.getByLabel('Username').fill('boris');
        await page.getByLabel('Password').fill(`wrong password ${attempt}`);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await error.waitFor();
        expect(await error.textContent()).toMatch(/wrong username or password/i);
      }
      await page.getByLabel('Username').fill('boris');
      await page.getByLabel('Password').fill(password);
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/login')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      expect(refused.status()).toBe(429);
      await expect.poll(() => error.textContent()).toMatch(/too many sign-in attempts/i);
      expect(await page.getByRole('heading', { name: 'Sign in to adwatch' }).count()).toBe(1);
      // The account itself is not locked, so its owner can still sign in from another address.
      const user = must(await fixture.store.users.findByUsername('boris'));
      expect(user.lockedUntil).toBeNull();
      expect(user.failedLogins).toBe(3);
      await snap(page, 'login-throttled');
      // Another analyst is not affected.
      await page.getByLabel('Username').fill('anna');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
