import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { instanceIdentity, loadSigningKey, verifyPacket } from '../../evidence/index.js';
import { login, seedAd, startDashboard, type DashboardFixture } from './dashboard.fixture.js';

let f: DashboardFixture;
let dir: string;
let adIds: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adwatch-dashboard-export-'));
  f = await startDashboard({
    evidence: {
      signingKey: () => loadSigningKey({ dataDir: dir }),
      instance: instanceIdentity(dir),
    },
  });
  adIds = [
    await seedAd(f.store, {
      url: 'https://jobs.example.am/1',
      title: 'Աշխատանք Դուբայում',
      body: 'Աղջիկներ 18-25, բնակարան տրամադրվում է',
    }),
    await seedAd(f.store, { url: 'https://jobs.example.am/2', title: 'Hostess in Dubai' }),
  ];
}, 120_000);

afterAll(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

describe('POST /api/exports', { timeout: 180_000 }, () => {
  it('streams a signed packet of the selected ads that verifies intact, and audits it', async () => {
    const analyst = await login(f.app, 'analyst');
    const response = await analyst.post('/api/exports', { adIds });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="adwatch-evidence-/,
    );
    const path = join(dir, 'from-dashboard.zip');
    await writeFile(path, response.rawPayload);
    const verdict = await verifyPacket(path);
    expect(verdict.intact, JSON.stringify(verdict.problems)).toBe(true);
    // The completion is audited once the client has read the whole packet, so just after it.
    const exported = await vi.waitFor(async () => {
      const found = (await f.store.audit.list({ actor: 'analyst' }, null, 10)).items.find(
        (entry) => entry.action === 'evidence.export',
      );
      if (!found) throw new Error('the completed export is not audited yet');
      return found;
    });
    expect(exported.details).toMatchObject({ adIds });
  });

  it('refuses a case export by an analyst and writes the refusal to the audit trail', async () => {
    const kase = await f.store.cases.create({ name: 'Dubai', createdBy: 'supervisor' });
    await f.store.cases.addAds(kase._id, adIds);
    const analyst = await login(f.app, 'analyst2');
    const response = await analyst.post('/api/exports', { caseId: kase._id });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'ADW_EXPORT_FORBIDDEN' } });
    const [last] = (await f.store.audit.list({ actor: 'analyst2' }, null, 1)).items;
    expect(last).toMatchObject({
      action: 'evidence.export.denied',
      role: 'analyst',
      target: { caseId: kase._id },
    });
  });

  it('answers unknown ads and malformed requests with errors, not broken downloads', async () => {
    const analyst = await login(f.app, 'analyst');
    const unknown = await analyst.post('/api/exports', { adIds: ['no-such-ad'] });
    expect(unknown.statusCode).toBe(404);
    const neither = await analyst.post('/api/exports', {});
    expect(neither.statusCode).toBe(400);
    const both = await analyst.post('/api/exports', { adIds, caseId: 'x' });
    expect(both.statusCode).toBe(400);
    const traversal = await analyst.post('/api/exports', { adIds: ['../../etc/passwd'] });
    expect(traversal.statusCode).toBe(400);
  });
});
