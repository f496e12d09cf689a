import type { Collection, Db, Filter } from 'mongodb';
import type { AlertKind, SurgeDimension } from '../config/index.js';
import { Collections } from './collections.js';
import { decodeAdCursor, encodeAdCursor } from './entities.repository.js';
import { sha256Hex } from './ids.js';

export const AlertStatus = { Open: 'open', Acknowledged: 'acknowledged' } as const;
export type AlertStatus = (typeof AlertStatus)[keyof typeof AlertStatus];

export const DeliveryStatus = { Pending: 'pending', Sent: 'sent', Failed: 'failed' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** What an alert is about: one of a campaign, an entity (contact), an ad, or a dimension value. */
export interface AlertTarget {
  campaignId?: string;
  entityKey?: string;
  adId?: string;
  dimension?: SurgeDimension;
  value?: string;
}

/** One channel's delivery of an alert (`webhook:<name>` or `email`). */
export interface AlertDelivery {
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  lastAttemptAt?: Date;
  sentAt?: Date;
}

/** An event an alert rule raised: one per `eventKey`, however often the rule sees it again. */
export interface AlertRecord {
  /** `al-` + hex digits of the SHA-256 of the event key. */
  _id: string;
  kind: AlertKind;
  eventKey: string;
  title: string;
  detail: string;
  target: AlertTarget;
  firedAt: Date;
  status: AlertStatus;
  assignee?: string | null;
  acknowledgedBy?: string;
  acknowledgedAt?: Date;
  deliveries: AlertDelivery[];
}

/** What a rule produces; the repository adds the id, status and deliveries. */
export type NewAlert = Pick<AlertRecord, 'kind' | 'eventKey' | 'title' | 'detail' | 'target'>;

export interface AlertFilter {
  status?: AlertStatus;
  kind?: AlertKind;
}

export interface AlertPage {
  items: AlertRecord[];
  nextCursor: string | null;
}

/** The outcome of one delivery attempt. */
export interface DeliveryAttempt {
  status: DeliveryStatus;
  attempts: number;
  at: Date;
  error?: string;
}

/** The stable id of the alert of an event: the same event always gives the same id. */
export function alertIdFor(eventKey: string): string {
  return `al-${sha256Hex(eventKey).slice(0, 20)}`;
}

/** The alerts collection: raised once per event, acknowledged and assigned by analysts. */
export class AlertsRepository {
  private readonly collection: Collection<AlertRecord>;

  constructor(db: Db) {
    this.collection = db.collection<AlertRecord>(Collections.Alerts);
  }

  /**
   * Stores the alert unless its event already has one (unique `eventKey`); `created` says which.
   * Two workers seeing the same event at once both end up with the one stored alert.
   */
  async insertIfNew(
    alert: NewAlert,
    channels: string[],
    firedAt: Date,
  ): Promise<{ alert: AlertRecord; created: boolean }> {
    const record: AlertRecord = {
      _id: alertIdFor(alert.eventKey),
      ...alert,
      firedAt,
      status: AlertStatus.Open,
      deliveries: channels.map((channel) => ({
        channel,
        status: DeliveryStatus.Pending,
        attempts: 0,
      })),
    };
    try {
      await this.collection.insertOne(record);
      return { alert: record, created: true };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = await this.collection.findOne({ eventKey: alert.eventKey });
      if (!existing) throw error;
      return { alert: existing, created: false };
    }
  }

  findById(id: string): Promise<AlertRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  /** Newest first; the cursor is the last alert's firing time and id. */
  async list(filter: AlertFilter, cursor: string | null, limit: number): Promise<AlertPage> {
    const query: Filter<AlertRecord> = {};
    if (filter.status) query.status = filter.status;
    if (filter.kind) query.kind = filter.kind;
    const after = cursor ? decodeAdCursor(cursor) : undefined;
    if (after) {
      const [at, id] = after;
      query.$or = [{ firedAt: { $lt: at } }, { firedAt: at, _id: { $lt: id } }];
    }
    const items = await this.collection
      .find(query)
      .sort({ firedAt: -1, _id: -1 })
      .limit(limit + 1)
      .toArray();
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeAdCursor(last.firedAt, last._id) : null };
  }

  countOpen(): Promise<number> {
    return this.collection.countDocuments({ status: AlertStatus.Open });
  }

  /** Marks an open alert acknowledged; `changed` is false when it already was (or is missing). */
  async acknowledge(
    id: string,
    by: string,
    at: Date,
  ): Promise<{ alert: AlertRecord | null; changed: boolean }> {
    const result = await this.collection.findOneAndUpdate(
      { _id: id, status: AlertStatus.Open },
      { $set: { status: AlertStatus.Acknowledged, acknowledgedBy: by, acknowledgedAt: at } },
      { returnDocument: 'after' },
    );
    if (result.value) return { alert: result.value, changed: true };
    return { alert: await this.findById(id), changed: false };
  }

  /** Sets (or with null clears) who follows the alert up; null when there is no such alert. */
  async assign(id: string, assignee: string | null): Promise<AlertRecord | null> {
    const result = await this.collection.findOneAndUpdate(
      { _id: id },
      { $set: { assignee } },
      { returnDocument: 'after' },
    );
    return result.value;
  }

  /** Records a delivery attempt's outcome on the alert's entry for that channel. */
  async recordAttempt(id: string, channel: string, attempt: DeliveryAttempt): Promise<void> {
    await this.collection.updateOne(
      { _id: id, 'deliveries.channel': channel },
      {
        $set: {
          'deliveries.$.status': attempt.status,
          'deliveries.$.attempts': attempt.attempts,
          'deliveries.$.lastAttemptAt': attempt.at,
          ...(attempt.status === DeliveryStatus.Sent ? { 'deliveries.$.sentAt': attempt.at } : {}),
          ...(attempt.error ? { 'deliveries.$.lastError': attempt.error } : {}),
        },
      },
    );
  }
}
