import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import {
  classifiedText,
  type AdRecord,
  type Store,
  type StoredClassification,
  type StoredIndicator,
} from '../../store/index.js';
import type {
  AuditRecord,
  CaseRecord,
  ExportAuditEntry,
  PacketSources,
  ReviewHistoryEntry,
} from '../../evidence/index.js';

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
  const capture = await store.captures.insert({
    sourceId: 'jobs-am',
    url,
    finalUrl: url,
    redirects: [],
    fetchedAt,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', server: 'demo' },
    contentType: 'text/html; charset=utf-8',
    remoteAddress: '203.0.113.7',
    fetcher,
    requestHeaders: { 'user-agent': 'adwatch/0.1 (+https://example.org/adwatch-crawler)' },
    body: Buffer.from(html),
    ...(fetcher === 'browser'
      ? { screenshot: pngImage(shot.width, shot.height, [40 + (index % 200), 90, 160], shot.noise) }
      : {}),
  });
  const extracted = {
    title: seed.title,
    body: seed.body,
    ...(seed.location ? { location: seed.location } : {}),
    ...(seed.contactText ? { contactText: seed.contactText } : {}),
  };
  const saved = await store.ads.saveExtracted({
    sourceId: 'jobs-am',
    url,
    ad: extracted,
    captureId: capture._id,
    seenAt: fetchedAt,
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
 * PacketSources over the real store for ads and captures, with review history, cases and a
 * hash-chained audit trail held by the test (the dashboard's repositories are not merged yet).
 */
export class TestPacketSources implements PacketSources {
  readonly reviews: ReviewHistoryEntry[] = [];
  readonly audit: AuditRecord[] = [];
  readonly cases = new Map<string, CaseRecord>();
  readonly exports: ExportAuditEntry[] = [];

  constructor(private readonly store: Store) {}

  ad = (id: string) => this.store.ads.findById(id);
  capture = (id: string) => this.store.captures.findById(id);
  captureBody = (c: Parameters<Store['captures']['body']>[0]) => this.store.captures.body(c);
  captureScreenshot = (c: Parameters<Store['captures']['body']>[0]) =>
    this.store.captures.screenshot(c);
  captureWarc = (c: Parameters<Store['captures']['body']>[0]) => this.store.captures.warc(c);

  reviewHistory(adId: string): Promise<ReviewHistoryEntry[]> {
    return Promise.resolve(this.reviews.filter((r) => r.adId === adId));
  }

  auditEntries(adIds: string[]): Promise<AuditRecord[]> {
    const ids = new Set(adIds);
    return Promise.resolve(this.audit.filter((a) => a.target.adId && ids.has(a.target.adId)));
  }

  caseById(id: string): Promise<CaseRecord | null> {
    return Promise.resolve(this.cases.get(id) ?? null);
  }

  recordExport(entry: ExportAuditEntry): Promise<void> {
    this.exports.push(entry);
    this.appendAudit({ ...entry, role: entry.role ?? 'unknown' });
    return Promise.resolve();
  }

  /** Appends to the hash chain: hash = SHA-256(prevHash + canonical JSON of the entry). */
  appendAudit(entry: {
    actor: string;
    role: string;
    action: string;
    target?: AuditRecord['target'];
    details?: unknown;
    ip?: string;
  }): AuditRecord {
    const prevHash = this.audit.at(-1)?.hash ?? '0'.repeat(64);
    const seq = this.audit.length + 1;
    const at = new Date(Date.UTC(2026, 10, 2, 10, 0, seq));
    const body = {
      seq,
      at: at.toISOString(),
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      target: entry.target ?? {},
      details: entry.details ?? null,
      ip: entry.ip,
    };
    const hash = createHash('sha256').update(prevHash).update(JSON.stringify(body)).digest('hex');
    const record: AuditRecord = {
      _id: `audit-${seq}`,
      seq,
      at,
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      target: entry.target ?? {},
      details: entry.details ?? null,
      ip: entry.ip,
      prevHash,
      hash,
    };
    this.audit.push(record);
    return record;
  }

  /** Records a review step and its audit entry, as the dashboard does. */
  review(step: Omit<ReviewHistoryEntry, 'at'> & { at?: Date }): void {
    const at = step.at ?? new Date(Date.UTC(2026, 10, 2, 11, 0, this.reviews.length));
    this.reviews.push({ ...step, at });
    this.appendAudit({
      actor: step.user,
      role: 'analyst',
      action: `review.${step.action}`,
      target: { adId: step.adId },
      details: { from: step.from, to: step.to, reason: step.reason },
      ip: '10.0.0.5',
    });
  }
}
