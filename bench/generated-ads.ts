/**
 * GENERATED ads for the benches that need a large store (dashboard, pipeline `--store`): shaped
 * like store/ad.types.ts's AdRecord as the workers store them, from small per-language word lists
 * written for the benches. 4% flagged (scores 60–100), Armenian 45%, Russian 35%, English 20%,
 * 8 sources; 40% of the flagged ads and 4% of the others are reposts in campaigns of about 8
 * sharing a phone. Deterministic: every run loads the same ads.
 */
import { createHash } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { adSearchTerms, type ReviewStatus } from '../store/index.js';

/** A few per cent of the ads are flagged, as on a real board. */
const flaggedShare = 0.04;

const indicators = [
  ['deceptive-pay', 'Unrealistic pay'],
  ['free-visa', 'Free visa and tickets'],
  ['appearance', 'Appearance requirements'],
  ['age-range', 'Narrow age range'],
  ['messenger-only', 'Contact by messenger only'],
  ['debt-bondage', 'Costs deducted from pay'],
  ['abroad', 'Work abroad'],
  ['urgent', 'Urgent departure'],
] as const;

/** Words the generated texts are made of, per language (written for this bench). */
const vocabulary = {
  hy: {
    jobs: ['մատուցող', 'վարորդ', 'հաշվապահ', 'խոհարար', 'վաճառող', 'դայակ', 'պահակ', 'ծրագրավորող'],
    cities: ['Երևան', 'Գյումրի', 'Վանաձոր', 'Դուբայ', 'Մոսկվա', 'Փարիզ'],
    plain: [
      'Աշխատանք',
      'լրիվ',
      'դրույքով',
      'փորձառությամբ',
      'գրասենյակում',
      'աշխատավարձ',
      'պայմանագիր',
    ],
    risky: ['վիզա', 'անվճար', 'տոմս', 'արտասահմանում', 'շտապ', 'մեկնում', 'աղջիկներ'],
  },
  ru: {
    jobs: [
      'официант',
      'водитель',
      'бухгалтер',
      'повар',
      'продавец',
      'няня',
      'охранник',
      'программист',
    ],
    cities: ['Ереван', 'Гюмри', 'Ванадзор', 'Дубай', 'Москва', 'Париж'],
    plain: ['Работа', 'полный', 'день', 'опыт', 'офис', 'зарплата', 'договор'],
    risky: ['виза', 'бесплатно', 'билеты', 'заграницей', 'срочно', 'выезд', 'девушки'],
  },
  en: {
    jobs: ['waiter', 'driver', 'accountant', 'cook', 'salesperson', 'nanny', 'guard', 'developer'],
    cities: ['Yerevan', 'Gyumri', 'Vanadzor', 'Dubai', 'Moscow', 'Paris'],
    plain: ['Job', 'full', 'time', 'experience', 'office', 'salary', 'contract'],
    risky: ['visa', 'free', 'tickets', 'abroad', 'urgent', 'departure', 'girls'],
  },
} as const;

/** mulberry32: a fast deterministic generator, so every run loads the same ads. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

function weighted<T>(
  rnd: () => number,
  table: readonly [readonly [T, number], ...(readonly [T, number])[]],
): T {
  let r = rnd();
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[0][0];
}

const flaggedStatuses = [
  ['new', 0.55],
  ['in_review', 0.1],
  ['escalated', 0.05],
  ['confirmed', 0.15],
  ['dismissed', 0.15],
] as const satisfies readonly (readonly [ReviewStatus, number])[];
const otherStatuses = [
  ['new', 0.97],
  ['dismissed', 0.03],
] as const satisfies readonly (readonly [ReviewStatus, number])[];

/** Options of {@link generateAd}. */
interface GenerateOptions {
  /** How many ads the whole store gets: campaigns are about 8 ads each among them. */
  adCount: number;
  /** Give the ad a link state (as the link worker stores it) that links it to nothing new. */
  linked: boolean;
}

/** One ad shaped like store/ad.types.ts's AdRecord, as the crawl and classify workers store it. */
function generateAd(i: number, rnd: () => number, { adCount, linked }: GenerateOptions) {
  const campaignCount = Math.max(1, Math.floor((adCount * 0.06) / 8));
  const flagged = rnd() < flaggedShare;
  // Flag threshold 60: flagged ads score 60–100, the others mostly low.
  const score = flagged ? 60 + Math.floor(rnd() * 41) : Math.floor(rnd() * rnd() * 60);
  const firstSeenAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 300 * 86_400_000));
  const lang = weighted(rnd, [
    ['hy', 0.45],
    ['ru', 0.35],
    ['en', 0.2],
  ] as const);
  const words = vocabulary[lang];
  const chosen = indicators.filter(() => rnd() < (flagged ? 0.3 : 0.02));
  // Reposts: campaigns share a template, a phone and a source.
  const inCampaign = rnd() < (flagged ? 0.4 : 0.04);
  const campaign = inCampaign ? Math.floor(rnd() * campaignCount) : -1;
  const phoneSeed = inCampaign ? campaign : adCount + i;
  const phone = `+3749${String((phoneSeed * 7_919) % 10_000_000).padStart(7, '0')}`;
  const job = pick(rnd, words.jobs);
  const city = pick(rnd, words.cities);
  const risky = words.risky.filter(() => rnd() < (flagged ? 0.35 : 0.03));
  const plain = words.plain.filter(() => rnd() < 0.5);
  const title = `${job} ${city} ${risky.slice(0, 2).join(' ')}`.trim();
  const body = `${plain.join(' ')} ${job} ${city} ${risky.join(' ')} ${phone} #${i}`;
  const contentHash = createHash('sha256')
    .update(title + body)
    .digest('hex');
  const status = weighted(rnd, flagged ? flaggedStatuses : otherStatuses);
  return {
    ...(inCampaign ? { campaignId: `c-${campaign.toString(36)}` } : {}),
    _id: createHash('sha256').update(`bench\n${i}`).digest('hex').slice(0, 24),
    sourceId: `source-${inCampaign ? campaign % 8 : i % 8}`,
    url: `https://bench.test/ads/${i}`,
    title,
    body,
    contentHash,
    captureIds: [],
    versions: [],
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    updatedAt: firstSeenAt,
    flagged,
    score,
    contacts: [`tel:${phone}`],
    searchTerms: adSearchTerms({ title, body }),
    review: { status, version: 0 },
    classification: {
      score,
      band: score >= 75 ? 'high' : score >= 60 ? 'medium' : 'low',
      flagged,
      lang,
      components: { rules: score, model: score },
      indicators: chosen.map(([id, label]) => ({
        id,
        label,
        dimension: 'deception',
        weight: 1,
        evidence: [{ start: 0, end: job.length, text: job }],
      })),
      facts: { phones: [{ e164: phone }] },
      versions: { classifier: 'bench' },
      contentHash,
      classifiedAt: firstSeenAt,
    },
    ...(linked ? { link: linkState(i, contentHash, firstSeenAt.getTime()) } : {}),
  };
}

/**
 * A link state of the stored size (24 band keys, 100 five-byte shingles) whose band keys no other
 * ad shares: the store's band index is as large as a linked store's, but no new ad finds these
 * ads as candidates.
 */
function linkState(i: number, contentHash: string, at: number) {
  const shingles = new Uint8Array(500);
  for (let b = 0; b < shingles.length; b++) shingles[b] = (i * 31 + b * 7) & 0xff;
  return {
    contentHash,
    at,
    bands: Array.from({ length: 24 }, (_, b) => `g${b}:${i.toString(36)}`),
    shingles,
    linkedTo: [],
  };
}

/**
 * Generates `count` ads and bulk-inserts them into `database` at `uri`, 10,000 at a time (the next
 * batch is generated while MongoDB stores the last). Indexes are left to the caller, built after.
 */
export async function loadGeneratedAds(
  uri: string,
  database: string,
  count: number,
  { linked = false }: { linked?: boolean } = {},
): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    const ads = client.db(database).collection('ads');
    const rnd = random(42);
    const batchSize = 10_000;
    let inserting: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < count; i += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, count - i) }, (_, j) =>
        generateAd(i + j, rnd, { adCount: count, linked }),
      );
      await inserting;
      inserting = ads.insertMany(batch as never[], { ordered: false });
    }
    await inserting;
  } finally {
    await client.close();
  }
}
