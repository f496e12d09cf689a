import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';
import type { AdRetention } from '../../dashboard/contract/retention.contract.js';

describe('legal holds on the dashboard', () => {
  let f: DashboardFixture;
  let analyst: Client;
  let supervisor: Client;
  let adId: string;

  beforeAll(async () => {
    f = await startDashboard();
    analyst = await login(f.app, 'analyst');
    supervisor = await login(f.app, 'supervisor');
    adId = await seedAd(f.store, { url: 'https://jobs.example.am/ads/hold-1', score: 20 });
  });

  afterAll(async () => {
    await f.close();
  });

  it('lets a supervisor place a hold with a reason, audited, and shows it to analysts', async () => {
    const refused = await analyst.post(`/api/ads/${adId}/legal-hold`, { reason: 'court order' });
    expect(refused.statusCode).toBe(403);

    const placed = await supervisor.post(`/api/ads/${adId}/legal-hold`, {
      reason: '  court order 3/2027 ',
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json<AdRetention>()).toMatchObject({
      adId,
      legalHold: { reason: 'court order 3/2027', by: 'supervisor' },
      cases: [],
      deletedCaptures: 0,
      reducedAt: null,
    });
    const seen = await analyst.get(`/api/ads/${adId}/retention`);
    expect(seen.json<AdRetention>().legalHold?.reason).toBe('court order 3/2027');
    expect((await f.store.retention.legalHolds()).map((h) => h.adId)).toEqual([adId]);

    const [entry] = (await f.store.audit.list({ adId }, null, 1)).items;
    expect(entry).toMatchObject({
      actor: 'supervisor',
      role: 'supervisor',
      action: 'legal_hold_set',
      target: { adId },
      details: { reason: 'court order 3/2027' },
    });
  });

  it('lists the cases an ad is in', async () => {
    const kase = await f.store.cases.create({ name: 'Border crossings', createdBy: 'supervisor' });
    await f.store.cases.addAds(kase._id, [adId]);
    const seen = await analyst.get(`/api/ads/${adId}/retention`);
    expect(seen.json<AdRetention>().cases).toEqual([{ id: kase._id, name: 'Border crossings' }]);
  });

  it('lifts a hold only with a reason, audited with the hold it lifted', async () => {
    const noReason = await supervisor.post(`/api/ads/${adId}/legal-hold`, {}, 'DELETE');
    expect(noReason.statusCode).toBe(400);
    const blank = await supervisor.post(`/api/ads/${adId}/legal-hold`, { reason: '   ' }, 'DELETE');
    expect(blank.statusCode).toBe(400);

    const lifted = await supervisor.post(
      `/api/ads/${adId}/legal-hold`,
      { reason: 'order expired' },
      'DELETE',
    );
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json<AdRetention>().legalHold).toBeNull();
    expect(await f.store.retention.legalHolds()).toEqual([]);
    const [entry] = (await f.store.audit.list({ adId }, null, 1)).items;
    expect(entry).toMatchObject({
      action: 'legal_hold_clear',
      details: {
        reason: 'order expired',
        hold: { reason: 'court order 3/2027', by: 'supervisor' },
      },
    });
  });

  it('answers 404 for an ad that does not exist', async () => {
    const missing = await supervisor.post('/api/ads/no-such-ad/legal-hold', {
      reason: 'test hold',
    });
    expect(missing.statusCode).toBe(404);
    expect((await analyst.get('/api/ads/no-such-ad/retention')).statusCode).toBe(404);
  });
});
