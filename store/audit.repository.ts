import { createHash, randomUUID } from 'node:crypto';
import { MongoBulkWriteError, type Collection, type Db, type Filter } from 'mongodb';
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

interface PendingEntry {
  entry: NewAuditEntry;
  /** When the entry was appended, not when its group was written. */
  at: Date;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

/** The entries as records chained after `last` (the chain's end; none for an empty trail). */
function chainRecords(
  last: Pick<AuditRecord, 'seq' | 'hash'> | undefined,
  entries: PendingEntry[],
): AuditRecord[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? auditGenesisHash;
  return entries.map(({ entry, at }) => {
    seq += 1;
    const body: Omit<AuditRecord, '_id' | 'hash'> = {
      seq,
      at,
      actor: entry.actor,
      role: entry.role ?? null,
      action: entry.action,
      target: entry.target ? jsonSafe(entry.target) : null,
      details: jsonSafe(entry.details ?? {}),
      ip: entry.ip ?? null,
      prevHash,
    };
    const record: AuditRecord = { _id: randomUUID(), ...body, hash: auditHash(body) };
    prevHash = record.hash;
    return record;
  });
}

/**
 * The append-only audit trail. Each entry's hash covers every field but `_id` and `hash`,
 * including the previous entry's hash, so editing, deleting or reordering entries breaks the chain.
 */
export class AuditRepository {
  private readonly collection: Collection<AuditRecord>;
  /** Entries waiting for the write in progress to end; they are written together after it. */
  private waiting: PendingEntry[] = [];
  private writing = false;

  constructor(db: Db) {
    this.collection = db.collection<AuditRecord>(Collections.Audit);
  }

  /**
   * Appends an entry at the end of the chain. Appends of one process are written in turn, those
   * that arrive during a write together in the next one (ten analysts opening ads at once used
   * to race for the same seq and retry); writers in other processes are met on the unique seq
   * index, and the losing write reads the chain's end again and retries.
   */
  append(entry: NewAuditEntry): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, at: new Date(), resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        await this.writeGroup(group);
      }
    } finally {
      this.writing = false;
    }
  }

  /** Writes a group of entries in order at the end of the chain; settles each entry's promise. */
  private async writeGroup(group: PendingEntry[]): Promise<void> {
    let rest = group;
    for (let attempt = 0; attempt < maxAppendAttempts && rest.length > 0; attempt++) {
      try {
        // Read for every group, never remembered: a restore may have replaced the trail meanwhile.
        const last =
          (await this.collection
            .find({}, { projection: { seq: 1, hash: 1 } })
            .sort({ seq: -1 })
            .limit(1)
            .next()) ?? undefined;
        const records = chainRecords(last, rest);
        // Ordered: the records before a refused one are written, the rest are not.
        const written = await this.collection
          .insertMany(records, { ordered: true })
          .then(() => records.length)
          .catch((error: unknown) => {
            if (!(error instanceof MongoBulkWriteError) || error.code !== 11000) throw error;
            return error.insertedCount;
          });
        rest.slice(0, written).forEach((pending, i) => pending.resolve(records[i]));
        rest = rest.slice(written);
        if (rest.length > 0) {
          // Another process appended meanwhile: read the chain's end again after a short pause.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
        }
      } catch (error) {
        rest.forEach((pending) => pending.reject(error));
        return;
      }
    }
    const failure = new Error(
      `could not append to the audit trail after ${maxAppendAttempts} attempts`,
    );
    rest.forEach((pending) => pending.reject(failure));
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
