import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import {
  ReviewStatus,
  type AdRecord,
  type CaptureRecord,
  type DeletedCapture,
  type LegalHold,
} from './ad.types.js';
import type { AlertRecord } from './alerts.repository.js';
import type { CampaignsRepository } from './campaigns.repository.js';
import type { CapturesRepository } from './captures.repository.js';
import type { CaseRecord } from './cases.repository.js';
import { Collections } from './collections.js';
import type { EntitiesRepository } from './entities.repository.js';
import type { ReviewEvent } from './reviews.repository.js';
import { reducePersonalData, type ReducedAdFields } from './personal-data.js';

/** The rules of the retention policy (config `retention`), in the order a run applies them. */
export const RetentionRule = {
  /** Untouched ads not seen for `untouchedAdsAfterDays`: deleted whole. */
  UntouchedAds: 'untouched-ads',
  /** Untouched ads not seen for `untouchedCapturesAfterDays`: captures and screenshots deleted. */
  UntouchedCaptures: 'untouched-captures',
  /** Ads dismissed `dismissedPersonalDataAfterDays` ago: personal data reduced. */
  DismissedPersonalData: 'dismissed-personal-data',
} as const;
export type RetentionRule = (typeof RetentionRule)[keyof typeof RetentionRule];
export const retentionRules: RetentionRule[] = Object.values(RetentionRule);

/** Why an ad a rule would otherwise touch is kept. */
export const HoldReason = {
  LegalHold: 'legal-hold',
  Case: 'case',
  /** Deleting one ad of a campaign would change the campaign: its ads are kept whole. */
  Campaign: 'campaign',
} as const;
export type HoldReason = (typeof HoldReason)[keyof typeof HoldReason];

/** The cut-off dates of each rule: what is older than its date is due. */
export type RetentionCutoffs = Record<RetentionRule, Date>;

/** What retention reads of an ad. */
export type RetentionAd = Pick<
  AdRecord,
  | '_id'
  | 'sourceId'
  | 'url'
  | 'title'
  | 'body'
  | 'employer'
  | 'location'
  | 'salaryText'
  | 'contactText'
  | 'contentHash'
  | 'captureIds'
  | 'versions'
  | 'lastSeenAt'
  | 'review'
  | 'classification'
  | 'contacts'
  | 'campaignId'
  | 'legalHold'
>;

/** One ad a rule looked at: due (with its captures) or held, and the date its age counts from. */
export type RetentionVerdict = {
  ad: RetentionAd;
  /** lastSeenAt, or the time of the dismissal. */
  since: Date;
  captures: CaptureRecord[];
} & ({ due: true } | { due: false; held: HoldReason });

/** What deleting or reducing took away. */
export interface RemovedCounts {
  captures: number;
  screenshots: number;
  /** Bytes of page bodies, WARC records and screenshots deleted. */
  bytes: number;
}

/** An ad under legal hold, as the retention report lists it. */
export interface HeldAd {
  adId: string;
  title: string;
  hold: LegalHold;
}

/**
 * What the retention policy may delete or reduce, and what keeps an ad from it (legal holds,
 * cases, campaigns). The policy's decisions are made here, ad by ad, and each write re-checks
 * them in its filter, so that an ad an analyst takes up meanwhile is left alone.
 */
export class RetentionRepository {
  private readonly ads: Collection<AdRecord>;
  private readonly cases: Collection<CaseRecord>;
  private readonly reviews: Collection<ReviewEvent>;
  private readonly alerts: Collection<AlertRecord>;

  constructor(
    db: Db,
    private readonly captures: CapturesRepository,
    private readonly entities: EntitiesRepository,
    private readonly campaigns: CampaignsRepository,
  ) {
    this.ads = db.collection<AdRecord>(Collections.Ads);
    this.cases = db.collection<CaseRecord>(Collections.Cases);
    this.reviews = db.collection<ReviewEvent>(Collections.Reviews);
    this.alerts = db.collection<AlertRecord>(Collections.Alerts);
  }

  /** Puts an ad under legal hold (or changes the reason); returns the hold it had, or null. */
  async setLegalHold(
    adId: string,
    hold: LegalHold,
  ): Promise<{ previous: LegalHold | null } | null> {
    const result = await this.ads.findOneAndUpdate(
      { _id: adId },
      { $set: { legalHold: hold } },
      { returnDocument: 'before', projection: { legalHold: 1 } },
    );
    return result.value ? { previous: result.value.legalHold ?? null } : null;
  }

  /** Lifts an ad's legal hold; returns the hold it had (null: none), or null for no such ad. */
  async clearLegalHold(adId: string): Promise<{ previous: LegalHold | null } | null> {
    const result = await this.ads.findOneAndUpdate(
      { _id: adId },
      { $unset: { legalHold: '' } },
      { returnDocument: 'before', projection: { legalHold: 1 } },
    );
    return result.value ? { previous: result.value.legalHold ?? null } : null;
  }

  /** Every ad under legal hold, the longest held first. */
  async legalHolds(): Promise<HeldAd[]> {
    const rows = await this.ads
      .find({ legalHold: { $exists: true } }, { projection: { title: 1, legalHold: 1 } })
      .sort({ 'legalHold.at': 1, _id: 1 })
      .toArray();
    return rows.flatMap((row) =>
      row.legalHold ? [{ adId: row._id, title: row.title, hold: row.legalHold }] : [],
    );
  }

  /** The cases and how many ads each holds. */
  async caseHolds(): Promise<Array<{ caseId: string; name: string; ads: number }>> {
    const rows = await this.cases
      .find({}, { projection: { name: 1, adIds: 1 } })
      .sort({ createdAt: 1 })
      .toArray();
    return rows.map((c) => ({ caseId: c._id, name: c.name, ads: c.adIds.length }));
  }

  /**
   * Up to `limit` ads after `after` (in id order) that `rule` looks at, each with its verdict.
   * `lastId` is where the next batch starts; null when the rule has no more ads.
   */
  async scan(
    rule: RetentionRule,
    cutoffs: RetentionCutoffs,
    after: string | undefined,
    limit: number,
  ): Promise<{ verdicts: RetentionVerdict[]; lastId: string | null }> {
    const batch = await this.ads
      .find(
        { ...ruleQuery(rule, cutoffs), ...(after !== undefined ? { _id: { $gt: after } } : {}) },
        { projection: retentionProjection },
      )
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    if (batch.length === 0) return { verdicts: [], lastId: null };
    const ids = batch.map((ad) => ad._id);
    const [inCase, reviewed, alerted, captures] = await Promise.all([
      this.idsIn(this.cases, { adIds: { $in: ids } }, 'adIds', ids),
      rule === RetentionRule.DismissedPersonalData
        ? Promise.resolve(new Set<string>())
        : this.idsIn(this.reviews, { adId: { $in: ids } }, 'adId', ids),
      rule === RetentionRule.DismissedPersonalData
        ? Promise.resolve(new Set<string>())
        : this.idsIn(this.alerts, { 'target.adId': { $in: ids } }, 'target.adId', ids),
      this.captures.ofAds(batch),
    ]);
    const verdicts: RetentionVerdict[] = [];
    for (const ad of batch) {
      // A note, a case (even one it left) or an alert: not untouched, whatever the ad says.
      if (reviewed.has(ad._id) || alerted.has(ad._id)) continue;
      const since =
        rule === RetentionRule.DismissedPersonalData
          ? (ad.review.changedAt ?? ad.lastSeenAt)
          : ad.lastSeenAt;
      const base = { ad, since, captures: captures.get(ad._id) ?? [] };
      if (ad.legalHold) verdicts.push({ ...base, due: false, held: HoldReason.LegalHold });
      else if (inCase.has(ad._id)) verdicts.push({ ...base, due: false, held: HoldReason.Case });
      else if (rule === RetentionRule.UntouchedAds && ad.campaignId)
        verdicts.push({ ...base, due: false, held: HoldReason.Campaign });
      else if (rule === RetentionRule.UntouchedCaptures && dueWhole(ad, cutoffs)) continue;
      else if (rule === RetentionRule.UntouchedCaptures && base.captures.length === 0) continue;
      else verdicts.push({ ...base, due: true });
    }
    return { verdicts, lastId: ids[ids.length - 1] ?? null };
  }

  /**
   * Applies `rule` to these due ads, a batch at a time: each ad is claimed with a write whose
   * filter re-checks that it is still due and unheld (an ad an analyst took up meanwhile, or put
   * in a case, is left alone), its captures' hashes are recorded on it, then its captures and
   * their files are deleted; whole ads go after that, dismissed ones are reduced in the claim.
   * Entities, links and campaigns that counted the ads are brought in line. Returns what went,
   * by ad id, for the ads done.
   */
  async apply(
    rule: RetentionRule,
    due: readonly RetentionVerdict[],
    cutoffs: RetentionCutoffs,
    now: Date,
  ): Promise<Map<string, RemovedCounts>> {
    const done = new Map<string, RemovedCounts>();
    if (due.length === 0) return done;
    const inCase = await this.idsIn(
      this.cases,
      { adIds: { $in: due.map((v) => v.ad._id) } },
      'adIds',
      due.map((v) => v.ad._id),
    );
    const candidates = due.filter((v) => !inCase.has(v.ad._id));
    if (candidates.length === 0) return done;
    const guard: Filter<AdRecord> = {
      ...ruleQuery(rule, cutoffs),
      legalHold: { $exists: false },
      ...(rule === RetentionRule.UntouchedAds ? { campaignId: { $exists: false } } : {}),
    };
    const claim = randomUUID();
    const reduced = new Map<string, ReducedAdFields>();
    await this.ads.bulkWrite(
      candidates.map((verdict): AnyBulkWriteOperation<AdRecord> => {
        const { ad, captures } = verdict;
        const set: Record<string, unknown> = { 'retention.claim': claim };
        let filter: Filter<AdRecord> = { _id: ad._id, ...guard };
        if (rule === RetentionRule.DismissedPersonalData) {
          const fields = reducePersonalData(ad);
          reduced.set(ad._id, fields);
          Object.assign(set, fields, {
            'retention.reducedAt': now,
            'retention.reducedContentHash': ad.contentHash,
          });
          // Reduced as read: a new decision or text since then is left for the next run.
          filter = { ...filter, 'review.version': ad.review.version, contentHash: ad.contentHash };
        }
        if (captures.length > 0) {
          set['retention.capturesDeletedAt'] = now;
          set['retention.capturesRule'] = rule;
        }
        return {
          updateOne: {
            filter,
            update: {
              $set: set,
              ...(captures.length > 0
                ? {
                    $addToSet: {
                      'retention.deletedCaptures': { $each: captures.map(deletedCapture) },
                    },
                  }
                : {}),
            },
          },
        };
      }),
      { ordered: false },
    );
    const claimed = new Set(
      (
        await this.ads
          .find(
            { _id: { $in: candidates.map((v) => v.ad._id) }, 'retention.claim': claim },
            { projection: { _id: 1 } },
          )
          .toArray()
      ).map((ad) => ad._id),
    );
    const mine = candidates.filter((v) => claimed.has(v.ad._id));
    const ids = mine.map((v) => v.ad._id);
    // The ad keeps its latest and screenshot capture ids, so that nothing takes the page again
    // for a screenshot; their hashes are in retention.deletedCaptures.
    await this.captures.remove(mine.flatMap((v) => v.captures));
    await this.ads.updateMany(
      { _id: { $in: ids } },
      { $set: { captureIds: [] }, $unset: { 'retention.claim': '' } },
    );
    const gone = new Set(ids);
    if (rule === RetentionRule.UntouchedAds) {
      await this.ads.deleteMany({ _id: { $in: ids }, ...guard });
      const left = await this.ads.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray();
      for (const ad of left) gone.delete(ad._id);
      // Lone ads: nothing should link to them, but a link to a deleted ad would break a rebuild.
      await this.ads.updateMany(
        { 'link.linkedTo': { $in: [...gone] } },
        { $pull: { 'link.linkedTo': { $in: [...gone] } } },
      );
    }
    const keys = mine.flatMap((v) => [
      ...(v.ad.contacts ?? []),
      ...(reduced.get(v.ad._id)?.contacts ?? []),
    ]);
    if (rule !== RetentionRule.UntouchedCaptures) await this.entities.refresh(keys, now);
    const campaignIds = mine.flatMap((v) => (v.ad.campaignId ? [v.ad.campaignId] : []));
    if (rule === RetentionRule.DismissedPersonalData && campaignIds.length > 0)
      await this.campaigns.refresh(campaignIds, now);
    for (const verdict of mine)
      if (gone.has(verdict.ad._id)) done.set(verdict.ad._id, removedCounts(verdict.captures));
    return done;
  }

  /** Of `ids`, those that `field` of some document matching `filter` holds. */
  private async idsIn<T extends object>(
    collection: Collection<T>,
    filter: Filter<T>,
    field: string,
    ids: string[],
  ): Promise<Set<string>> {
    const found = (await collection.distinct(field, filter)) as unknown[];
    const wanted = new Set(ids);
    return new Set(found.filter((id): id is string => typeof id === 'string' && wanted.has(id)));
  }
}

const retentionProjection = {
  sourceId: 1,
  url: 1,
  title: 1,
  body: 1,
  employer: 1,
  location: 1,
  salaryText: 1,
  contactText: 1,
  contentHash: 1,
  captureIds: 1,
  versions: 1,
  lastSeenAt: 1,
  review: 1,
  classification: 1,
  contacts: 1,
  campaignId: 1,
  legalHold: 1,
} as const;

/**
 * Classified, never flagged (now, before a rescore, or long enough to get a flag screenshot) and
 * never reviewed (no decision or assignment: review version 0). Notes, cases and alerts are
 * checked against their own collections.
 */
const untouched: Filter<AdRecord> = {
  classification: { $exists: true },
  flagged: false,
  'previousClassification.flagged': { $ne: true },
  screenshotCaptureId: { $exists: false },
  'review.status': ReviewStatus.New,
  'review.version': 0,
};

/** The ads a rule looks at (held ones included: the verdict says why they are kept). */
export function ruleQuery(rule: RetentionRule, cutoffs: RetentionCutoffs): Filter<AdRecord> {
  switch (rule) {
    case RetentionRule.UntouchedAds:
      return { ...untouched, lastSeenAt: { $lt: cutoffs[rule] } };
    case RetentionRule.UntouchedCaptures:
      return {
        ...untouched,
        lastSeenAt: { $lt: cutoffs[rule] },
        'captureIds.0': { $exists: true },
      };
    case RetentionRule.DismissedPersonalData:
      return {
        'review.status': ReviewStatus.Dismissed,
        'review.changedAt': { $lt: cutoffs[rule] },
        // Not reduced yet, or a new text or capture came since.
        $or: [
          { $expr: { $ne: ['$retention.reducedContentHash', '$contentHash'] } },
          { 'captureIds.0': { $exists: true } },
        ],
      };
  }
}

/** An untouched ad the whole-ad rule deletes (so the captures rule leaves it to that rule). */
function dueWhole(ad: RetentionAd, cutoffs: RetentionCutoffs): boolean {
  return ad.lastSeenAt < cutoffs[RetentionRule.UntouchedAds] && !ad.campaignId;
}

function deletedCapture(capture: CaptureRecord): DeletedCapture {
  return {
    id: capture._id,
    sha256: capture.sha256,
    fetchedAt: capture.fetchedAt,
    bytes: capture.bodyBytes,
    ...(capture.screenshot ? { screenshotSha256: capture.screenshot.sha256 } : {}),
    ...(capture.warc ? { warcSha256: capture.warc.sha256 } : {}),
  };
}

/** Counts and bytes of what deleting these captures takes away. */
export function removedCounts(captures: readonly CaptureRecord[]): RemovedCounts {
  return captures.reduce<RemovedCounts>(
    (sum, c) => ({
      captures: sum.captures + 1,
      screenshots: sum.screenshots + (c.screenshot ? 1 : 0),
      bytes: sum.bytes + c.bodyBytes + (c.warc?.bytes ?? 0) + (c.screenshot?.bytes ?? 0),
    }),
    { captures: 0, screenshots: 0, bytes: 0 },
  );
}
