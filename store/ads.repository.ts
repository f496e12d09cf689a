import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import {
  ReviewStatus,
  type AdFetchState,
  type AdRecord,
  type AdVersion,
  type PreviousClassification,
  type StoredClassification,
} from './ad.types.js';
import { Collections } from './collections.js';
import type { CampaignsRepository } from './campaigns.repository.js';
import type { EntitiesRepository } from './entities.repository.js';
import { adEntityKeys } from './entity-keys.js';
import { adIdFor, sha256Hex } from './ids.js';
import { adSearchTerms } from './search-terms.js';
import {
  adFieldLimits,
  limitAdFields,
  type ExtractedAd,
  type LimitedAdField,
} from '../core/index.js';

export interface SaveExtractedAdInput {
  sourceId: string;
  url: string;
  ad: ExtractedAd;
  captureId?: string;
  seenAt: Date;
  /** Validators of the fetch that produced the capture (for conditional re-fetches). */
  fetchState?: AdFetchState;
}

/** What the crawler knows about an already stored ad when its URL shows up on a listing again. */
export interface AdRevisitState {
  adId: string;
  fetchState?: AdFetchState;
  takenDown: boolean;
  /** Hash of the stored text, and whether the stored classification is of that text. */
  contentHash: string;
  classified: boolean;
}

export interface SaveExtractedAdResult {
  adId: string;
  contentHash: string;
  /** True when the ad is new or its text differs from what was stored. */
  changed: boolean;
  created: boolean;
  /**
   * The stored classification is of this text. False for an unchanged ad too when its
   * classification never got stored (a worker died between saving the ad and queueing it).
   */
  classified: boolean;
}

/** Which ads `adwatch rescore` reads: those with a text, in `_id` order. */
export interface RescoreFilter {
  /** Only ads whose id sorts after this one. */
  after?: string;
  /** Only ads whose id sorts before this one or is it. */
  upTo?: string;
  /**
   * Only ads whose classification differs from these versions in any field (or that have none);
   * every ad with a text when absent.
   */
  staleAgainst?: Record<string, string>;
}

/** An ad as `adwatch rescore` reads it: without its earlier texts and fetch bookkeeping. */
export type RescoreCandidate = Omit<AdRecord, 'versions' | 'captureIds' | 'fetchState'>;

export interface AdListOptions {
  flagged?: boolean;
  limit?: number;
}

/** Hash of the fields that make an ad's text: a change here is a new version of the ad. */
export function adContentHash(ad: ExtractedAd): string {
  return sha256Hex(
    JSON.stringify([
      ad.title,
      ad.body,
      ad.location ?? '',
      ad.salaryText ?? '',
      ad.contactText ?? '',
      ad.employer ?? '',
    ]),
  );
}

/** The fields of an ad the classify stage reads (not its versions, captures or search words). */
export type AdToClassify = Pick<
  AdRecord,
  | LimitedAdField
  | '_id'
  | 'contentHash'
  | 'url'
  | 'latestCaptureId'
  | 'screenshotCaptureId'
  | 'screenshotOfCaptureId'
>;

const adToClassifyFields = {
  ...Object.fromEntries(Object.keys(adFieldLimits).map((field) => [field, 1])),
  contentHash: 1,
  url: 1,
  latestCaptureId: 1,
  screenshotCaptureId: 1,
  screenshotOfCaptureId: 1,
};

/** The ads collection: one document per (source, canonical URL), written by idempotent upserts. */
export class AdsRepository {
  private readonly collection: Collection<AdRecord>;

  constructor(
    db: Db,
    private readonly entities: EntitiesRepository,
    private readonly campaigns: CampaignsRepository,
  ) {
    this.collection = db.collection<AdRecord>(Collections.Ads);
  }

  /**
   * Stores an ad read from a page. Running it twice with the same input changes nothing but
   * lastSeenAt; a changed text keeps the previous text in `versions`.
   */
  async saveExtracted(extracted: SaveExtractedAdInput): Promise<SaveExtractedAdResult> {
    // Hostile pages can carry fields of any size: stored ads keep bounded ones (see limitAdFields).
    const input = { ...extracted, ad: limitAdFields(extracted.ad) };
    const { adId, contentHash, update } = this.upsertOf(input);
    const inserted = await this.collection.updateOne({ _id: adId }, update, { upsert: true });
    if (inserted.upsertedCount === 1) {
      return { adId, contentHash, changed: true, created: true, classified: false };
    }
    return this.saveVersion(input, adId, contentHash);
  }

  /**
   * saveExtracted for several ads (a batch of pages) with one write for the upserts; only ads that
   * were already stored need a second look, one by one, to keep a changed text's version.
   */
  async saveExtractedMany(extracted: SaveExtractedAdInput[]): Promise<SaveExtractedAdResult[]> {
    if (extracted.length === 0) return [];
    const inputs = extracted.map((input) => ({ ...input, ad: limitAdFields(input.ad) }));
    const upserts = inputs.map((input) => this.upsertOf(input));
    const written = await this.collection.bulkWrite(
      upserts.map(({ adId, update }) => ({
        updateOne: { filter: { _id: adId }, update, upsert: true },
      })),
      { ordered: true },
    );
    const created = new Set(Object.keys(written.upsertedIds).map(Number));
    const results: SaveExtractedAdResult[] = [];
    for (const [index, input] of inputs.entries()) {
      const { adId, contentHash } = upserts[index];
      results.push(
        created.has(index)
          ? { adId, contentHash, changed: true, created: true, classified: false }
          : await this.saveVersion(input, adId, contentHash),
      );
    }
    return results;
  }

  /** The upsert that creates the ad, or marks a stored one seen and links the new capture. */
  private upsertOf(input: SaveExtractedAdInput) {
    const adId = adIdFor(input.sourceId, input.url);
    const contentHash = adContentHash(input.ad);
    const fields = withoutUndefined({ ...input.ad });
    const captureUpdate = input.captureId ? { $addToSet: { captureIds: input.captureId } } : {};
    const update: UpdateFilter<AdRecord> = {
      $setOnInsert: {
        ...fields,
        searchTerms: adSearchTerms(input.ad),
        sourceId: input.sourceId,
        url: input.url,
        contentHash,
        versions: [],
        firstSeenAt: input.seenAt,
        updatedAt: input.seenAt,
        flagged: false,
        review: { status: ReviewStatus.New, version: 0 },
        ...(input.captureId ? { latestCaptureId: input.captureId } : {}),
      },
      $max: { lastSeenAt: input.seenAt },
      ...(input.fetchState ? { $set: { fetchState: input.fetchState } } : {}),
      ...captureUpdate,
    };
    return { adId, contentHash, update };
  }

  /** For an ad that was already stored: keeps its previous text in `versions` if it changed. */
  private async saveVersion(
    input: SaveExtractedAdInput,
    adId: string,
    contentHash: string,
  ): Promise<SaveExtractedAdResult> {
    const fields = withoutUndefined({ ...input.ad });
    const current = await this.collection.findOne({ _id: adId });
    if (!current || current.contentHash === contentHash) {
      const classified = current?.classification?.contentHash === contentHash;
      return { adId, contentHash, changed: false, created: false, classified };
    }
    const previous: AdVersion = {
      ...pickExtracted(current),
      contentHash: current.contentHash,
      ...(current.latestCaptureId ? { captureId: current.latestCaptureId } : {}),
      seenUntil: input.seenAt,
    };
    // Conditional on the hash we read, so two workers saving the same change store one version.
    const unset: Record<string, ''> = Object.fromEntries(
      optionalFields.filter((f) => input.ad[f] === undefined).map((f) => [f, '']),
    );
    const update: UpdateFilter<AdRecord> = {
      $set: {
        ...fields,
        searchTerms: adSearchTerms(input.ad),
        contentHash,
        updatedAt: input.seenAt,
        ...(input.captureId ? { latestCaptureId: input.captureId } : {}),
      },
      $push: { versions: previous },
    };
    if (Object.keys(unset).length) update.$unset = unset as UpdateFilter<AdRecord>['$unset'];
    const updated = await this.collection.updateOne(
      { _id: adId, contentHash: current.contentHash },
      update,
    );
    return {
      adId,
      contentHash,
      changed: updated.modifiedCount === 1,
      created: false,
      classified: false,
    };
  }

  /**
   * Records a classification, unless the ad's text changed since it was read. `previous` (from
   * `adwatch rescore`) is kept as the ad's previousClassification. Review state is never touched.
   * `read` is the ad's URL and employer as read with the classified text (same content hash),
   * for its entity keys; without it they are read here.
   */
  async saveClassification(
    adId: string,
    classification: StoredClassification,
    previous?: PreviousClassification,
    read?: Pick<AdRecord, 'url' | 'employer'>,
  ): Promise<boolean> {
    const filter = { _id: adId, contentHash: classification.contentHash };
    // The employer and URL go with the content hash: the ones read with the text, else read now.
    const ad =
      read ?? (await this.collection.findOne(filter, { projection: { url: 1, employer: 1 } }));
    if (!ad) return false;
    const contacts = adEntityKeys({ ...ad, classification });
    const result = await this.collection.findOneAndUpdate(
      filter,
      {
        $set: {
          classification,
          flagged: classification.flagged,
          score: classification.score,
          contacts,
          ...(previous ? { previousClassification: previous } : {}),
        },
      },
      { returnDocument: 'before', projection: { contacts: 1, campaignId: 1 } },
    );
    if (!result.value) return false;
    // Contacts the ad lost are refreshed too, so that they stop counting it.
    await this.entities.refresh([...(result.value.contacts ?? []), ...contacts]);
    // Its campaign's score range and flag count follow a new score (e.g. after a rescore).
    if (result.value.campaignId) await this.campaigns.refresh([result.value.campaignId]);
    return true;
  }

  /** Up to `limit` ads to re-score, in `_id` order, so that a walk can resume after the last. */
  rescoreCandidates(filter: RescoreFilter, limit: number): Promise<RescoreCandidate[]> {
    return this.collection
      .find(rescoreQuery(filter), { projection: { versions: 0, captureIds: 0, fetchState: 0 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }

  countRescoreCandidates(filter: RescoreFilter): Promise<number> {
    return this.collection.countDocuments(rescoreQuery(filter));
  }

  findById(adId: string): Promise<AdRecord | null> {
    return this.collection.findOne({ _id: adId });
  }

  /** What the classify stage reads of an ad: its text, URL, and screenshot state. */
  findToClassify(adId: string): Promise<AdToClassify | null> {
    return this.collection.findOne({ _id: adId }, { projection: adToClassifyFields });
  }

  /** These ads, by id, in one query (ads gone are missing). */
  async findByIds(adIds: string[]): Promise<Map<string, AdRecord>> {
    if (adIds.length === 0) return new Map();
    const rows = await this.collection.find({ _id: { $in: adIds } }).toArray();
    return new Map(rows.map((row) => [row._id, row]));
  }

  /** Of the given canonical URLs of a source, the ones already stored. */
  async knownUrls(sourceId: string, urls: string[]): Promise<Set<string>> {
    const docs = await this.collection
      .find({ sourceId, url: { $in: urls } }, { projection: { url: 1 } })
      .toArray();
    return new Set(docs.map((d) => d.url));
  }

  /** Revisit state of those of the given URLs that are stored, by URL. */
  async revisitStates(sourceId: string, urls: string[]): Promise<Map<string, AdRevisitState>> {
    const docs = await this.collection
      .find(
        { sourceId, url: { $in: urls } },
        {
          projection: {
            url: 1,
            fetchState: 1,
            takenDown: 1,
            contentHash: 1,
            'classification.contentHash': 1,
          },
        },
      )
      .toArray();
    return new Map(
      docs.map((d) => [
        d.url,
        {
          adId: d._id,
          ...(d.fetchState ? { fetchState: d.fetchState } : {}),
          takenDown: d.takenDown === true,
          contentHash: d.contentHash,
          classified: d.classification?.contentHash === d.contentHash,
        },
      ]),
    );
  }

  /** A re-fetch found the page unchanged (304, or the same bytes): no new capture, no new version. */
  async recordUnchanged(sourceId: string, url: string, fetchState: AdFetchState): Promise<void> {
    await this.collection.updateOne(
      { _id: adIdFor(sourceId, url) },
      {
        $set: { fetchState, lastCheckedAt: fetchState.lastFetchedAt },
        $inc: { unchangedObservations: 1 },
        $max: { lastSeenAt: fetchState.lastFetchedAt },
      },
    );
  }

  /**
   * After a scan: ads on the listings are seen now (and no longer gone); the others count one
   * more missed scan, and become taken down after goneAfterMissedScans. For a scan that did not
   * read the whole listing, `covers` says which unlisted ads it can vouch for (only those count a
   * missed scan). lastSeenAt of a missing ad is kept: it says when the ad was last online. Returns
   * how many became gone.
   */
  async recordListing(
    sourceId: string,
    listedUrls: string[],
    at: Date,
    goneAfterMissedScans: number,
    covers?: (url: string) => boolean,
  ): Promise<{ gone: number }> {
    await this.collection.updateMany(
      { sourceId, url: { $in: listedUrls } },
      { $set: { missedScans: 0 }, $max: { lastSeenAt: at }, $unset: { goneAt: '', takenDown: '' } },
    );
    if (goneAfterMissedScans === 0) return { gone: 0 };
    let missing: Filter<AdRecord> = {
      sourceId,
      url: { $nin: listedUrls },
      takenDown: { $ne: true },
    };
    if (covers) {
      const unlisted = await this.collection
        .find(missing, { projection: { _id: 1, url: 1 } })
        .toArray();
      missing = { _id: { $in: unlisted.filter((ad) => covers(ad.url)).map((ad) => ad._id) } };
    }
    await this.collection.updateMany(missing, { $inc: { missedScans: 1 } });
    const gone = await this.collection.updateMany(
      { sourceId, takenDown: { $ne: true }, missedScans: { $gte: goneAfterMissedScans } },
      { $set: { goneAt: at, takenDown: true } },
    );
    return { gone: gone.modifiedCount };
  }

  /**
   * Links the capture holding a flagged ad's screenshot, taken of the page whose capture is
   * ofCaptureId (the ad's latest capture then).
   */
  async setScreenshot(adId: string, captureId: string, ofCaptureId?: string): Promise<void> {
    await this.collection.updateOne(
      { _id: adId },
      {
        $set: {
          screenshotCaptureId: captureId,
          ...(ofCaptureId ? { screenshotOfCaptureId: ofCaptureId } : {}),
        },
        $addToSet: { captureIds: captureId },
      },
    );
  }

  /** Ads ordered by risk, then recency. */
  list(options: AdListOptions = {}): Promise<AdRecord[]> {
    const filter: Filter<AdRecord> =
      options.flagged === undefined ? {} : { flagged: options.flagged };
    return this.collection
      .find(filter, { projection: { versions: 0 } })
      .sort({ score: -1, firstSeenAt: -1 })
      .limit(options.limit ?? 100)
      .toArray();
  }

  count(filter: { flagged?: boolean } = {}): Promise<number> {
    return this.collection.countDocuments(
      filter.flagged === undefined ? {} : { flagged: filter.flagged },
    );
  }
}

function rescoreQuery({ after, upTo, staleAgainst }: RescoreFilter): Filter<AdRecord> {
  const clauses: Filter<AdRecord>[] = [{ $or: [{ title: { $gt: '' } }, { body: { $gt: '' } }] }];
  if (after !== undefined) clauses.push({ _id: { $gt: after } });
  if (upTo !== undefined) clauses.push({ _id: { $lte: upTo } });
  if (staleAgainst && Object.keys(staleAgainst).length > 0) {
    // Field by field: a missing classification or version counts as different.
    clauses.push({
      $or: Object.entries(staleAgainst).map(([name, version]) => ({
        [`classification.versions.${name}`]: { $ne: version },
      })),
    });
  }
  return { $and: clauses };
}

const optionalFields = [
  'postedAt',
  'location',
  'salaryText',
  'contactText',
  'employer',
  'truncated',
] as const;

function pickExtracted(ad: AdRecord): ExtractedAd {
  const picked: ExtractedAd = { title: ad.title, body: ad.body };
  for (const field of optionalFields) {
    if (ad[field] !== undefined) Object.assign(picked, { [field]: ad[field] });
  }
  return picked;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
