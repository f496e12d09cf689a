import { z } from 'zod';
import { timestamp } from './common.contract.js';

/** The model registry: models side by side, shadow runs, activation and rollback. */

export const modelVersionParams = z.object({ version: z.string().min(1).max(200) });

const stamp = z.object({ by: z.string(), at: timestamp });

export const modelView = z.object({
  version: z.string(),
  format: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  status: z.enum(['candidate', 'shadow', 'active', 'retired']),
  inForce: z.boolean().describe('the model classify workers use now'),
  committed: z.boolean().describe('the committed model, not registered'),
  origin: z.string(),
  registered: stamp,
  activated: stamp.nullable(),
  retired: stamp.nullable(),
  previousActive: z.string().nullable(),
  shadow: z
    .object({
      startedBy: z.string(),
      startedAt: timestamp,
      endedAt: timestamp.nullable(),
      scored: z.number().int(),
    })
    .nullable(),
  figures: z
    .record(z.string(), z.unknown())
    .describe(
      "the file's figures (training data, held-out figures, per language where it has them)",
    ),
  activationRefusal: z
    .string()
    .nullable()
    .describe('why activating it now would be refused; null: it may be activated'),
});
export type ModelView = z.infer<typeof modelView>;

export const modelList = z.object({
  models: z.array(modelView),
  rules: z.object({ shadowMinAds: z.number().int(), shadowMinHours: z.number() }),
});
export type ModelList = z.infer<typeof modelList>;

export const shadowDifference = z.object({
  adId: z.string(),
  title: z.string(),
  lang: z.string(),
  score: z.number(),
  flagged: z.boolean(),
  activeVersion: z.string(),
  activeScore: z.number(),
  activeFlagged: z.boolean(),
  at: timestamp,
});

export const shadowReport = z.object({
  version: z.string(),
  counts: z.object({
    scored: z.number().int(),
    bothFlagged: z.number().int(),
    onlyShadow: z.number().int().describe('flagged by the shadow model only'),
    onlyActive: z.number().int().describe('flagged by the active model only'),
  }),
  differences: z
    .array(shadowDifference)
    .describe('ads flagged by one model only, largest score gap first'),
});
export type ShadowReport = z.infer<typeof shadowReport>;
