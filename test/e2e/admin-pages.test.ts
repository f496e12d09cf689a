import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allQueueNames } from '../../workers/index.js';
import { signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;

beforeAll(async () => {
  fixture = await startUi();
});
afterAll(async () => {
  await fixture.close();
});

describe('Bull Board in Chromium', () => {
  it('renders the queues for an admin, with its own CSP and nothing loaded from elsewhere', async () => {
    const { context, page } = await signIn(fixture, 'root');
    try {
      const origin = new URL(fixture.baseUrl).origin;
      const foreign: string[] = [];
      const failed: string[] = [];
      const consoleErrors: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(origin) && !request.url().startsWith('data:'))
          foreign.push(request.url());
      });
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });

      const response = await page.goto(`${fixture.baseUrl}/admin/queues`);
      const csp = String(response?.headers()['content-security-policy']);
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      for (const name of allQueueNames) {
        await page.getByText(name, { exact: true }).first().waitFor({ timeout: 20_000 });
      }
      await expect.poll(() => page.getByText('Loading', { exact: true }).count()).toBe(0);
      await snap(page, 'bull-board');
      expect(foreign).toEqual([]);
      expect(failed).toEqual([]);
      expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is refused to an analyst and to a visitor without a session', async () => {
    const anonymous = await fetch(`${fixture.baseUrl}/admin/queues`);
    expect(anonymous.status).toBe(401);
    const { context, page } = await signIn(fixture, 'anna');
    try {
      const response = await page.goto(`${fixture.baseUrl}/admin/queues`);
      expect(response?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});

describe('the built UI', () => {
  it('ships no source maps, and none is served', async () => {
    const index = await (await fetch(`${fixture.baseUrl}/`)).text();
    const scripts = [...index.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const js = await fetch(`${fixture.baseUrl}${script}`);
      expect(js.status).toBe(200);
      expect(await js.text()).not.toMatch(/sourceMappingURL=/);
      const map = await fetch(`${fixture.baseUrl}${script}.map`);
      expect(map.status).toBe(404);
    }
  });
});
