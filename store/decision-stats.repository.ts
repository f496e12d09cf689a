import type { Collection, Db, Document } from 'mongodb';
import type { AdRecord } from './ad.types.js';
import { ReviewStatus } from './ad.types.js';
import { Collections } from './collections.js';
import type { ReviewEvent } from './reviews.repository.js';

/** Which decisions to count: decided in [from, to], on ads in this language or from this source. */
export interface DecisionFilter {
  from?: Date;
  to?: Date;
  lang?: string;
  source?: string;
}

export type Decision = typeof ReviewStatus.Confirmed | typeof ReviewStatus.Dismissed;

/** Reviewed ads that carried an indicator, and how they were decided. */
export interface DecisionCounts {
  reviewed: number;
  confirmed: number;
  dismissed: number;
}

export interface IndicatorQuality extends DecisionCounts {
  id: string;
  label: string;
  dimension: string;
  byLang: (DecisionCounts & { lang: string })[];
  bySource: (DecisionCounts & { source: string })[];
  /** Reasons given when an ad carrying the indicator was dismissed, most frequent first. */
  reasons: ReasonCount[];
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** A text that was evidence of an indicator on dismissed ads, with the number of such ads. */
export interface DismissedEvidence {
  indicatorId: string;
  text: string;
  ads: number;
}

export interface DecisionStats {
  totals: DecisionCounts;
  /** Of the counted decisions, those the demo seeded (0 outside the demo). */
  demo: number;
  /** Every indicator seen on a reviewed ad, by precision (confirmed share), lowest first. */
  indicators: IndicatorQuality[];
  reasons: ReasonCount[];
  /** The evidence texts found on the most dismissed ads (letter case folded), most first. */
  dismissedEvidence: DismissedEvidence[];
}

/** A decided ad as the preview re-scores it: its text and the analysts' decision. */
export interface DecidedAd extends Pick<
  AdRecord,
  '_id' | 'title' | 'body' | 'employer' | 'location' | 'salaryText' | 'contactText' | 'sourceId'
> {
  decision: Decision;
  lang: string;
}

/** A decided ad with when and by whom it was decided. */
export interface LabelledDecision extends DecidedAd {
  at: Date;
  user: string;
}

/** One dismissed ad of an indicator. */
export interface DismissedAd {
  id: string;
  title: string;
  sourceId: string;
  lang: string;
  score: number;
  decidedAt: Date;
  decidedBy: string;
  reason: string | null;
  evidence: string[];
}

/** Decided ads per language and score: what a precision–recall curve is drawn from. */
export interface ScoreDecisionCount {
  lang: string;
  score: number;
  confirmed: number;
  dismissed: number;
}

const decisions: Decision[] = [ReviewStatus.Confirmed, ReviewStatus.Dismissed];
/** The fields of a {@link DecidedAd}, projected from a row of {@link decidedAds}. */
const decidedTextFields = {
  _id: 1,
  decision: 1,
  lang: '$ad.classification.lang',
  sourceId: '$ad.sourceId',
  title: '$ad.title',
  body: '$ad.body',
  employer: '$ad.employer',
  location: '$ad.location',
  salaryText: '$ad.salaryText',
  contactText: '$ad.contactText',
};
/**
 * Finding each ad's last status event sorts every status event in the period: past 100 MB
 * (some half a million events) MongoDB needs leave to spill to disk.
 */
const aggregateOptions = { allowDiskUse: true };
const evidenceKept = 500;

/**
 * What analysts' decisions say about the classifier. An ad counts once, with its standing
 * decision: the last status change recorded in `reviews`, if it confirmed or dismissed the ad and
 * the ad still has that status (a reopened ad counts again once decided again). Its indicators
 * are those of its current classification.
 */
export class DecisionStatsRepository {
  private readonly reviews: Collection<ReviewEvent>;

  constructor(db: Db) {
    this.reviews = db.collection<ReviewEvent>(Collections.Reviews);
  }

  /** Per-indicator counts, dismissal reasons and the evidence most often dismissed. */
  async indicatorStats(filter: DecisionFilter): Promise<DecisionStats> {
    const dismissed = { $match: { decision: ReviewStatus.Dismissed } };
    const [facets] = await this.reviews
      .aggregate<Facets>(
        [
          ...decidedAds(filter),
          {
            $project: {
              decision: 1,
              reason: 1,
              demo: 1,
              lang: '$ad.classification.lang',
              source: '$ad.sourceId',
              indicators: '$ad.classification.indicators',
            },
          },
          {
            $facet: {
              totals: [
                {
                  $group: {
                    _id: '$decision',
                    n: { $sum: 1 },
                    demo: { $sum: { $cond: ['$demo', 1, 0] } },
                  },
                },
              ],
              reasons: [
                dismissed,
                { $group: { _id: { $ifNull: ['$reason', ''] }, n: { $sum: 1 } } },
              ],
              byIndicator: [
                { $unwind: '$indicators' },
                {
                  $group: {
                    _id: {
                      id: '$indicators.id',
                      lang: '$lang',
                      source: '$source',
                      decision: '$decision',
                    },
                    label: { $first: '$indicators.label' },
                    dimension: { $first: '$indicators.dimension' },
                    n: { $sum: 1 },
                  },
                },
              ],
              reasonsByIndicator: [
                dismissed,
                { $unwind: '$indicators' },
                {
                  $group: {
                    _id: { id: '$indicators.id', reason: { $ifNull: ['$reason', ''] } },
                    n: { $sum: 1 },
                  },
                },
              ],
              evidence: [
                dismissed,
                { $unwind: '$indicators' },
                { $unwind: '$indicators.evidence' },
                // Once per ad, however often the text occurs in it.
                {
                  $group: {
                    _id: { ad: '$_id', id: '$indicators.id', text: '$indicators.evidence.text' },
                  },
                },
                { $group: { _id: { id: '$_id.id', text: '$_id.text' }, n: { $sum: 1 } } },
                { $sort: { n: -1, '_id.id': 1, '_id.text': 1 } },
                { $limit: evidenceKept },
              ],
            },
          },
        ],
        aggregateOptions,
      )
      .toArray();
    return assembleStats(facets ?? emptyFacets);
  }

  /** The dismissed ads that carried `indicatorId`, most recently decided first. */
  async dismissedAds(
    indicatorId: string,
    filter: DecisionFilter,
    limit: number,
  ): Promise<DismissedAd[]> {
    const rows = await this.reviews
      .aggregate<{
        _id: string;
        at: Date;
        user: string;
        reason?: string;
        ad: AdRecord;
      }>(
        [
          ...decidedAds(filter, {
            decision: ReviewStatus.Dismissed,
            'ad.classification.indicators.id': indicatorId,
          }),
          { $sort: { at: -1, _id: 1 } },
          { $limit: limit },
        ],
        aggregateOptions,
      )
      .toArray();
    return rows.map((row) => ({
      id: row._id,
      title: row.ad.title,
      sourceId: row.ad.sourceId,
      lang: row.ad.classification?.lang ?? '',
      score: row.ad.classification?.score ?? 0,
      decidedAt: row.at,
      decidedBy: row.user,
      reason: row.reason ?? null,
      evidence: [
        ...new Set(
          (row.ad.classification?.indicators ?? [])
            .filter((hit) => hit.id === indicatorId)
            .flatMap((hit) => hit.evidence.map((span) => span.text)),
        ),
      ],
    }));
  }

  /** The decided ads with their texts, for re-scoring under a proposed lexicon; at most `limit`. */
  decidedTexts(filter: DecisionFilter, limit: number): Promise<DecidedAd[]> {
    return this.reviews
      .aggregate<DecidedAd>(
        [
          ...decidedAds(filter),
          { $sort: { at: -1, _id: 1 } },
          { $limit: limit },
          {
            $project: decidedTextFields,
          },
        ],
        aggregateOptions,
      )
      .toArray();
  }

  /**
   * Every decided ad with its text, standing decision, decision time and who took it, oldest
   * decision first (ties by ad id): what `adwatch train --from-decisions` learns from.
   */
  labelledDecisions(filter: DecisionFilter): Promise<LabelledDecision[]> {
    return this.reviews
      .aggregate<LabelledDecision>(
        [
          ...decidedAds(filter),
          { $sort: { at: 1, _id: 1 } },
          {
            $project: { ...decidedTextFields, at: 1, user: 1 },
          },
        ],
        aggregateOptions,
      )
      .toArray();
  }

  /** Status changes the demo has seeded so far. */
  demoDecisions(): Promise<number> {
    return this.reviews.countDocuments({ action: 'status', demo: true });
  }

  /** Decided ads per language and current score. */
  async scoreCounts(filter: DecisionFilter): Promise<ScoreDecisionCount[]> {
    const rows = await this.reviews
      .aggregate<{ _id: { lang: string; score: number }; confirmed: number; dismissed: number }>(
        [
          ...decidedAds(filter),
          {
            $group: {
              _id: { lang: '$ad.classification.lang', score: '$ad.classification.score' },
              confirmed: {
                $sum: { $cond: [{ $eq: ['$decision', ReviewStatus.Confirmed] }, 1, 0] },
              },
              dismissed: {
                $sum: { $cond: [{ $eq: ['$decision', ReviewStatus.Dismissed] }, 1, 0] },
              },
            },
          },
          { $sort: { '_id.lang': 1, '_id.score': 1 } },
        ],
        aggregateOptions,
      )
      .toArray();
    return rows.map((row) => ({
      lang: row._id.lang,
      score: row._id.score,
      confirmed: row.confirmed,
      dismissed: row.dismissed,
    }));
  }
}

/**
 * The pipeline stages that turn status events into one row per decided ad: `_id` (the ad id),
 * `decision`, `at`, `user`, `reason` and the ad itself under `ad`.
 */
function decidedAds(filter: DecisionFilter, extra: Document = {}): Document[] {
  const stages: Document[] = [
    // An ad decided in the period has its last status event at or after `from`, so the earlier
    // events never decide what counts and need not be read.
    { $match: { action: 'status', ...(filter.from ? { at: { $gte: filter.from } } : {}) } },
    { $sort: { adId: 1, at: -1, _id: -1 } },
    {
      $group: {
        _id: '$adId',
        decision: { $first: '$to' },
        at: { $first: '$at' },
        user: { $first: '$user' },
        reason: { $first: '$reason' },
        demo: { $first: '$demo' },
      },
    },
    {
      $match: {
        decision: { $in: decisions },
        ...(filter.to ? { at: { $lte: filter.to } } : {}),
      },
    },
    { $lookup: { from: Collections.Ads, localField: '_id', foreignField: '_id', as: 'ad' } },
    { $unwind: '$ad' },
    {
      $match: {
        $expr: { $eq: ['$ad.review.status', '$decision'] },
        'ad.classification': { $exists: true },
        ...(filter.lang ? { 'ad.classification.lang': filter.lang } : {}),
        ...(filter.source ? { 'ad.sourceId': filter.source } : {}),
        ...extra,
      },
    },
  ];
  return stages;
}

interface CountRow {
  _id: string;
  n: number;
}

interface Facets {
  totals: (CountRow & { demo: number })[];
  reasons: CountRow[];
  byIndicator: {
    _id: { id: string; lang: string; source: string; decision: Decision };
    label: string;
    dimension: string;
    n: number;
  }[];
  reasonsByIndicator: { _id: { id: string; reason: string }; n: number }[];
  evidence: { _id: { id: string; text: string }; n: number }[];
}

const emptyFacets: Facets = {
  totals: [],
  reasons: [],
  byIndicator: [],
  reasonsByIndicator: [],
  evidence: [],
};

function emptyCounts(): DecisionCounts {
  return { reviewed: 0, confirmed: 0, dismissed: 0 };
}

function add(counts: DecisionCounts, decision: Decision, n: number): void {
  counts.reviewed += n;
  if (decision === ReviewStatus.Confirmed) counts.confirmed += n;
  else counts.dismissed += n;
}

/** The confirmed share; an indicator never reviewed sorts as if perfect (nothing says otherwise). */
function precisionOf(counts: DecisionCounts): number {
  return counts.reviewed === 0 ? 1 : counts.confirmed / counts.reviewed;
}

function byCount<T extends { count: number }>(key: (row: T) => string) {
  return (a: T, b: T) => b.count - a.count || key(a).localeCompare(key(b));
}

function assembleStats(facets: Facets): DecisionStats {
  const totals = emptyCounts();
  let demo = 0;
  for (const row of facets.totals) {
    add(totals, row._id as Decision, row.n);
    demo += row.demo;
  }

  const indicators = new Map<
    string,
    IndicatorQuality & { langs: Map<string, DecisionCounts>; sources: Map<string, DecisionCounts> }
  >();
  for (const row of facets.byIndicator) {
    const { id, lang, source, decision } = row._id;
    let entry = indicators.get(id);
    if (!entry) {
      entry = {
        id,
        label: row.label,
        dimension: row.dimension,
        ...emptyCounts(),
        byLang: [],
        bySource: [],
        reasons: [],
        langs: new Map(),
        sources: new Map(),
      };
      indicators.set(id, entry);
    }
    add(entry, decision, row.n);
    const langCounts = entry.langs.get(lang) ?? emptyCounts();
    add(langCounts, decision, row.n);
    entry.langs.set(lang, langCounts);
    const sourceCounts = entry.sources.get(source) ?? emptyCounts();
    add(sourceCounts, decision, row.n);
    entry.sources.set(source, sourceCounts);
  }
  for (const row of facets.reasonsByIndicator) {
    indicators.get(row._id.id)?.reasons.push({ reason: row._id.reason, count: row.n });
  }

  const list: IndicatorQuality[] = [...indicators.values()].map(({ langs, sources, ...entry }) => ({
    ...entry,
    byLang: [...langs]
      .map(([lang, c]) => ({ lang, ...c }))
      .sort((a, b) => a.lang.localeCompare(b.lang)),
    bySource: [...sources]
      .map(([source, c]) => ({ source, ...c }))
      .sort((a, b) => a.source.localeCompare(b.source)),
    reasons: entry.reasons.sort(byCount((r) => r.reason)),
  }));
  list.sort(
    (a, b) =>
      precisionOf(a) - precisionOf(b) || b.reviewed - a.reviewed || a.id.localeCompare(b.id),
  );

  // MongoDB 4.0's $toLower folds ASCII only: Armenian and Cyrillic evidence is folded here.
  const evidence = new Map<string, DismissedEvidence>();
  for (const row of facets.evidence) {
    const text = row._id.text.trim().toLocaleLowerCase();
    const key = `${row._id.id}\u0000${text}`;
    const entry = evidence.get(key) ?? { indicatorId: row._id.id, text, ads: 0 };
    entry.ads += row.n;
    evidence.set(key, entry);
  }

  return {
    totals,
    demo,
    indicators: list,
    reasons: facets.reasons
      .map((row) => ({ reason: row._id, count: row.n }))
      .sort(byCount((r) => r.reason)),
    dismissedEvidence: [...evidence.values()].sort(
      (a, b) =>
        b.ads - a.ads || a.indicatorId.localeCompare(b.indicatorId) || a.text.localeCompare(b.text),
    ),
  };
}
