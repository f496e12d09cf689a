import type { Db, IndexDescription } from 'mongodb';

/** Every collection adwatch uses, by name. */
export const Collections = {
  Ads: 'ads',
  Captures: 'captures',
  Entities: 'entities',
  Reviews: 'reviews',
  Cases: 'cases',
  Audit: 'audit',
  Users: 'users',
  Sources: 'sources',
} as const;

const indexes: Record<string, IndexDescription[]> = {
  [Collections.Ads]: [
    { key: { sourceId: 1, url: 1 }, name: 'source_url', unique: true },
    { key: { flagged: 1, score: -1, firstSeenAt: -1 }, name: 'triage' },
    { key: { 'review.status': 1, score: -1 }, name: 'status_score' },
    { key: { lastSeenAt: -1 }, name: 'last_seen' },
  ],
  [Collections.Captures]: [
    { key: { url: 1, fetchedAt: -1 }, name: 'url_time' },
    { key: { sha256: 1 }, name: 'sha256' },
  ],
  [Collections.Entities]: [{ key: { kind: 1, value: 1 }, name: 'kind_value', unique: true }],
  [Collections.Reviews]: [{ key: { adId: 1, at: 1 }, name: 'ad_time' }],
  [Collections.Cases]: [{ key: { name: 1 }, name: 'name' }],
  [Collections.Audit]: [{ key: { seq: 1 }, name: 'seq', unique: true }],
  [Collections.Users]: [{ key: { username: 1 }, name: 'username', unique: true }],
};

/** Creates every collection and index that is missing; safe to run at every start. */
export async function ensureCollections(db: Db): Promise<void> {
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
  );
  for (const name of Object.values(Collections)) {
    // Collections must exist before a transaction touches them on MongoDB 4.0.
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreAlreadyExists);
    const wanted = indexes[name];
    if (wanted?.length) await db.collection(name).createIndexes(wanted);
  }
}

function ignoreAlreadyExists(error: unknown): void {
  if ((error as { code?: number }).code !== 48) throw error;
}
