import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ModelList,
  ModelView,
  ShadowReport,
} from '../../dashboard/contract/models.contract.js';
import { committedModel, readModelFile, registerModel } from '../../workers/index.js';
import { candidateModelText } from '../helpers/models.js';
import { login, startDashboard, type Client, type DashboardFixture } from './dashboard.fixture.js';

describe('model registry API', () => {
  let f: DashboardFixture;
  let analyst: Client;
  let supervisor: Client;
  const candidate = readModelFile(candidateModelText(), 'candidate');
  const version = encodeURIComponent(candidate._id);

  beforeAll(async () => {
    f = await startDashboard({ modelRollout: { shadowMinAds: 2, shadowMinHours: 0 } });
    analyst = await login(f.app, 'analyst');
    supervisor = await login(f.app, 'supervisor');
    await registerModel(f.store, candidate, 'test', { by: 'sam', at: new Date() });
  });

  afterAll(async () => {
    await f.close();
  });

  const call = (client: Client, method: 'GET' | 'POST', url: string) =>
    f.app.inject({
      method,
      url,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
    });

  it('is closed to analysts: they can neither list, shadow, activate nor roll back', async () => {
    for (const [method, url] of [
      ['GET', '/api/models'],
      ['GET', `/api/models/${version}/shadow`],
      ['POST', `/api/models/${version}/shadow`],
      ['POST', `/api/models/${version}/activate`],
      ['POST', '/api/models/rollback'],
    ] as const)
      expect((await call(analyst, method, url)).statusCode, `${method} ${url}`).toBe(403);
    expect((await f.store.models.summary(candidate._id))?.status).toBe('candidate');
  });

  it('lists the committed model in force and the candidate with its figures', async () => {
    const response = await call(supervisor, 'GET', '/api/models');
    expect(response.statusCode).toBe(200);
    const list = response.json<ModelList>();
    expect(list.rules).toEqual({ shadowMinAds: 2, shadowMinHours: 0 });
    expect(list.models.map((m) => [m.version, m.status, m.inForce])).toEqual([
      [committedModel()._id, 'active', true],
      [candidate._id, 'candidate', false],
    ]);
    expect(list.models[1]?.figures).toHaveProperty('heldOut.rocAuc');
    expect(list.models[1]?.activationRefusal).toContain('has no shadow run');
  });

  it('activates a candidate only after its shadow run, lists the differences, and rolls back in one action, audited', async () => {
    const refused = await call(supervisor, 'POST', `/api/models/${version}/activate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('ADW_MODEL_ROLLOUT');

    const started = await call(supervisor, 'POST', `/api/models/${version}/shadow`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json<ModelView>()).toMatchObject({
      status: 'shadow',
      shadow: { startedBy: 'supervisor', scored: 0 },
    });
    const tooShort = await call(supervisor, 'POST', `/api/models/${version}/activate`);
    expect(tooShort.statusCode).toBe(409);
    expect(tooShort.json<{ error: { message: string } }>().error.message).toContain(
      'scored 0 of the 2 new ads required',
    );

    const shadowScore = (adId: string, flagged: boolean, activeFlagged: boolean) =>
      f.store.models.recordShadowScore(
        {
          _id: `${candidate._id} ${adId}`,
          version: candidate._id,
          adId,
          contentHash: 'h',
          title: `Ad ${adId}`,
          lang: 'hy',
          score: flagged ? 75 : 30,
          flagged,
          activeVersion: committedModel()._id,
          activeScore: activeFlagged ? 66 : 20,
          activeFlagged,
          at: new Date(),
        },
        100,
      );
    await shadowScore('a1', true, false);
    await shadowScore('a2', false, false);
    const report = (
      await call(supervisor, 'GET', `/api/models/${version}/shadow`)
    ).json<ShadowReport>();
    expect(report.counts).toEqual({ scored: 2, bothFlagged: 0, onlyShadow: 1, onlyActive: 0 });
    expect(report.differences).toMatchObject([{ adId: 'a1', score: 75, activeScore: 20 }]);

    const activated = await call(supervisor, 'POST', `/api/models/${version}/activate`);
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json<ModelView>()).toMatchObject({
      status: 'active',
      inForce: true,
      activated: { by: 'supervisor' },
      previousActive: committedModel()._id,
    });

    const rolledBack = await call(supervisor, 'POST', '/api/models/rollback');
    expect(rolledBack.statusCode, rolledBack.body).toBe(200);
    expect(rolledBack.json<ModelView>()).toMatchObject({
      version: committedModel()._id,
      inForce: true,
    });
    expect((await f.store.models.summary(candidate._id))?.status).toBe('retired');

    const entries = await f.store.audit.list({ actor: 'supervisor' }, null, 20);
    expect(entries.items.map((e) => e.action).filter((a) => a.startsWith('model_'))).toEqual([
      'model_rollback',
      'model_activate',
      'model_shadow',
    ]);
  });
});
