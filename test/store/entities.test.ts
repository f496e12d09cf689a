import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adEntityKeys,
  normaliseEmployer,
  normaliseLink,
  parseEntityKey,
  type Store,
} from '../../store/index.js';
import { forgetEntities } from '../helpers/entities.js';
import { testClassification } from '../helpers/seed.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

describe('entity keys', () => {
  it('reduces employer names in three languages to one key without legal forms and quotes', () => {
    expect(normaliseEmployer('ООО «Ромашка»')).toBe('ромашка');
    expect(normaliseEmployer('"Ромашка"   ооо')).toBe('ромашка');
    expect(normaliseEmployer('ЗАО "Гранд Тур"')).toBe('гранд тур');
    expect(normaliseEmployer('«Արարատ Թուր» ՍՊԸ')).toBe('արարատ թուր');
    expect(normaliseEmployer('ՓԲԸ Արարատ Թուր')).toBe('արարատ թուր');
    expect(normaliseEmployer('Dream Jobs LLC')).toBe('dream jobs');
    expect(normaliseEmployer('“Dream  Jobs”, L.L.C.')).toBe('dream jobs');
    expect(normaliseEmployer('DREAM JOBS CJSC')).toBe('dream jobs');
    expect(normaliseEmployer('LLC')).toBe('');
  });

  it('keys phones, e-mails, handles, links, Telegram channels and employers of an ad', () => {
    const keys = adEntityKeys({
      url: 'https://t.me/dubai_jobs/123',
      employer: 'ООО «Ромашка»',
      classification: {
        facts: {
          phones: [{ e164: '+37491234567' }],
          emails: [{ email: 'HR@Example.com' }],
          handles: [
            { platform: 'telegram', handle: 'Recruiter_Am', span: { start: 40, text: 't.me/x' } },
            { platform: 'whatsapp', handle: '', span: { start: 90, text: 'WhatsApp' } },
          ],
          links: [
            { start: 40, end: 52, text: 't.me/Recruiter_Am' },
            { start: 60, end: 80, text: 'https://www.Jobs-Abroad.example/apply/' },
          ],
        },
      },
    });
    expect(keys).toEqual([
      'email:hr@example.com',
      'employer:ромашка',
      'link:jobs-abroad.example/apply',
      'tel:+37491234567',
      'telegram:dubai_jobs',
      'telegram:recruiter_am',
    ]);
  });

  it('normalises links and recognises only the key types adwatch makes', () => {
    expect(normaliseLink('HTTP://www.Example.com/Jobs/#top')).toBe('example.com/jobs');
    expect(parseEntityKey('tel:+37491234567')).toMatchObject({ kind: 'phone' });
    expect(parseEntityKey('telegram:jobs')).toMatchObject({ kind: 'handle', platform: 'telegram' });
    expect(parseEntityKey('employer:ромашка')).toMatchObject({ kind: 'employer' });
    expect(parseEntityKey('tel:37491')).toBeUndefined();
    expect(parseEntityKey('icq:12345')).toBeUndefined();
    expect(parseEntityKey('nonsense')).toBeUndefined();
  });
});

describe('EntitiesRepository', () => {
  let store: Store;
  const config = testConfig();

  beforeAll(async () => {
    store = await openTestStore(config);
  });

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
  });

  const classification = (contentHash: string, score: number, phones: string[]) =>
    testClassification(contentHash, score, {
      phones: phones.map((e164) => ({ e164 })),
      emails: [],
      handles: [],
    });

  async function saveAd(
    n: number,
    sourceId: string,
    employer: string,
    seenAt: string,
  ): Promise<{ adId: string; contentHash: string }> {
    return store.ads.saveExtracted({
      sourceId,
      url: `https://jobs.example.am/ads/${n}`,
      ad: { title: `Ad ${n}`, body: `Work abroad ${n}`, employer },
      seenAt: new Date(seenAt),
    });
  }

  it('counts each ad once however often it is classified, and follows its contacts', async () => {
    const a = await saveAd(1, 'board', 'ООО «Ромашка»', '2026-01-01T00:00:00Z');
    const b = await saveAd(2, 'channel', 'Ромашка ООО', '2026-01-05T00:00:00Z');
    const phone = '+37491234567';
    for (let i = 0; i < 2; i++) {
      expect(
        await store.ads.saveClassification(a.adId, classification(a.contentHash, 85, [phone])),
      ).toBe(true);
      await store.ads.saveClassification(b.adId, classification(b.contentHash, 40, [phone]));
    }
    const entity = must(await store.entities.findByKey(`tel:${phone}`), 'phone entity');
    expect(entity).toMatchObject({
      kind: 'phone',
      display: phone,
      adCount: 2,
      flaggedCount: 1,
      maxScore: 85,
      sources: ['board', 'channel'],
      firstSeen: new Date('2026-01-01T00:00:00Z'),
      lastSeen: new Date('2026-01-05T00:00:00Z'),
    });
    const employer = must(await store.entities.findByKey('employer:ромашка'), 'employer');
    expect(employer).toMatchObject({ kind: 'employer', adCount: 2 });
    expect(employer.display).toMatch(/Ромашка/);

    // Re-scored without the phone: the ad no longer counts, and its score no longer does.
    await store.ads.saveClassification(a.adId, classification(a.contentHash, 85, []));
    expect(await store.entities.findByKey(`tel:${phone}`)).toMatchObject({
      adCount: 1,
      flaggedCount: 0,
      maxScore: 40,
      sources: ['channel'],
    });
    await store.ads.saveClassification(b.adId, classification(b.contentHash, 40, []));
    expect(await store.entities.findByKey(`tel:${phone}`)).toBeNull();
    expect(await store.entities.findByKey('employer:ромашка')).toMatchObject({ adCount: 2 });
  });

  it('backfills contacts and entities of stored ads, and a second run changes nothing', async () => {
    const c = await saveAd(3, 'board', 'Dream Jobs LLC', '2026-01-07T00:00:00Z');
    await store.ads.saveClassification(c.adId, classification(c.contentHash, 70, ['+37499000000']));
    // As stored before entities existed: no entity, no employer key on the ad.
    await forgetEntities(config.mongo.database);
    const first = await store.entities.backfillBatch(undefined, 100);
    expect(first).toMatchObject({ scanned: 3, adsUpdated: 3 });
    expect(await store.entities.findByKey('employer:dream jobs')).toMatchObject({ adCount: 1 });
    const before = await store.entities.findByKey('tel:+37499000000');
    const second = await store.entities.backfillBatch(undefined, 100);
    expect(second.adsUpdated).toBe(0);
    expect(await store.entities.findByKey('tel:+37499000000')).toMatchObject({
      adCount: before?.adCount,
      maxScore: 70,
    });
  });
});
