import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { ConfigError } from '../../core/index.js';

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-alerts-config-'));
  writeFileSync(join(dir, 'adwatch.yaml'), yaml);
  return loadConfig({ env: {}, cwd: dir });
}

function messageOf(yaml: string): string {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the alerts configuration', () => {
  it('has every rule on with the documented thresholds, and no channel, by default', () => {
    const { alerts, queues } = load('logLevel: info\n').config;
    expect(alerts.rules).toEqual({
      newCampaign: { enabled: true, minAds: 3, withinHours: 24 },
      reusedContact: { enabled: true, minAds: 5, minSources: 2 },
      surge: {
        enabled: true,
        windowHours: 1,
        baselineDays: 28,
        factor: 3,
        minCount: 5,
        by: ['destination', 'category', 'source'],
        checkEveryMinutes: 5,
      },
      watchlist: { enabled: true },
    });
    expect(alerts.webhooks).toEqual([]);
    expect(alerts.email).toBeUndefined();
    expect(alerts.retries).toEqual({ attempts: 8, backoffMillis: 5_000 });
    expect(queues.concurrency.alerts).toBe(2);
  });

  it('reads webhooks and e-mail, and keeps what is left out at its default', () => {
    const { alerts } = load(`
alerts:
  rules:
    surge: { factor: 4, by: [source] }
  webhooks:
    - { name: case-system, url: https://cases.unit.example/hook, secretEnv: HOOK_SECRET, events: [surge, watched] }
  email:
    smtp: { host: smtp.unit.example, port: 465, secure: true, user: adwatch, passwordEnv: SMTP_PASSWORD }
    from: adwatch@unit.example
    to: [duty@unit.example]
`).config;
    expect(alerts.rules.surge).toMatchObject({ factor: 4, by: ['source'], minCount: 5 });
    expect(alerts.webhooks[0]).toMatchObject({
      name: 'case-system',
      secretEnv: 'HOOK_SECRET',
      events: ['surge', 'watched'],
      timeoutMillis: 10_000,
    });
    expect(alerts.email?.smtp).toMatchObject({ port: 465, secure: true, user: 'adwatch' });
  });

  it('names the field of every mistake', () => {
    const message = messageOf(`
alerts:
  rules:
    newCampaign: { minAd: 3 }
    surge: { by: [country] }
  webhooks:
    - { name: hook, url: ftp://x.example/ }
    - { name: hook, url: https://x.example/, secret: short }
    - { name: other, url: https://x.example/, secret: a-long-enough-secret, secretEnv: HOOK, events: [everything] }
  email:
    smtp: { host: smtp.example, passwordEnv: PW }
    from: not-an-address
    to: []
  retries: { attempts: 0 }
`);
    for (const expected of [
      'alerts.rules.newCampaign: Unrecognized key: "minAd"',
      'alerts.rules.surge.by[0]: must be one of "destination", "category", "source"',
      'alerts.webhooks[0].url: must be an http:// or https:// URL',
      'alerts.webhooks[0].secret: set exactly one of secret (the key itself) or secretEnv',
      'alerts.webhooks[1].secret: must have at least 16 characters',
      'alerts.webhooks[2].events[0]: must be one of "new-campaign", "reused-contact", "surge", "watched"',
      'alerts.email.smtp.user: is needed with passwordEnv',
      'alerts.email.from: must be an e-mail address',
      'alerts.email.to: needs at least one address',
      'alerts.retries.attempts:',
    ])
      expect(message).toContain(expected);
  });

  it('refuses two webhooks of one name, and a webhook with both kinds of secret', () => {
    const message = messageOf(`
alerts:
  webhooks:
    - { name: hook, url: https://x.example/a, secret: a-long-enough-secret }
    - { name: hook, url: https://x.example/b, secret: a-long-enough-secret, secretEnv: HOOK }
`);
    expect(message).toContain('alerts.webhooks[1].secret: set exactly one of secret');
    expect(
      messageOf(`
alerts:
  webhooks:
    - { name: hook, url: https://x.example/a, secret: a-long-enough-secret }
    - { name: hook, url: https://x.example/b, secretEnv: HOOK }
`),
    ).toContain(
      'alerts.webhooks[1].name: "hook" is used by more than one webhook; names must be unique',
    );
  });

  it('rejects an unknown key in the alerts section', () => {
    expect(messageOf('alerts:\n  webhook: []\n')).toContain('alerts: Unrecognized key: "webhook"');
  });
});
