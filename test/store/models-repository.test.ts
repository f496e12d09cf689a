import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ModelStatus,
  type NewModel,
  type ShadowScoreRecord,
  type Store,
} from '../../store/index.js';
import { openTestStore, testConfig } from '../helpers/services.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));

function model(version: string, minute: number): NewModel {
  return {
    _id: version,
    format: 'adwatch-tfidf-lr/1',
    sha256: version.padEnd(64, '0'),
    bytes: 2,
    json: '{}',
    figures: { heldOut: { precision: 0.9 } },
    origin: 'test',
    registered: { by: 'sam', at: at(minute) },
  };
}

function score(
  version: string,
  adId: string,
  flagged: boolean,
  activeFlagged: boolean,
): ShadowScoreRecord {
  return {
    _id: `${version} ${adId}`,
    version,
    adId,
    contentHash: 'h',
    title: adId,
    lang: 'en',
    score: flagged ? 80 : 20,
    flagged,
    activeVersion: 'base',
    activeScore: activeFlagged ? 70 : 30,
    activeFlagged,
    at: at(30),
  };
}

describe('model registry', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore(testConfig());
  });

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
  });

  it('registers a version once, as a candidate, and lists models without their files', async () => {
    expect(await store.models.insert(model('m1', 1))).toBe(true);
    expect(await store.models.insert(model('m1', 2))).toBe(false);
    expect(await store.models.insert(model('m2', 3))).toBe(true);
    const listed = await store.models.list();
    expect(listed.map((m) => [m._id, m.status])).toEqual([
      ['m2', ModelStatus.Candidate],
      ['m1', ModelStatus.Candidate],
    ]);
    expect(listed[0]).not.toHaveProperty('json');
    expect((await store.models.findById('m1'))?.json).toBe('{}');
    expect(await store.models.active()).toBeNull();
  });

  it('runs one shadow at a time and bounds its scores', async () => {
    await store.models.startShadow('m1', { by: 'sam', at: at(10) });
    await store.models.startShadow('m2', { by: 'sam', at: at(11) });
    expect((await store.models.summary('m1'))?.status).toBe(ModelStatus.Candidate);
    expect((await store.models.shadow())?._id).toBe('m2');
    expect(await store.models.recordShadowScore(score('m2', 'a', true, false), 3)).toBe(true);
    // The same ad scored again replaces its score and is counted once.
    expect(await store.models.recordShadowScore(score('m2', 'a', true, false), 3)).toBe(true);
    expect(await store.models.recordShadowScore(score('m2', 'b', false, true), 3)).toBe(true);
    expect(await store.models.recordShadowScore(score('m2', 'c', true, true), 3)).toBe(true);
    expect(await store.models.recordShadowScore(score('m2', 'd', false, false), 3)).toBe(false);
    expect((await store.models.summary('m2'))?.shadow?.scored).toBe(3);
    expect(await store.models.shadowCounts('m2')).toEqual({
      scored: 3,
      bothFlagged: 1,
      onlyShadow: 1,
      onlyActive: 1,
    });
    expect((await store.models.shadowDifferences('m2', 10)).map((d) => d.adId).sort()).toEqual([
      'a',
      'b',
    ]);
    // A model not in a shadow run records nothing.
    expect(await store.models.recordShadowScore(score('m1', 'a', true, false), 3)).toBe(false);
  });

  it('activates one model at a time, remembering the one it replaced', async () => {
    await store.models.activate('m1', null, { by: 'sue', at: at(20) });
    await store.models.activate('m2', 'm1', { by: 'sue', at: at(21) });
    const m1 = await store.models.summary('m1');
    const m2 = await store.models.summary('m2');
    expect(m1?.status).toBe(ModelStatus.Retired);
    expect(m1?.retired).toEqual({ by: 'sue', at: at(21) });
    expect(m2).toMatchObject({ status: ModelStatus.Active, previousActive: 'm1' });
    expect(m2?.shadow?.endedAt).toEqual(at(21));
    expect((await store.models.active())?._id).toBe('m2');
    // Activating the active model again changes nothing.
    expect(await store.models.activate('m2', 'm2', { by: 'sue', at: at(22) })).toBeNull();
    // A rollback keeps the chain of predecessors.
    await store.models.activate('m1', null, { by: 'sue', at: at(23) }, true);
    expect((await store.models.active())?._id).toBe('m1');
    expect((await store.models.summary('m1'))?.previousActive).toBeNull();
    expect((await store.models.summary('m2'))?.status).toBe(ModelStatus.Retired);
  });
});
