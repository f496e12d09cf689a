import { z } from 'zod';
import { EntityKind as EntityKinds, maxEntityKeyChars } from '../../store/index.js';
import { cursor, queryInt, reviewStatus, riskBand, timestamp } from './common.contract.js';

/** Entities (contacts across ads), their ads and their graph. */

/** Nodes of the graph view, at most (a browser stays readable and quick up to about this). */
export const maxGraphNodes = 500;

export const entityKind = z.enum(Object.values(EntityKinds));
export type EntityKind = z.infer<typeof entityKind>;

export const entityKeyParams = z.object({ key: z.string().min(1).max(maxEntityKeyChars) });

export const entitySearchQuery = z.strictObject({ contact: z.string().min(1).max(200) });
export const entityQuery = z.strictObject({
  cursor: cursor.optional(),
  limit: queryInt(1, 200, 50),
});
export const entityGraphQuery = z.strictObject({
  hops: queryInt(1, 3, 2),
  limit: queryInt(1, maxGraphNodes, 200),
});

/** A contact across ads (GET /api/entities/:key). */
export const entityInfo = z.object({
  key: z.string(),
  kind: entityKind,
  platform: z.string().nullable(),
  display: z.string(),
  firstSeen: timestamp,
  lastSeen: timestamp,
  adCount: z.number().int(),
  flaggedCount: z.number().int(),
  maxScore: z.number(),
});
export type EntityInfo = z.infer<typeof entityInfo>;

export const entityAdRow = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number(),
  band: riskBand,
  flagged: z.boolean(),
  status: reviewStatus,
  sourceId: z.string(),
  url: z.string(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
});
export type EntityAdRow = z.infer<typeof entityAdRow>;

export const coEntity = z.object({
  key: z.string(),
  kind: entityKind,
  display: z.string(),
  count: z.number().int(),
});
export type CoEntity = z.infer<typeof coEntity>;

export const entityList = z.object({ items: z.array(entityInfo) });

export const entityDetail = z.object({
  entity: entityInfo,
  sources: z.array(z.string()),
  ads: z.object({ items: z.array(entityAdRow), nextCursor: z.string().nullable() }),
  coOccurring: z.array(coEntity),
});
export type EntityDetail = z.infer<typeof entityDetail>;

export const entityGraph = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['ad', 'entity']),
      label: z.string(),
      kind: entityKind.optional(),
      score: z.number().optional(),
      band: riskBand.optional(),
      flagged: z.boolean().optional(),
    }),
  ),
  edges: z.array(z.object({ source: z.string(), target: z.string() })),
  truncated: z.boolean(),
});
export type EntityGraphData = z.infer<typeof entityGraph>;
