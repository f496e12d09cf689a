import { crc32, deflateSync } from 'node:zlib';
import {
  classifiedText,
  type AdRecord,
  type CaptureRecord,
  type NewAuditEntry,
  type Store,
  type StoredClassification,
  type StoredIndicator,
} from '../../store/index.js';
import {
  storePacketSources,
  type AuditRecord,
  type CaseRecord,
  type ExportAuditEntry,
  type PacketSources,
  type ReviewHistoryEntry,
} from '../../evidence/index.js';
import { storeCapturedAd } from '../helpers/seed.js';

/** A real PNG (solid colour with a stripe) of the given size. */
export function pngImage(
  width: number,
  height: number,
  rgb: [number, number, number],
  noise = false,
): Buffer {
  let seed = rgb[0] * 65536 + rgb[1] * 256 + rgb[2] + 1;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed & 0xff;
  };
  const row = Buffer.alloc(1 + width * 3);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const line = Buffer.from(row);
    for (let x = 0; x < width; x++) {
      const stripe = Math.floor(y / 10) % 2 === 0;
      line[1 + x * 3] = stripe ? rgb[0] : 255 - rgb[0];
      line[2 + x * 3] = noise ? random() : rgb[1];
      line[3 + x * 3] = noise ? random() : rgb[2];
    }
    rows.push(line);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.byteLength);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface SeedAd {
  title: string;
  body: string;
  location?: string;
  contactText?: string;
  /** Phrases of the text to record as indicator evidence. */
  evidence: string[];
  fetcher?: 'http' | 'browser';
  /** Extra bytes of page markup, to make captures the size of real pages. */
  pagePaddingBytes?: number;
  /** Screenshot size; noisy pixels make a PNG as large as a real screenshot's. */
  screenshot?: { width: number; height: number; noise: boolean };
}

export const armenianAd: SeedAd = {
  title: 'Աշխատանք Դուբայում աղջիկների համար',
  body: 'Պահանջվում են աղջիկներ 18-25 տարեկան, անվճար վիզա և բնակարան։ Անձնագիրը կպահվի գործատուի մոտ։',
  location: 'Դուբայ',
  contactText: '+374 91 123456',
  evidence: ['աղջիկներ 18-25 տարեկան', 'Անձնագիրը կպահվի'],
  fetcher: 'browser',
};

export const russianAd: SeedAd = {
  title: 'Работа хостес в Турции',
  body: 'Девушки до 25 лет, билеты и жильё за счёт работодателя, оплата после отработки долга.',
  location: 'Анталья',
  evidence: ['Девушки до 25 лет', 'отработки долга'],
};

export const englishAd: SeedAd = {
  title: 'Cashier wanted <script>alert(1)</script>',
  body: 'Full-time cashier in Yerevan. Salary 250000 AMD. <b>Apply</b> & bring references.',
  location: 'Yerevan',
  evidence: [],
  fetcher: 'http',
};

/** Stores an ad the way the pipeline does: a capture (with WARC and screenshot), the ad, its score. */
export async function seedAd(store: Store, seed: SeedAd, index: number): Promise<AdRecord> {
  const url = `https://jobs.example.am/ad/${index}`;
  const padding = `<!-- ${'x'.repeat(seed.pagePaddingBytes ?? 0)} -->`;
  const html = `<html><head><meta charset="utf-8"><title>${seed.title}</title></head><body><h1>${seed.title}</h1><p>${seed.body}</p>${padding}</body></html>`;
  const shot = seed.screenshot ?? { width: 320, height: 240, noise: false };
  const fetchedAt = new Date(Date.UTC(2026, 10, 1, 9, 0, index % 60));
  const fetcher = seed.fetcher ?? (index % 2 === 0 ? 'browser' : 'http');
  const extracted = {
    title: seed.title,
    body: seed.body,
    ...(seed.location ? { location: seed.location } : {}),
    ...(seed.contactText ? { contactText: seed.contactText } : {}),
  };
  const saved = await storeCapturedAd(store, {
    sourceId: 'jobs-am',
    url,
    html,
    seenAt: fetchedAt,
    ad: extracted,
    capture: {
      headers: { 'content-type': 'text/html; charset=utf-8', server: 'demo' },
      remoteAddress: '203.0.113.7',
      fetcher,
      requestHeaders: { 'user-agent': 'adwatch/0.1 (+https://example.org/adwatch-crawler)' },
      ...(fetcher === 'browser'
        ? {
            screenshot: pngImage(
              shot.width,
              shot.height,
              [40 + (index % 200), 90, 160],
              shot.noise,
            ),
          }
        : {}),
    },
  });
  const text = `${seed.title}\n${classifiedText(extracted)}`;
  const indicators: StoredIndicator[] = seed.evidence.map((phrase, i) => {
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`evidence "${phrase}" is not in the ad text`);
    return {
      id: `test-indicator-${i}`,
      label: `Indicator ${i + 1}`,
      dimension: 'deception',
      weight: 20,
      evidence: [{ start, end: start + phrase.length, text: phrase }],
    };
  });
  const score = Math.min(100, 20 + indicators.length * 30);
  const classification: StoredClassification = {
    score,
    band: score >= 60 ? 'high' : 'low',
    flagged: score >= 60,
    lang: 'hy',
    components: { rules: score, model: 0.5 },
    indicators,
    facts: { phones: seed.contactText ? ['+37491123456'] : [], ages: [] },
    versions: { classifier: 'test-1', lexicon: 'test-lexicon-1', model: 'test-model-1' },
    contentHash: saved.contentHash,
    classifiedAt: new Date(fetchedAt.getTime() + 5_000),
  };
  await store.ads.saveClassification(saved.adId, classification);
  const ad = await store.ads.findById(saved.adId);
  if (!ad) throw new Error('ad not stored');
  return ad;
}

/**
 * The real store's packet sources (reviews, cases and the hash-chained audit trail included), with
 * helpers that write review steps and audit entries the way the dashboard does, and a list of the
 * export entries recorded.
 */
export class TestPacketSources implements PacketSources {
  readonly exports: ExportAuditEntry[] = [];
  private readonly real: PacketSources;

  constructor(private readonly store: Store) {
    this.real = storePacketSources(store);
  }

  ad = (id: string) => this.real.ad(id);
  capture = (id: string) => this.real.capture(id);
  captureBody = (c: CaptureRecord) => this.real.captureBody(c);
  captureScreenshot = (c: CaptureRecord) => this.real.captureScreenshot(c);
  captureWarc = (c: CaptureRecord) => this.real.captureWarc(c);
  reviewHistory = (adId: string) => this.real.reviewHistory(adId);
  auditEntries = (adIds: string[]) => this.real.auditEntries(adIds);
  caseById = (id: string) => this.real.caseById(id);

  async recordExport(entry: ExportAuditEntry): Promise<void> {
    this.exports.push(entry);
    await this.real.recordExport(entry);
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditRecord> {
    return this.store.audit.append(entry);
  }

  /** The newest audit entry. */
  async lastAudit(): Promise<AuditRecord | undefined> {
    return (await this.store.audit.list({}, null, 1)).items[0];
  }

  /** A case holding these ads, created as a supervisor would. */
  async createCase(
    input: { name: string; description?: string; createdBy: string },
    adIds: string[],
  ): Promise<CaseRecord> {
    const created = await this.store.cases.create(input);
    const withAds = await this.store.cases.addAds(created._id, adIds);
    if (!withAds) throw new Error('case not stored');
    return withAds;
  }

  /** Records a review step and its audit entry, as the dashboard does. */
  async review(step: Omit<ReviewHistoryEntry, 'at'> & { at?: Date }): Promise<void> {
    const at = step.at ?? new Date();
    await this.store.reviews.add({ ...step, at });
    await this.appendAudit({
      actor: step.user,
      role: 'analyst',
      action: step.action,
      target: { adId: step.adId },
      details: { from: step.from, to: step.to, reason: step.reason },
      ip: '10.0.0.5',
    });
  }
}
