import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { AlertKind } from '../../config/index.js';
import type { AlertRecord, NewAlert } from '../../store/index.js';
import { registerAlertSchedule, startWorkers, type WorkerPool } from '../../workers/index.js';
import { seedAd } from '../dashboard/dashboard.fixture.js';
import { must, silentLogger, waitFor } from '../helpers/services.js';
import { startAlerts, type AlertsFixture } from './alerts.helpers.js';

const secret = 'a-long-webhook-secret-42';

interface HookRequest {
  headers: IncomingMessage['headers'];
  body: string;
  url: string;
}

/** A receiver that answers each POST with the next status of `statuses` (the last one repeats). */
async function startReceiver(statuses: number[]) {
  const requests: HookRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        url: request.url ?? '',
      });
      response.statusCode = statuses[Math.min(requests.length, statuses.length) - 1] ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    url: `http://127.0.0.1:${port}/hooks/adwatch?token=do-not-log-me`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local SMTP sink that keeps every message it receives, with password authentication. */
async function startSmtpSink() {
  const messages: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => {
      if (auth.username === 'alerts' && auth.password === 'smtp-password')
        callback(null, { user: auth.username });
      else callback(new Error('wrong password'));
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { messages, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const event: NewAlert = {
  kind: AlertKind.Watched,
  eventKey: 'watched:tel:+37494111222:ad-1',
  title: 'Watched phone in a flagged ad: +37494111222',
  detail: 'A flagged ad carries +37494111222, watched because: known recruiter.',
  target: { entityKey: 'tel:+37494111222', adId: 'ad-1' },
};

function verifySignature(request: HookRequest): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`;
  const got = String(request.headers['x-adwatch-signature'] ?? '');
  return got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}

describe('alert delivery', () => {
  let f: AlertsFixture | undefined;
  let pool: WorkerPool | undefined;
  const closers: Array<() => Promise<void>> = [];

  beforeEach(() => {
    closers.length = 0;
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    await f?.close();
    f = undefined;
    for (const close of closers) await close();
  });

  const deliveriesSettled = async (id: string) =>
    waitFor(
      async () => {
        const alert = await must(f).store.alerts.findById(id);
        return alert?.deliveries.every((d) => d.status !== 'pending') ? alert : undefined;
      },
      { what: 'every delivery sent or failed', timeoutMillis: 30_000, intervalMillis: 100 },
    );

  it('signs webhooks, retries one that fails, e-mails through SMTP, and never sends twice', async () => {
    const receiver = await startReceiver([500, 200]);
    const sink = await startSmtpSink();
    closers.push(receiver.close, sink.close);
    f = await startAlerts(
      {
        webhooks: [
          { name: 'case-system', url: receiver.url, secretEnv: 'HOOK_SECRET' },
          { name: 'surges-only', url: receiver.url, secret, events: ['surge'] },
        ],
        email: {
          smtp: {
            host: '127.0.0.1',
            port: sink.port,
            user: 'alerts',
            passwordEnv: 'SMTP_PASSWORD',
          },
          from: 'adwatch@unit.example',
          to: ['duty@unit.example', 'lead@unit.example'],
        },
        retries: { attempts: 3, backoffMillis: 100 },
        dashboardUrl: 'https://adwatch.unit.example/',
      },
      { HOOK_SECRET: secret, SMTP_PASSWORD: 'smtp-password' },
    );
    pool = startWorkers(f.context, { redisUrl: inject('redisUrl'), queues: ['alerts'] });

    const [alert] = await f.engine.raise([event]);
    const id = must(alert, 'alert')._id;
    expect(alert?.deliveries.map((d) => d.channel)).toEqual(['webhook:case-system', 'email']);
    const settled: AlertRecord = await deliveriesSettled(id);

    expect(settled.deliveries).toEqual([
      expect.objectContaining({ channel: 'webhook:case-system', status: 'sent', attempts: 2 }),
      expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1 }),
    ]);
    // The failed attempt is recorded without the URL's token.
    const hook = settled.deliveries[0];
    expect(hook?.lastError).toContain('HTTP 500');
    expect(hook?.lastError).not.toContain('do-not-log-me');

    expect(receiver.requests).toHaveLength(2);
    for (const request of receiver.requests) {
      expect(verifySignature(request)).toBe(true);
      expect(request.headers['x-adwatch-timestamp']).toMatch(/^\d{10}$/);
      expect(request.headers['content-type']).toMatch(/^application\/json/);
    }
    const body = JSON.parse(receiver.requests[1]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      id,
      kind: 'watched',
      title: event.title,
      detail: event.detail,
      target: event.target,
      firedAt: f.clock.now.toISOString(),
      url: `https://adwatch.unit.example/#/alerts/${id}`,
    });

    expect(sink.messages).toHaveLength(1);
    const mail = must(sink.messages[0]);
    expect(mail.from).toBe('adwatch@unit.example');
    expect(mail.to).toEqual(['duty@unit.example', 'lead@unit.example']);
    const text = mail.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=');
    expect(text).toContain(`Subject: [adwatch] ${event.title}`);
    expect(text).toContain(`https://adwatch.unit.example/#/alerts/${id}`);

    // A delivery's outcome is recorded on the alert before its audit entry: wait for the entries.
    const trail = await waitFor(
      async () => {
        const items = (await must(f).store.audit.list({ actor: 'system' }, null, 20)).items;
        return items.length >= 4 ? items.reverse() : undefined;
      },
      { what: 'the audit entries of both deliveries' },
    );
    expect(
      trail.map((e) => [e.action, e.details.channel ?? null, e.details.status ?? null]),
    ).toEqual(
      expect.arrayContaining([
        ['alert_raise', null, null],
        ['alert_delivery', 'webhook:case-system', 'pending'],
        ['alert_delivery', 'webhook:case-system', 'sent'],
        ['alert_delivery', 'email', 'sent'],
      ]),
    );
    expect(trail).toHaveLength(4);
    expect(JSON.stringify(trail)).not.toContain(secret);

    // The same event again raises nothing and sends nothing; a repeated job finds it done.
    expect(await f.engine.raise([event])).toEqual([]);
    expect(await f.engine.deliverer.deliver(id, 'webhook:case-system', 1, 3)).toBe('already-done');
    expect(receiver.requests).toHaveLength(2);
    expect(sink.messages).toHaveLength(1);
  });

  it('gives up after the last attempt, and at once when the secret is missing', async () => {
    const receiver = await startReceiver([503]);
    closers.push(receiver.close);
    f = await startAlerts({
      webhooks: [
        { name: 'down', url: receiver.url, secret },
        { name: 'no-secret', url: receiver.url, secretEnv: 'UNSET_SECRET' },
      ],
      retries: { attempts: 2, backoffMillis: 100 },
    });
    pool = startWorkers(f.context, { redisUrl: inject('redisUrl'), queues: ['alerts'] });
    const [alert] = await f.engine.raise([event]);
    const settled = await deliveriesSettled(must(alert)._id);
    expect(settled.deliveries).toEqual([
      expect.objectContaining({ channel: 'webhook:down', status: 'failed', attempts: 2 }),
      expect.objectContaining({ channel: 'webhook:no-secret', status: 'failed', attempts: 1 }),
    ]);
    expect(settled.deliveries[0]?.lastError).toMatch(/ADW_ALERT_DELIVERY_FAILED: .*HTTP 503/);
    expect(settled.deliveries[1]?.lastError).toContain(
      'alerts.webhooks[1].secretEnv: the environment variable UNSET_SECRET is not set',
    );
    expect(receiver.requests).toHaveLength(2);
  });

  it('schedules the surge check on the alerts queue, whose job raises surge alerts', async () => {
    f = await startAlerts({ rules: { surge: { minCount: 3, checkEveryMinutes: 10 } } });
    const fixture = f;
    await registerAlertSchedule(fixture.queues, fixture.config.alerts.rules, silentLogger);
    const schedulers = await fixture.queues.alerts.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([['alert-surge-check', 600_000]]);
    for (let i = 0; i < 3; i++)
      await seedAd(fixture.store, {
        url: `https://burst.test/${i}`,
        sourceId: 'burst-board',
        firstSeenAt: new Date(fixture.clock.now.getTime() - 600_000),
      });
    pool = startWorkers(fixture.context, { redisUrl: inject('redisUrl'), queues: ['alerts'] });
    await fixture.queues.alerts.add('surge', { kind: 'surge' });
    const [surge] = await waitFor(
      async () => {
        const { items } = await fixture.store.alerts.list({ kind: AlertKind.Surge }, null, 10);
        return items.length > 0 ? items : undefined;
      },
      { what: 'a surge alert', timeoutMillis: 30_000, intervalMillis: 100 },
    );
    expect(surge?.target).toEqual({ dimension: 'source', value: 'burst-board' });
    // With the rule off, the schedule goes.
    const off = {
      ...fixture.config.alerts.rules,
      surge: { ...fixture.config.alerts.rules.surge, enabled: false },
    };
    await registerAlertSchedule(fixture.queues, off, silentLogger);
    expect(await fixture.queues.alerts.getJobSchedulers()).toEqual([]);
  });
});
