import type { Db, IndexDescription } from 'mongodb';

/** Every collection adwatch uses, by name. */
export const Collections = {
  Ads: 'ads',
  Captures: 'captures',
  Entities: 'entities',
  Campaigns: 'campaigns',
  Reviews: 'reviews',
  Cases: 'cases',
  Audit: 'audit',
  Users: 'users',
  Sources: 'sources',
  Sessions: 'sessions',
  Alerts: 'alerts',
  Watchlist: 'watchlist',
  /** Saved versions of the indicator adjustments and flag threshold kept on top of the shipped ones. */
  LexiconOverrides: 'lexiconOverrides',
  /** The model registry: candidate, shadow, active and retired text models (store/models.repository.ts). */
  Models: 'models',
  /** A shadow run's scores, one per model version and ad, bounded per run. */
  ShadowScores: 'shadowScores',
  /** One document: the id of the installation this database belongs to. */
  Installation: 'installation',
} as const;

const indexes: Record<string, IndexDescription[]> = {
  [Collections.Ads]: [
    { key: { sourceId: 1, url: 1 }, name: 'source_url', unique: true },
    { key: { 'review.status': 1, score: -1 }, name: 'status_score' },
    { key: { lastSeenAt: -1 }, name: 'last_seen' },
    // Surge alerts count flagged ads by first sighting (workers/alerts).
    { key: { flagged: 1, firstSeenAt: -1 }, name: 'flagged_first_seen' },
    // The triage queue (store/triage.repository.ts): its sort order, alone and per status.
    { key: { flagged: 1, score: -1, firstSeenAt: -1, _id: 1 }, name: 'triage_order' },
    {
      key: { flagged: 1, 'review.status': 1, score: -1, firstSeenAt: -1, _id: 1 },
      name: 'triage_status_order',
    },
    // An entity's ads, newest first (store/entities.repository.ts).
    { key: { contacts: 1, firstSeenAt: -1, _id: -1 }, name: 'contacts_first_seen' },
    { key: { 'classification.indicators.id': 1 }, name: 'indicator' },
    { key: { 'review.assignee': 1 }, name: 'assignee', sparse: true },
    // Campaign linking (workers/link.processor.ts): LSH buckets, links, members in time order.
    { key: { 'link.bands': 1 }, name: 'link_bands', sparse: true },
    { key: { 'link.linkedTo': 1 }, name: 'link_linked_to', sparse: true },
    { key: { campaignId: 1, firstSeenAt: 1 }, name: 'campaign_first_seen', sparse: true },
    // The triage queue's text search (store/search-terms.ts): an ad's folded words, then the
    // queue's order, so a search reads a page of keys, never every ad holding a common word and
    // sorting them. Only flagged ads are searched, so only they are indexed (a few per cent).
    {
      key: { searchTerms: 1, score: -1, firstSeenAt: -1, _id: 1 },
      name: 'search_order',
      partialFilterExpression: { flagged: true },
    },
    {
      key: { searchTerms: 1, 'review.status': 1, score: -1, firstSeenAt: -1, _id: 1 },
      name: 'search_status_order',
      partialFilterExpression: { flagged: true },
    },
    // The ad page's related ads (same contact), most risky first, read in that order.
    { key: { contacts: 1, score: -1, firstSeenAt: -1, _id: 1 }, name: 'contacts_order' },
  ],
  [Collections.Captures]: [
    { key: { url: 1, fetchedAt: -1 }, name: 'url_time' },
    { key: { sha256: 1 }, name: 'sha256' },
  ],
  [Collections.Entities]: [{ key: { kind: 1, value: 1 }, name: 'kind_value', unique: true }],
  [Collections.Campaigns]: [{ key: { lastSeen: -1, _id: 1 }, name: 'last_seen' }],
  [Collections.Reviews]: [
    { key: { adId: 1, at: 1 }, name: 'ad_time' },
    // Decision statistics (store/decision-stats.repository.ts) read status events by time.
    { key: { action: 1, at: 1 }, name: 'action_time' },
  ],
  [Collections.Cases]: [{ key: { name: 1 }, name: 'name' }],
  [Collections.Audit]: [
    { key: { seq: 1 }, name: 'seq', unique: true },
    { key: { actor: 1, seq: -1 }, name: 'actor_seq' },
    { key: { 'target.adId': 1, seq: 1 }, name: 'ad_seq' },
  ],
  [Collections.Sessions]: [
    { key: { expiresAt: 1 }, name: 'expires', expireAfterSeconds: 0 },
    { key: { username: 1 }, name: 'username' },
  ],
  [Collections.Users]: [{ key: { username: 1 }, name: 'username', unique: true }],
  [Collections.Alerts]: [
    // One alert per event, however often a rule sees it (store/alerts.repository.ts).
    { key: { eventKey: 1 }, name: 'event_key', unique: true },
    { key: { firedAt: -1, _id: -1 }, name: 'fired' },
    { key: { status: 1, firedAt: -1, _id: -1 }, name: 'status_fired' },
    { key: { kind: 1, firedAt: -1, _id: -1 }, name: 'kind_fired' },
  ],
  [Collections.Watchlist]: [{ key: { addedAt: -1 }, name: 'added' }],
  [Collections.LexiconOverrides]: [{ key: { seq: 1 }, name: 'seq', unique: true }],
  [Collections.Models]: [{ key: { status: 1 }, name: 'status' }],
  [Collections.ShadowScores]: [
    { key: { version: 1, flagged: 1, activeFlagged: 1 }, name: 'version_flags' },
    { key: { version: 1, at: -1 }, name: 'version_time' },
  ],
};

/** Indexes an earlier version created and nothing reads any more: dropped at start. */
const retiredIndexes: Record<string, string[]> = {
  // The MongoDB text index over title and body, replaced by search_order: a $text search sorted
  // all its matches in memory (a second and more for a common word among a million ads).
  // triage and contacts: each the prefix of an index below (triage_order; contacts_first_seen and
  // contacts_order), which serves every query they served; each ad's classification wrote them
  // all (the contact keys three times over).
  [Collections.Ads]: ['ad_text', 'triage', 'contacts'],
};

/** Creates every collection and index that is missing; safe to run at every start. */
export async function ensureCollections(db: Db): Promise<void> {
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
  );
  for (const name of Object.values(Collections)) {
    // Collections must exist before a transaction touches them on MongoDB 4.0.
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreAlreadyExists);
    const retired = retiredIndexes[name] ?? [];
    if (retired.length && existing.has(name)) {
      const present = new Set(
        (await db.collection(name).indexes()).map((index) => String(index.name)),
      );
      for (const index of retired)
        if (present.has(index))
          await db.collection(name).dropIndex(index).catch(ignoreIndexNotFound);
    }
    const wanted = indexes[name];
    if (wanted?.length) await db.collection(name).createIndexes(wanted);
  }
}

/** Another process starting at the same time may have dropped it first. */
function ignoreIndexNotFound(error: unknown): void {
  if ((error as { code?: number }).code !== 27) throw error;
}

function ignoreAlreadyExists(error: unknown): void {
  if ((error as { code?: number }).code !== 48) throw error;
}
