import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allQueueNames } from '../../workers/index.js';
import { must } from '../helpers/services.js';
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

describe('the users screen in Chromium', () => {
  it('shows a locked account, and an admin unlocks it, audited', async () => {
    const { store } = fixture;
    // A lock as failed logins leave it: one failure is enough under this policy.
    const lockedUntil = must(
      await store.users.recordFailedLogin('boris', new Date(), {
        maxFailures: 1,
        windowMillis: 15 * 60_000,
        lockMillis: 15 * 60_000,
      }),
      'lock',
    );
    // The browser context runs in Asia/Yerevan (ui.fixture.ts).
    const time = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Yerevan',
    }).format(lockedUntil);

    const { context, page } = await signIn(fixture, 'root');
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      const row = (name: string) =>
        page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      await row('boris').getByText(`Locked until ${time}`, { exact: true }).waitFor();
      // Only the locked account shows a lock or an Unlock button.
      await expect.poll(() => page.getByText(/^Locked until/).count()).toBe(1);
      await expect.poll(() => page.getByRole('button', { name: 'Unlock' }).count()).toBe(1);
      await snap(page, 'users-locked');

      await row('boris').getByRole('button', { name: 'Unlock' }).click();
      await page
        .getByRole('status')
        .getByText('User boris unlocked: they can sign in again.', { exact: true })
        .waitFor();
      await expect
        .poll(() =>
          row('boris')
            .getByText(/^Locked until/)
            .count(),
        )
        .toBe(0);
      await expect.poll(() => page.getByRole('button', { name: 'Unlock' }).count()).toBe(0);
      await snap(page, 'users-unlocked');
    } finally {
      await context.close();
    }

    await expect
      .poll(async () => (await store.users.findByUsername('boris'))?.lockedUntil)
      .toBeNull();
    const entries = async () =>
      (await store.audit.list({ actor: 'root' }, null, 50)).items.filter(
        (entry) => entry.action === 'user_unlock',
      );
    await expect.poll(entries).toEqual([
      expect.objectContaining({
        role: 'admin',
        target: { username: 'boris' },
        details: { lockedUntil: lockedUntil.toISOString() },
      }),
    ]);
    // And the owner signs in again.
    const owner = await signIn(fixture, 'boris');
    await owner.context.close();
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
