import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertKind } from '../../config/index.js';
import type { NewAlert } from '../../store/index.js';
import type { AlertInfo } from '../../dashboard/contract/alerts.contract.js';
import type { ApiErrorBody as ErrorBody } from '../../dashboard/contract/common.contract.js';
import { login, startDashboard, type Client, type DashboardFixture } from './dashboard.fixture.js';

/** An alert as sent, and the stored event key it must never carry. */
type AlertView = AlertInfo & { eventKey?: string };
interface AlertList {
  items: AlertView[];
  nextCursor: string | null;
}

const alert = (n: number, kind: NewAlert['kind'] = AlertKind.ReusedContact): NewAlert => ({
  kind,
  eventKey: `test:${n}`,
  title: `Alert ${n}`,
  detail: `Detail ${n}`,
  target: { entityKey: `tel:+3749100000${n}` },
});

describe('alert and watch-list routes', () => {
  let f: DashboardFixture;
  let analyst: Client;
  let supervisor: Client;
  const ids: string[] = [];

  beforeAll(async () => {
    f = await startDashboard();
    analyst = await login(f.app, 'analyst');
    supervisor = await login(f.app, 'supervisor');
    for (const [n, kind] of [
      [1, AlertKind.NewCampaign],
      [2, AlertKind.ReusedContact],
      [3, AlertKind.Surge],
    ] as const) {
      const { alert: stored } = await f.store.alerts.insertIfNew(
        alert(n, kind),
        ['webhook:case-system'],
        new Date(Date.UTC(2026, 2, n)),
      );
      ids.push(stored._id);
    }
  });

  afterAll(async () => {
    await f.close();
  });

  const trail = async (action: string) =>
    (await f.store.audit.list({}, null, 100)).items.filter((e) => e.action === action);

  it('answers 401 to anonymous callers on every route', async () => {
    for (const [method, url] of [
      ['GET', '/api/alerts'],
      ['GET', '/api/alerts/count'],
      ['GET', `/api/alerts/${ids[0]}`],
      ['POST', `/api/alerts/${ids[0]}/acknowledge`],
      ['POST', `/api/alerts/${ids[0]}/assign`],
      ['GET', '/api/watchlist'],
      ['POST', '/api/watchlist'],
      ['DELETE', '/api/watchlist/tel:+37494111222'],
    ] as const) {
      const response = await f.app.inject({
        method,
        url,
        payload: method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('lists alerts newest first in pages, filtered by status and kind, without event keys', async () => {
    const first = await analyst.get('/api/alerts?limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json<AlertList>();
    expect(page.items.map((a) => a.title)).toEqual(['Alert 3', 'Alert 2']);
    expect(page.items[0]).toMatchObject({
      kind: 'surge',
      status: 'open',
      assignee: null,
      deliveries: [{ channel: 'webhook:case-system', status: 'pending', attempts: 0 }],
    });
    expect(page.items[0]?.eventKey).toBeUndefined();
    const rest = (
      await analyst.get(`/api/alerts?limit=2&cursor=${page.nextCursor ?? ''}`)
    ).json<AlertList>();
    expect(rest.items.map((a) => a.title)).toEqual(['Alert 1']);
    expect(rest.nextCursor).toBeNull();
    const campaigns = (await analyst.get('/api/alerts?kind=new-campaign')).json<AlertList>();
    expect(campaigns.items.map((a) => a.id)).toEqual([ids[0]]);
    expect((await analyst.get(`/api/alerts/${ids[1]}`)).json<AlertView>().title).toBe('Alert 2');
  });

  it('refuses bad filters and unknown alerts with clear errors', async () => {
    const badKind = await analyst.get('/api/alerts?kind=fire');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json<ErrorBody>().error.message).toMatch(/kind/);
    expect((await analyst.get('/api/alerts?status=closed')).statusCode).toBe(400);
    expect((await analyst.get('/api/alerts?cursor=nonsense')).statusCode).toBe(400);
    expect((await analyst.get('/api/alerts/al-none')).statusCode).toBe(404);
    expect((await analyst.post('/api/alerts/al-none/acknowledge')).statusCode).toBe(404);
  });

  it('acknowledges an alert once, lowers the open count, and audits it', async () => {
    expect((await analyst.get('/api/alerts/count')).json()).toEqual({ open: 3 });
    // Without the CSRF token a write is refused.
    const forged = await f.app.inject({
      method: 'POST',
      url: `/api/alerts/${ids[1]}/acknowledge`,
      headers: { cookie: analyst.cookie },
      payload: {},
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json<ErrorBody>().error.code).toBe('ADW_CSRF_INVALID');

    const done = await analyst.post(`/api/alerts/${ids[1]}/acknowledge`);
    expect(done.statusCode).toBe(200);
    expect(done.json<AlertView>()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'analyst',
    });
    expect((await analyst.post(`/api/alerts/${ids[1]}/acknowledge`)).statusCode).toBe(200);
    expect((await analyst.get('/api/alerts/count')).json()).toEqual({ open: 2 });
    const open = (await analyst.get('/api/alerts?status=open')).json<AlertList>();
    expect(open.items.map((a) => a.id)).not.toContain(ids[1]);
    const entries = await trail('alert_acknowledge');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'analyst', target: { alertId: ids[1] } });
  });

  it('assigns an alert to an active user, clears it, and refuses anyone else', async () => {
    const url = `/api/alerts/${ids[0]}/assign`;
    const assigned = await supervisor.post(url, { assignee: 'analyst2' });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json<AlertView>().assignee).toBe('analyst2');
    expect((await analyst.post(url, { assignee: null })).json<AlertView>().assignee).toBeNull();
    const unknown = await analyst.post(url, { assignee: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.message).toContain('no such active user');
    expect((await analyst.post(url, { assignee: 42 })).statusCode).toBe(400);
    expect((await analyst.post(url, {})).statusCode).toBe(400);
    expect((await analyst.post(url, { assignee: 'analyst2', extra: 1 })).statusCode).toBe(400);
    const entries = await trail('alert_assign');
    expect(entries.map((e) => [e.actor, e.details.assignee])).toEqual([
      ['analyst', null],
      ['supervisor', 'analyst2'],
    ]);
  });

  it('lets analysts read the watch-list and supervisors and admins keep it, audited', async () => {
    expect((await analyst.get('/api/watchlist')).json()).toEqual({ items: [] });
    const byAnalyst = await analyst.post('/api/watchlist', { key: 'tel:+37494111222' });
    expect(byAnalyst.statusCode).toBe(403);
    expect(
      (await analyst.post('/api/watchlist/tel:+37494111222', undefined, 'DELETE')).statusCode,
    ).toBe(403);

    const added = await supervisor.post('/api/watchlist', {
      key: 'tel:+374 94 111-222',
      note: 'known recruiter',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      key: 'tel:+37494111222',
      kind: 'phone',
      note: 'known recruiter',
      addedBy: 'supervisor',
    });
    const renoted = await supervisor.post('/api/watchlist', { key: 'tel:+37494111222', note: 'x' });
    expect(renoted.statusCode).toBe(200);
    expect(renoted.json()).toMatchObject({ note: 'x', addedBy: 'supervisor' });
    const admin = await login(f.app, 'admin');
    const employer = await admin.post('/api/watchlist', { key: 'employer:ООО «Ромашка»' });
    expect(employer.json()).toMatchObject({ key: 'employer:ромашка', kind: 'employer', note: '' });
    const handle = await admin.post('/api/watchlist', { key: 'Telegram:@Jobs_Abroad' });
    expect(handle.json()).toMatchObject({ key: 'telegram:jobs_abroad', kind: 'handle' });

    const bad = await supervisor.post('/api/watchlist', { key: 'icq:12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.message).toMatch(/not a contact or employer key.*tel:/);
    expect((await supervisor.post('/api/watchlist', { note: 'no key' })).statusCode).toBe(400);

    const list = (await analyst.get('/api/watchlist')).json<{ items: { key: string }[] }>();
    expect(list.items.map((i) => i.key).sort()).toEqual(
      ['employer:ромашка', 'tel:+37494111222', 'telegram:jobs_abroad'].sort(),
    );
    const key = encodeURIComponent('tel:+37494111222');
    expect((await supervisor.post(`/api/watchlist/${key}`, undefined, 'DELETE')).statusCode).toBe(
      200,
    );
    expect((await supervisor.post(`/api/watchlist/${key}`, undefined, 'DELETE')).statusCode).toBe(
      404,
    );

    const actions = (await f.store.audit.list({}, null, 100)).items
      .filter((e) => e.action.startsWith('watch_'))
      .map((e) => [e.action, e.actor, e.target?.entityKey])
      .reverse();
    expect(actions).toEqual([
      ['watch_add', 'supervisor', 'tel:+37494111222'],
      ['watch_note', 'supervisor', 'tel:+37494111222'],
      ['watch_add', 'admin', 'employer:ромашка'],
      ['watch_add', 'admin', 'telegram:jobs_abroad'],
      ['watch_remove', 'supervisor', 'tel:+37494111222'],
    ]);
  });
});
