import type { ChangeStream, ChangeStreamDocument, Collection, Db, Filter } from 'mongodb';
import {
  ReviewStatus,
  type AdRecord,
  type AdReview,
  type StoredClassification,
  type StoredIndicator,
} from './ad.types.js';
import { Collections } from './collections.js';
import { adEntityKeys } from './entity-keys.js';
import { adSearchTerms, querySearchTerms } from './search-terms.js';

/** Filters of the triage queue; every field is optional. */
export interface TriageFilter {
  status?: ReviewStatus;
  minScore?: number;
  maxScore?: number;
  indicator?: string;
  lang?: string;
  source?: string;
  from?: Date;
  to?: Date;
  assignee?: string;
  /** Normalised contact keys (`tel:+374...`); an ad matches when it carries any of them. */
  contacts?: string[];
  /** Words searched in title and body, folded (see search-terms.ts); any of them matches. */
  text?: string;
  /** Only the ads of this campaign. */
  campaign?: string;
}

/**
 * An ad as the queue's pages read it: only what a row of the queue shows (title, score, band,
 * language, indicator names, review state, campaign), not the body, the indicators' evidence,
 * the search words, earlier texts or captures, which are most of a stored ad's bytes.
 */
export type TriageAd = Pick<
  AdRecord,
  '_id' | 'title' | 'score' | 'sourceId' | 'url' | 'firstSeenAt' | 'review' | 'campaignId'
> & {
  classification?: Pick<StoredClassification, 'score' | 'band' | 'lang' | 'components'> & {
    indicators: Pick<StoredIndicator, 'id' | 'label'>[];
  };
};

export interface TriagePage {
  items: TriageAd[];
  nextCursor: string | null;
}

/** A row of the queue grouped by campaign: the campaign's first ad in queue order, and more. */
export interface TriageGroup {
  lead: TriageAd;
  /** Ads of the group that match the filter (1 for an ad in no campaign). */
  count: number;
  /** Of those, the ones still waiting for a decision (new, in review). */
  open: number;
}

/**
 * Flagged ads per review status. A count stops at {@link countCap}: a status in `capped` has
 * more than `counts[status]` ads (shown as "more than N"), every other figure is exact.
 */
export interface StatusCounts {
  counts: Record<ReviewStatus, number>;
  capped: ReviewStatus[];
}

/** One query's winning plan, for the benchmark and the index tests. */
export interface PlanSummary {
  query: string;
  indexes: string[];
  keysExamined: number;
  docsExamined: number;
  returned: number;
  /** The plan sorts the matching ads in memory (no index gives the queue's order). */
  inMemorySort: boolean;
}

export interface TriageGroupPage {
  items: TriageGroup[];
  nextCursor: string | null;
}

/** Outcome of a conditional change of an ad's review state. */
export type ReviewChange =
  | { ok: true; ad: AdRecord; previous: AdReview }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict' | 'transition'; ad: AdRecord };

/** The queue's order: risk, then recency, then id so that the order is total (for cursors). */
const triageSort = { score: -1, firstSeenAt: -1, _id: 1 } as const;
/**
 * What a page of the queue reads of each ad (TriageAd). The MongoDB driver and BSON decoding took
 * about half of the dashboard bench's CPU time (docs/benchmarks.md, dashboard): a row shows a
 * title, a score and indicator names, so the body, the evidence and the search words stay in
 * MongoDB.
 */
const listProjection = {
  title: 1,
  score: 1,
  sourceId: 1,
  url: 1,
  firstSeenAt: 1,
  review: 1,
  campaignId: 1,
  'classification.score': 1,
  'classification.band': 1,
  'classification.lang': 1,
  'classification.components': 1,
  'classification.indicators.id': 1,
  'classification.indicators.label': 1,
} as const;

/** How long counts per status are reused for the same filter (they cost a scan per status). */
const countsCacheMillis = 5_000;
const countsCacheEntries = 500;
/**
 * Counting stops here: past it, a count with a filter that no index covers reads every matching
 * ad, and with a million ads that is seconds, not milliseconds. An analyst needs "more than
 * 1,000 new", not the exact figure.
 */
export const countCap = 1_000;

/** Queries of the analysts' triage queue and the review state of ads. */
export class TriageRepository {
  private readonly collection: Collection<AdRecord>;
  private readonly countsCache = new Map<string, { at: number; counts: Promise<StatusCounts> }>();

  constructor(db: Db) {
    this.collection = db.collection<AdRecord>(Collections.Ads);
  }

  /** One page of flagged ads in triage order; the cursor is the last sort key, base64url. */
  async list(filter: TriageFilter, cursor: string | null, limit: number): Promise<TriagePage> {
    const query = triageQuery(filter);
    const after = cursor ? decodeCursor(cursor) : undefined;
    if (after) query.$and = [...(query.$and ?? []), afterCursor(after)];
    const items = await this.collection
      .find<TriageAd>(query, { projection: listProjection })
      .sort(triageSort)
      .limit(limit + 1)
      .toArray();
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor(last) : null };
  }

  /**
   * One page of the queue with each campaign's ads under one row: the campaign's first ad in
   * queue order leads it, rows come in the order of their leads, ads in no campaign are rows of
   * their own. Same filters and cursor form as {@link list}.
   *
   * Walks the queue in its index order and stops once the page's rows are found (it never groups
   * the whole queue), then counts only those rows' campaigns: its cost grows with the page and
   * the campaigns on it, not with the queue.
   */
  async listGrouped(
    filter: TriageFilter,
    cursor: string | null,
    limit: number,
  ): Promise<TriageGroupPage> {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const base = triageQuery(filter);
    const leads: { id: string; campaign?: string }[] = [];
    const seen = new Set<string>();
    const walk = this.collection
      .find(after ? { $and: [base, afterCursor(after)] } : base, {
        projection: { campaignId: 1, score: 1, firstSeenAt: 1 },
      })
      .sort(triageSort)
      .batchSize(Math.max(100, limit * 4));
    let pending: { id: string; campaign?: string }[] = [];
    const settle = async (): Promise<void> => {
      // On a later page, a campaign met again may have been led by an ad on an earlier page.
      const started = after ? await this.campaignsBefore(base, after, pending) : new Set();
      for (const lead of pending)
        if (!lead.campaign || !started.has(lead.campaign)) leads.push(lead);
      pending = [];
    };
    for await (const ad of walk) {
      const key = ad.campaignId ?? ad._id;
      if (seen.has(key)) continue;
      seen.add(key);
      pending.push({ id: ad._id, ...(ad.campaignId ? { campaign: ad.campaignId } : {}) });
      if (leads.length + pending.length > limit) {
        await settle();
        if (leads.length > limit) break;
      }
    }
    await walk.close();
    await settle();
    const more = leads.length > limit;
    const page = leads.slice(0, limit);
    const campaigns = page.flatMap((lead) => (lead.campaign ? [lead.campaign] : []));
    const open = [ReviewStatus.New, ReviewStatus.InReview];
    const [docs, counts] = await Promise.all([
      this.collection
        .find<TriageAd>(
          { _id: { $in: page.map((lead) => lead.id) } },
          { projection: listProjection },
        )
        .toArray(),
      campaigns.length === 0
        ? Promise.resolve([])
        : this.collection
            .aggregate<{ _id: string; count: number; open: number }>(
              [
                { $match: { ...base, campaignId: { $in: campaigns } } },
                {
                  $group: {
                    _id: '$campaignId',
                    count: { $sum: 1 },
                    open: { $sum: { $cond: [{ $in: ['$review.status', open] }, 1, 0] } },
                  },
                },
              ],
              // The page's campaigns hold a few ads each; the queue's own indexes would scan it all.
              { hint: 'campaign_first_seen' },
            )
            .toArray(),
    ]);
    const byId = new Map(docs.map((doc) => [doc._id, doc]));
    const countOf = new Map(counts.map((row) => [row._id, row]));
    const items = page.flatMap((lead) => {
      const doc = byId.get(lead.id);
      if (!doc) return [];
      const group = lead.campaign ? countOf.get(lead.campaign) : undefined;
      const waiting = open.includes(doc.review.status as (typeof open)[number]) ? 1 : 0;
      return [{ lead: doc, count: group?.count ?? 1, open: group?.open ?? waiting }];
    });
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor(last.lead) : null };
  }

  /** Of these rows' campaigns, those with an ad matching `base` before the cursor. */
  private async campaignsBefore(
    base: Filter<AdRecord>,
    after: [number, Date, string],
    rows: { campaign?: string }[],
  ): Promise<Set<string>> {
    const campaigns = rows.flatMap((row) => (row.campaign ? [row.campaign] : []));
    if (campaigns.length === 0) return new Set();
    const before = await this.collection
      .aggregate<{ _id: string }>(
        [
          {
            $match: {
              $and: [base, { campaignId: { $in: campaigns } }, { $nor: [afterCursor(after)] }],
            },
          },
          { $group: { _id: '$campaignId' } },
        ],
        { hint: 'campaign_first_seen' },
      )
      .toArray();
    return new Set(before.map((row) => row._id));
  }

  /** Flagged ads per review status for the filter, ignoring its status; capped at {@link countCap}. */
  countsByStatus(filter: TriageFilter): Promise<StatusCounts> {
    const key = JSON.stringify({ ...filter, status: undefined });
    const now = Date.now();
    const cached = this.countsCache.get(key);
    if (cached && now - cached.at < countsCacheMillis) return cached.counts;
    if (this.countsCache.size >= countsCacheEntries) this.countsCache.clear();
    const counts = this.countByStatus(filter);
    const entry = { at: now, counts };
    if (cached) {
      // Stale while revalidating: callers keep the old figures until the new ones are in.
      cached.at = now;
      void counts.then(
        () => this.countsCache.set(key, entry),
        () => this.countsCache.delete(key),
      );
      return cached.counts;
    }
    this.countsCache.set(key, entry);
    counts.catch(() => this.countsCache.delete(key));
    return counts;
  }

  private async countByStatus(filter: TriageFilter): Promise<StatusCounts> {
    const base = triageQuery({ ...filter, status: undefined });
    const statuses = Object.values(ReviewStatus);
    // Counting one past the cap tells "exactly the cap" from "more than the cap".
    const counts = await Promise.all(
      statuses.map((status) =>
        this.collection.countDocuments(
          { ...base, 'review.status': status },
          { limit: countCap + 1 },
        ),
      ),
    );
    const capped = statuses.filter((_, i) => (counts[i] ?? 0) > countCap);
    return {
      counts: Object.fromEntries(
        statuses.map((s, i) => [s, Math.min(countCap, counts[i] ?? 0)]),
      ) as Record<ReviewStatus, number>,
      capped,
    };
  }

  /**
   * The winning plans of a page of the queue and of one of its counts (the count as the find it
   * amounts to), run for their statistics: which index, how many keys and ads they read.
   */
  async explainQueries(filter: TriageFilter, limit = 50): Promise<PlanSummary[]> {
    const list = this.collection
      .find(triageQuery(filter), { projection: listProjection })
      .sort(triageSort)
      .limit(limit + 1);
    const count = this.collection
      .find(triageQuery({ ...filter, status: filter.status ?? ReviewStatus.New }), {
        projection: { _id: 1 },
      })
      .limit(countCap + 1);
    return [
      summarisePlan('page', await list.explain('executionStats')),
      summarisePlan(
        `count (${filter.status ?? ReviewStatus.New})`,
        await count.explain('executionStats'),
      ),
    ];
  }

  /** Other ads that share a contact with this one, most risky first. */
  async related(ad: AdRecord, limit = 50): Promise<AdRecord[]> {
    if (!ad.contacts?.length) return [];
    return this.collection
      .find(
        { contacts: { $in: ad.contacts }, _id: { $ne: ad._id } },
        { projection: { versions: 0, 'classification.facts': 0 } },
      )
      .sort(triageSort)
      .limit(limit)
      .toArray();
  }

  /** Indicator ids and labels present on flagged ads. */
  async indicators(): Promise<{ id: string; label: string }[]> {
    const rows = await this.collection
      .aggregate<{ _id: string; label: string }>([
        { $match: { flagged: true } },
        { $unwind: '$classification.indicators' },
        {
          $group: {
            _id: '$classification.indicators.id',
            label: { $first: '$classification.indicators.label' },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    return rows.map((r) => ({ id: r._id, label: r.label }));
  }

  /**
   * Changes the review state only if the ad is still at `expectedVersion` (and, when given, in one
   * of `fromStatuses`), bumping the version: two analysts cannot overwrite each other silently.
   */
  async changeReview(
    adId: string,
    expectedVersion: number,
    change: Partial<Pick<AdReview, 'status' | 'assignee'>>,
    by: string,
    fromStatuses?: readonly ReviewStatus[],
  ): Promise<ReviewChange> {
    // A decision here moves counts between statuses: recount on the next request.
    this.countsCache.clear();
    const changedAt = new Date();
    const set: Record<string, unknown> = { 'review.changedBy': by, 'review.changedAt': changedAt };
    if (change.status !== undefined) set['review.status'] = change.status;
    if (change.assignee !== undefined) set['review.assignee'] = change.assignee;
    const result = await this.collection.findOneAndUpdate(
      {
        _id: adId,
        'review.version': expectedVersion,
        ...(fromStatuses ? { 'review.status': { $in: [...fromStatuses] } } : {}),
      },
      { $set: set, $inc: { 'review.version': 1 } },
      { returnDocument: 'before' },
    );
    const before = result.value;
    if (before) {
      const review: AdReview = {
        ...before.review,
        ...change,
        changedBy: by,
        changedAt,
        version: before.review.version + 1,
      };
      return { ok: true, ad: { ...before, review }, previous: before.review };
    }
    const current = await this.collection.findOne({ _id: adId });
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.review.version !== expectedVersion)
      return { ok: false, reason: 'conflict', ad: current };
    return { ok: false, reason: 'transition', ad: current };
  }

  /**
   * Sets `contacts` on classified ads stored before the field existed (related ads and the contact
   * filter read it). Safe to run at every start; returns how many ads it updated.
   */
  async backfillContacts(): Promise<number> {
    let updated = 0;
    const cursor = this.collection.find(
      { classification: { $exists: true }, contacts: { $exists: false } },
      { projection: { url: 1, employer: 1, 'classification.facts': 1 } },
    );
    for await (const ad of cursor) {
      const contacts = adEntityKeys(ad);
      await this.collection.updateOne(
        { _id: ad._id, contacts: { $exists: false } },
        { $set: { contacts } },
      );
      updated++;
    }
    return updated;
  }

  /**
   * Sets `searchTerms` on ads stored before the field existed (the text search reads it). Safe to
   * run at every start; returns how many ads it updated.
   */
  async backfillSearchTerms(): Promise<number> {
    let updated = 0;
    const cursor = this.collection.find(
      { searchTerms: { $exists: false } },
      { projection: { title: 1, body: 1 } },
    );
    for await (const ad of cursor) {
      await this.collection.updateOne(
        { _id: ad._id, searchTerms: { $exists: false } },
        { $set: { searchTerms: adSearchTerms(ad) } },
      );
      updated++;
    }
    return updated;
  }

  /**
   * Calls onFlagged with every ad that becomes flagged (insert or update), fed by a change stream.
   * Needs a replica set. Returns the stream; close it to stop.
   */
  watchFlagged(
    onFlagged: (ad: AdRecord) => void,
    onError: (error: unknown) => void,
    onOpen?: () => void,
  ): ChangeStream<AdRecord> {
    const stream = this.collection.watch<AdRecord, ChangeStreamDocument<AdRecord>>(
      [
        {
          $match: {
            $or: [
              { operationType: 'insert', 'fullDocument.flagged': true },
              { operationType: 'update', 'updateDescription.updatedFields.flagged': true },
            ],
          },
        },
      ],
      { fullDocument: 'updateLookup' },
    );
    stream.on('change', (change) => {
      if ('fullDocument' in change && change.fullDocument?.flagged) onFlagged(change.fullDocument);
    });
    stream.on('error', onError);
    // The first resume token comes with the server's answer to the stream's aggregate (MongoDB
    // 4.0.7 and later send one with every batch): from then on no flagged ad is missed.
    if (onOpen) stream.once('resumeTokenChanged', onOpen);
    return stream;
  }
}

function summarisePlan(query: string, explained: Record<string, unknown>): PlanSummary {
  const planner = explained.queryPlanner as { winningPlan: unknown };
  const stats = explained.executionStats as {
    totalKeysExamined: number;
    totalDocsExamined: number;
    nReturned: number;
  };
  const winning = JSON.stringify(planner.winningPlan);
  const indexes = [
    ...new Set([...winning.matchAll(/"indexName":"([^"]+)"/g)].map((m) => m[1] ?? '')),
  ];
  return {
    query,
    indexes,
    keysExamined: stats.totalKeysExamined,
    docsExamined: stats.totalDocsExamined,
    returned: stats.nReturned,
    inMemorySort: winning.includes('"stage":"SORT"'),
  };
}

function triageQuery(filter: TriageFilter): Filter<AdRecord> {
  const query: Filter<AdRecord> = { flagged: true };
  if (filter.status) query['review.status'] = filter.status;
  if (filter.minScore !== undefined || filter.maxScore !== undefined) {
    query.score = {
      ...(filter.minScore !== undefined ? { $gte: filter.minScore } : {}),
      ...(filter.maxScore !== undefined ? { $lte: filter.maxScore } : {}),
    };
  }
  if (filter.indicator) query['classification.indicators.id'] = filter.indicator;
  if (filter.lang) query['classification.lang'] = filter.lang;
  if (filter.source) query.sourceId = filter.source;
  if (filter.from || filter.to) {
    query.firstSeenAt = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lte: filter.to } : {}),
    };
  }
  if (filter.assignee) query['review.assignee'] = filter.assignee;
  if (filter.contacts) query.contacts = { $in: filter.contacts };
  // Words matched whole, folded (search-terms.ts); an ad matches when it holds any of them.
  if (filter.text) query.searchTerms = { $in: querySearchTerms(filter.text) };
  if (filter.campaign) query.campaignId = filter.campaign;
  return query;
}

/** Ads after the cursor's sort key in queue order. */
function afterCursor([score, at, id]: [number, Date, string]): Filter<AdRecord> {
  return {
    $or: [
      { score: { $lt: score } },
      { score, firstSeenAt: { $lt: at } },
      { score, firstSeenAt: at, _id: { $gt: id } },
    ],
  };
}

function encodeCursor(ad: Pick<AdRecord, 'score' | 'firstSeenAt' | '_id'>): string {
  return Buffer.from(
    JSON.stringify([ad.score ?? 0, ad.firstSeenAt.toISOString(), ad._id]),
  ).toString('base64url');
}

/** The sort key in a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): [number, Date, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string' &&
      !Number.isNaN(Date.parse(value[1]))
    ) {
      return [value[0], new Date(value[1]), value[2]];
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}
