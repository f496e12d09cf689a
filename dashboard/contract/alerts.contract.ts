import { z } from 'zod';
import { alertKinds, surgeDimensions } from '../../config/index.js';
import {
  AlertStatus as AlertStatuses,
  DeliveryStatus,
  maxEntityKeyChars,
} from '../../store/index.js';
import { assignee, cursor, queryInt, timestamp } from './common.contract.js';

/** Alerts and the watch-list. */

export const alertKind = z.enum(alertKinds);
/** What an alert is about. */
export type AlertKind = z.infer<typeof alertKind>;

export const alertStatus = z.enum(Object.values(AlertStatuses));
export type AlertStatus = z.infer<typeof alertStatus>;

export const alertIdParams = z.object({ id: z.string().min(1).max(64) });

export const alertListQuery = z.strictObject({
  status: alertStatus.optional(),
  kind: alertKind.optional(),
  cursor: cursor.optional(),
  limit: queryInt(1, 200, 50),
});

export const alertTarget = z.object({
  campaignId: z.string().optional(),
  entityKey: z.string().optional(),
  adId: z.string().optional(),
  dimension: z.enum(surgeDimensions).optional(),
  value: z.string().optional(),
});
export type AlertTarget = z.infer<typeof alertTarget>;

export const alertDelivery = z.object({
  channel: z.string(),
  status: z.enum(Object.values(DeliveryStatus)),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: timestamp.nullable(),
});
export type AlertDeliveryInfo = z.infer<typeof alertDelivery>;

/** An alert as the dashboard shows it; the internal event key stays out. */
export const alertInfo = z.object({
  id: z.string(),
  kind: alertKind,
  title: z.string(),
  detail: z.string(),
  target: alertTarget,
  firedAt: timestamp,
  status: alertStatus,
  assignee: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: timestamp.nullable(),
  deliveries: z.array(alertDelivery),
});
export type AlertInfo = z.infer<typeof alertInfo>;

export const alertPage = z.object({ items: z.array(alertInfo), nextCursor: z.string().nullable() });
export type AlertPage = z.infer<typeof alertPage>;

export const alertCount = z.object({ open: z.number().int() });

export const alertAssignBody = z.strictObject({ assignee });

export const watchlistItem = z.object({
  key: z.string(),
  kind: z.string(),
  note: z.string(),
  addedBy: z.string(),
  addedAt: timestamp,
});
export type WatchlistItem = z.infer<typeof watchlistItem>;

export const watchlist = z.object({ items: z.array(watchlistItem) });

export const watchBody = z.strictObject({
  key: z.string().min(3).max(maxEntityKeyChars),
  note: z.string().max(1_000).optional(),
});
export type WatchBody = z.input<typeof watchBody>;

export const watchKeyParams = z.object({ key: z.string().min(1).max(maxEntityKeyChars) });
export const unwatched = z.object({ removed: z.string() });
