import { createHash, randomUUID } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import { Collections } from './collections.js';

/** One entry of the hash-chained audit trail. */
export interface AuditRecord {
  _id: string;
  seq: number;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  target: {
    adId?: string;
    caseId?: string;
    username?: string;
    alertId?: string;
    entityKey?: string;
    campaignId?: string;
  } | null;
  details: Record<string, unknown>;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/** What a caller appends; the repository adds seq, time and the hashes. */
export interface NewAuditEntry {
  actor: string;
  role?: string | null;
  action: string;
  target?: AuditRecord['target'];
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditFilter {
  actor?: string;
  adId?: string;
  from?: Date;
  to?: Date;
}

export type AuditVerification =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** The prevHash of the first entry. */
export const auditGenesisHash = '0'.repeat(64);

const maxAppendAttempts = 50;

/**
 * The append-only audit trail. Each entry's hash covers every field but `_id` and `hash`,
 * including the previous entry's hash, so editing, deleting or reordering entries breaks the chain.
 */
export class AuditRepository {
  private readonly collection: Collection<AuditRecord>;

  constructor(db: Db) {
    this.collection = db.collection<AuditRecord>(Collections.Audit);
  }

  /** Appends an entry at the end of the chain; concurrent writers retry on the unique seq index. */
  async append(entry: NewAuditEntry): Promise<AuditRecord> {
    for (let attempt = 0; attempt < maxAppendAttempts; attempt++) {
      const last = await this.collection.find({}).sort({ seq: -1 }).limit(1).next();
      const body: Omit<AuditRecord, '_id' | 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date(),
        actor: entry.actor,
        role: entry.role ?? null,
        action: entry.action,
        target: entry.target ? jsonSafe(entry.target) : null,
        details: jsonSafe(entry.details ?? {}),
        ip: entry.ip ?? null,
        prevHash: last?.hash ?? auditGenesisHash,
      };
      const record: AuditRecord = { _id: randomUUID(), ...body, hash: auditHash(body) };
      try {
        await this.collection.insertOne(record);
        return record;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
      }
    }
    throw new Error(`could not append to the audit trail after ${maxAppendAttempts} attempts`);
  }

  /** Newest first, paginated by an opaque cursor (the last seq seen). */
  async list(
    filter: AuditFilter,
    cursor: string | null,
    limit: number,
  ): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
    const query: Filter<AuditRecord> = {};
    if (filter.actor) query.actor = filter.actor;
    if (filter.adId) query['target.adId'] = filter.adId;
    if (filter.from || filter.to) {
      query.at = {
        ...(filter.from ? { $gte: filter.from } : {}),
        ...(filter.to ? { $lte: filter.to } : {}),
      };
    }
    const before = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : NaN;
    if (Number.isInteger(before)) query.seq = { $lt: before };
    const items = await this.collection
      .find(query)
      .sort({ seq: -1 })
      .limit(limit + 1)
      .toArray();
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    return {
      items,
      nextCursor: more && last ? Buffer.from(String(last.seq)).toString('base64url') : null,
    };
  }

  /** Entries about any of these ads, oldest first. */
  forAds(adIds: string[]): Promise<AuditRecord[]> {
    return this.collection
      .find({ 'target.adId': { $in: adIds } })
      .sort({ seq: 1 })
      .toArray();
  }

  /** Walks the chain from the first entry and reports the first broken link. */
  async verify(): Promise<AuditVerification> {
    let previousHash = auditGenesisHash;
    let expectedSeq = 1;
    let entries = 0;
    for await (const record of this.collection.find({}).sort({ seq: 1 })) {
      const { hash, ...withId } = record;
      const body: Omit<AuditRecord, '_id' | 'hash'> = { ...withId };
      delete (body as Partial<AuditRecord>)._id;
      const broken = (reason: string): AuditVerification => ({
        ok: false,
        entries,
        brokenAt: record.seq,
        reason,
      });
      if (record.seq !== expectedSeq) {
        return broken(
          `expected entry ${expectedSeq} but found ${record.seq}: entries are missing or were renumbered`,
        );
      }
      if (record.prevHash !== previousHash) {
        return broken(
          `its prevHash does not match the hash of entry ${expectedSeq - 1}: an entry was removed, inserted or reordered before it`,
        );
      }
      if (auditHash(body) !== hash) {
        return broken('its content does not match its hash: the entry was edited');
      }
      previousHash = hash;
      expectedSeq++;
      entries++;
    }
    return { ok: true, entries };
  }
}

/** sha256 of the canonical JSON (keys sorted, dates as ISO strings) of an entry without _id and hash. */
export function auditHash(body: Omit<AuditRecord, '_id' | 'hash'>): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Details pass through JSON once, so what is hashed is exactly what MongoDB stores and returns. */
function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
