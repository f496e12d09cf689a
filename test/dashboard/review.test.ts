import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';
import type { AdDetail as Detail } from '../../dashboard/contract/ads.contract.js';
import type { ApiErrorBody } from '../../dashboard/contract/common.contract.js';

/** A conflict names who changed the ad first and its version now (review.routes.ts). */
type ErrorBody = ApiErrorBody & { error: { changedBy?: string; currentVersion?: number } };

describe('review workflow', () => {
  let f: DashboardFixture;
  let anna: Client;
  let ben: Client;
  let adId: string;

  beforeEach(async () => {
    f = await startDashboard();
    anna = await login(f.app, 'analyst');
    ben = await login(f.app, 'analyst2');
    adId = await seedAd(f.store, { url: 'https://x.test/review', title: 'Hostess' });
  });
  afterEach(async () => {
    await f.close();
  });

  const setStatus = (client: Client, status: string, version: number, reason?: string) =>
    client.post(`/api/ads/${adId}/status`, { status, version, ...(reason ? { reason } : {}) });

  it('moves an ad through review, escalation and confirmation, keeping the history', async () => {
    const reviewing = await setStatus(anna, 'in_review', 0);
    expect(reviewing.statusCode, reviewing.body).toBe(200);
    expect(reviewing.json<Detail>()).toMatchObject({ status: 'in_review', version: 1 });
    const escalated = await setStatus(anna, 'escalated', 1);
    expect(escalated.json<Detail>().version).toBe(2);
    const confirmed = await setStatus(ben, 'confirmed', 2);
    const detail = confirmed.json<Detail>();
    expect(detail).toMatchObject({ status: 'confirmed', version: 3 });
    expect(detail.history.map((h) => [h.user, h.from, h.to])).toEqual([
      ['analyst', 'new', 'in_review'],
      ['analyst', 'in_review', 'escalated'],
      ['analyst2', 'escalated', 'confirmed'],
    ]);
    const history = await f.store.reviews.history(adId);
    expect(history).toHaveLength(3);
    expect(history[0]).toMatchObject({
      adId,
      user: 'analyst',
      action: 'status',
      from: 'new',
      to: 'in_review',
    });
    // A confirmed ad can only be reopened.
    const refused = await setStatus(anna, 'dismissed', 3, 'duplicate');
    expect(refused.statusCode).toBe(422);
    expect(refused.json<ErrorBody>().error.code).toBe('ADW_REVIEW_TRANSITION');
    expect((await setStatus(anna, 'in_review', 3)).statusCode).toBe(200);
    const audited = await f.store.audit.forAds([adId]);
    expect(audited.filter((e) => e.action === 'status')).toHaveLength(4);
  });

  it('requires a dismissal reason from the configured list', async () => {
    const none = await setStatus(anna, 'dismissed', 0);
    expect(none.statusCode).toBe(422);
    expect(none.json<ErrorBody>().error.message).toContain('legitimate employer');
    expect((await setStatus(anna, 'dismissed', 0, 'because I said so')).statusCode).toBe(422);
    const ok = await setStatus(anna, 'dismissed', 0, 'duplicate');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Detail>().history.at(-1)).toMatchObject({
      to: 'dismissed',
      reason: 'duplicate',
    });
  });

  it('tells the second of two analysts who changed the ad first (409), and changes nothing', async () => {
    expect((await setStatus(anna, 'in_review', 0)).statusCode).toBe(200);
    const stale = await setStatus(ben, 'escalated', 0);
    expect(stale.statusCode).toBe(409);
    const body = stale.json<ErrorBody>();
    expect(body.error.code).toBe('ADW_REVIEW_CONFLICT');
    expect(body.error.message).toMatch(/^analyst changed this ad at \d{4}-\d\d-\d\dT/);
    expect(body.error).toMatchObject({ changedBy: 'analyst', currentVersion: 1 });
    const ad = await f.store.ads.findById(adId);
    expect(ad?.review).toMatchObject({ status: 'in_review', version: 1 });
    const staleAssign = await ben.post(`/api/ads/${adId}/assign`, {
      assignee: 'analyst2',
      version: 0,
    });
    expect(staleAssign.statusCode).toBe(409);
  });

  it('adds notes and assigns ads, validating the assignee', async () => {
    const note = await anna.post(`/api/ads/${adId}/notes`, {
      text: 'Same phone as case 12 <script>',
    });
    expect(note.statusCode).toBe(200);
    const assigned = await anna.post(`/api/ads/${adId}/assign`, {
      assignee: 'analyst2',
      version: 0,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json<Detail>()).toMatchObject({ assignee: 'analyst2', version: 1 });
    expect(assigned.json<Detail>().history.map((h) => h.action)).toEqual(['note', 'assign']);
    expect(assigned.json<Detail>().history[0]?.note).toBe('Same phone as case 12 <script>');
    const mine = await anna.get('/api/ads?assignee=analyst2');
    expect(mine.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([adId]);
    expect(
      (await anna.post(`/api/ads/${adId}/assign`, { assignee: 'ghost', version: 1 })).statusCode,
    ).toBe(400);
    const unassigned = await anna.post(`/api/ads/${adId}/assign`, { assignee: null, version: 1 });
    expect(unassigned.json<Detail>().assignee).toBeNull();
    expect((await anna.post(`/api/ads/${adId}/notes`, { text: '' })).statusCode).toBe(400);
  });

  it('applies bulk actions and reports the ads it could not change', async () => {
    const second = await seedAd(f.store, { url: 'https://x.test/review2' });
    const closed = await seedAd(f.store, { url: 'https://x.test/review3' });
    await f.store.triage.changeReview(closed, 0, { status: 'confirmed' }, 'analyst');
    const bulk = await anna.post('/api/ads/bulk', {
      ids: [adId, second, closed, 'missing'],
      action: 'status',
      status: 'dismissed',
      reason: 'duplicate',
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json()).toEqual({ updated: 2, conflicts: [closed, 'missing'] });
    const assign = await anna.post('/api/ads/bulk', {
      ids: [adId, second],
      action: 'assign',
      assignee: 'analyst',
    });
    expect(assign.json()).toEqual({ updated: 2, conflicts: [] });
    expect((await f.store.ads.findById(second))?.review).toMatchObject({
      status: 'dismissed',
      assignee: 'analyst',
      version: 2,
    });
    const entries = (await f.store.audit.list({ actor: 'analyst' }, null, 10)).items.filter(
      (e) => e.action === 'bulk',
    );
    expect(entries).toHaveLength(2);
  });

  it('lets supervisors group ads into cases', async () => {
    const supervisor = await login(f.app, 'supervisor');
    const created = await supervisor.post('/api/cases', {
      name: 'Dubai hostess ring',
      description: 'phones +374...',
    });
    expect(created.statusCode).toBe(201);
    const caseId = created.json<{ id: string }>().id;
    expect(created.json()).toMatchObject({
      name: 'Dubai hostess ring',
      adIds: [],
      createdBy: 'supervisor',
    });
    const added = await supervisor.post(`/api/cases/${caseId}/ads`, { adIds: [adId] });
    expect(added.statusCode).toBe(200);
    expect(added.json<{ adIds: string[]; ads: { id: string }[] }>()).toMatchObject({
      adIds: [adId],
      ads: [{ id: adId }],
    });
    expect(
      (await supervisor.post(`/api/cases/${caseId}/ads`, { adIds: ['missing'] })).statusCode,
    ).toBe(404);
    const fetched = await supervisor.get(`/api/cases/${caseId}`);
    expect(fetched.json<{ id: string; adIds: string[] }>()).toMatchObject({
      id: caseId,
      adIds: [adId],
    });
    expect((await supervisor.get('/api/cases')).json<{ cases: unknown[] }>().cases).toHaveLength(1);
    const removed = await supervisor.post(`/api/cases/${caseId}/ads/${adId}`, undefined, 'DELETE');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<{ adIds: string[] }>().adIds).toEqual([]);
    expect((await f.store.cases.findById(caseId))?.adIds).toEqual([]);
    const actions = (await f.store.audit.list({ actor: 'supervisor' }, null, 10)).items.map(
      (e) => e.action,
    );
    expect(actions).toEqual(['case_remove', 'case_add', 'case_create', 'login']);
    expect((await anna.post('/api/cases', { name: 'x' })).statusCode).toBe(403);
  });
});
