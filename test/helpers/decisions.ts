import type { AdText, Classifier } from '../../classifiers/index.js';
import type { Store, StoredClassification, StoredIndicator } from '../../store/index.js';
import { must } from './services.js';
import { storeCapturedAd } from './seed.js';

/** A decided ad as a statistics fixture describes it. */
export interface DecidedAdInput {
  url: string;
  lang: string;
  sourceId: string;
  score?: number;
  title?: string;
  body?: string;
  /** Indicator id → the evidence texts found for it. */
  indicators: Record<string, string[]>;
  /** Indicator id → its dimension (default `deception`). */
  dimensions?: Record<string, string>;
}

/** Stores an ad with a classification carrying the given indicators and evidence texts. */
export async function storeDecidableAd(store: Store, input: DecidedAdInput): Promise<string> {
  const seenAt = new Date('2026-01-01T00:00:00Z');
  const saved = await storeCapturedAd(store, {
    sourceId: input.sourceId,
    url: input.url,
    html: '<html></html>',
    seenAt,
    ad: { title: input.title ?? `Ad ${input.url}`, body: input.body ?? 'Text of the ad.' },
  });
  const score = input.score ?? 70;
  const indicators: StoredIndicator[] = Object.entries(input.indicators).map(([id, texts]) => ({
    id,
    label: `Label of ${id}`,
    dimension: input.dimensions?.[id] ?? 'deception',
    weight: 1,
    evidence: texts.map((text, i) => ({ start: i, end: i + text.length, text })),
  }));
  const classification: StoredClassification = {
    score,
    band: score >= 60 ? 'high' : 'low',
    flagged: score >= 60,
    lang: input.lang,
    components: { rules: score, model: 0 },
    indicators,
    facts: {},
    versions: { classifier: 'test' },
    contentHash: saved.contentHash,
    classifiedAt: seenAt,
  };
  await store.ads.saveClassification(saved.adId, classification);
  return saved.adId;
}

/**
 * Records a status change as the review routes do: the ad's review state, and the event in
 * `reviews` at the given time (the time statistics count decisions by).
 */
export async function decide(
  store: Store,
  adId: string,
  to: 'confirmed' | 'dismissed' | 'in_review',
  at: Date,
  reason?: string,
  user = 'analyst',
): Promise<void> {
  const ad = must(await store.ads.findById(adId), `ad ${adId}`);
  const result = await store.triage.changeReview(adId, ad.review.version, { status: to }, user);
  if (!result.ok) throw new Error(`could not set ${adId} to ${to}: ${result.reason}`);
  await store.reviews.add({
    adId,
    at,
    user,
    action: 'status',
    from: ad.review.status,
    to,
    ...(reason ? { reason } : {}),
  });
}

/** Decided ads whose flags a proposal changes in ways worked out by hand (see each case). */
export const decisionCases: { name: string; ad: AdText; decision: 'confirmed' | 'dismissed' }[] = [
  {
    name: 'club-dubai',
    decision: 'confirmed',
    ad: {
      title: 'Работа в Дубае',
      text: 'Требуются девушки 18-25 в ночной клуб в Дубае, зарплата 3000$ в неделю, билеты и жильё бесплатно. Пишите только в WhatsApp.',
    },
  },
  {
    name: 'waitress',
    decision: 'dismissed',
    ad: {
      title: 'Официантка',
      text: 'Требуются девушки в кафе в Ереване, зарплата 200000 драм, пишите в WhatsApp.',
    },
  },
  {
    name: 'accountant',
    decision: 'dismissed',
    ad: {
      title: 'Бухгалтер',
      text: 'Компания ищет бухгалтера, опыт 3 года, официальное трудоустройство, договор. Ереван.',
    },
  },
  {
    // Russian, work abroad with housing: under the flag today, over it with work-abroad at 5.
    name: 'driver-moscow',
    decision: 'dismissed',
    ad: {
      title: 'Водитель',
      text: 'Работа в Москве для водителей, жильё предоставляется, зарплата 150000 рублей, билеты оплачиваем.',
    },
  },
  {
    name: 'hostess',
    decision: 'confirmed',
    ad: {
      title: 'Hostess',
      text: 'Girls 18-25 wanted for a club in Dubai, free visa and flights, 5000 USD a month, WhatsApp only.',
    },
  },
  {
    // Armenian, work abroad with paid travel: flagged only when the change applies to all languages.
    name: 'builders-russia',
    decision: 'confirmed',
    ad: {
      title: 'Շինարար',
      text: 'Աշխատանք Ռուսաստանում, շինարարներ, բնակարան և ճանապարհածախս, աշխատավարձը 2000$։',
    },
  },
];

/**
 * Stores the decision cases with the real classifier's verdict (score, language, indicators and
 * evidence), each decided on its own day from 1 February 2026; returns their scores by name.
 */
export async function seedDecisionCases(
  store: Store,
  classifier: Classifier,
): Promise<Record<string, number>> {
  const scores: Record<string, number> = {};
  for (const [i, c] of decisionCases.entries()) {
    const assessment = classifier.assess(c.ad);
    scores[c.name] = assessment.score;
    const id = await storeDecidableAd(store, {
      url: `https://x.test/${c.name}`,
      lang: assessment.lang,
      sourceId: i % 2 === 0 ? 'demo-jobs' : 'demo-feed',
      score: assessment.score,
      title: c.ad.title ?? '',
      body: c.ad.text,
      indicators: Object.fromEntries(
        assessment.indicators.map((hit) => [hit.id, hit.evidence.map((e) => e.text)]),
      ),
      dimensions: Object.fromEntries(assessment.indicators.map((hit) => [hit.id, hit.dimension])),
    });
    await decide(
      store,
      id,
      c.decision,
      new Date(Date.UTC(2026, 1, 1 + i)),
      c.decision === 'dismissed' ? 'legitimate employer' : undefined,
    );
  }
  return scores;
}
