import { z } from 'zod';
import { TemplatePartKind as TemplatePartKinds } from '../../classifiers/index.js';
import { assignee, queryInt, reviewStatus, riskBand, timestamp } from './common.contract.js';

/** Campaigns: ads that are variants of one template. */

export const campaignParams = z.object({ id: z.string().regex(/^c-[0-9a-f]{12}$/) });
export const campaignListQuery = z.strictObject({ limit: queryInt(1, 200, 50) });

/** A campaign as GET /api/campaigns lists it. */
export const campaignInfo = z.object({
  id: z.string(),
  firstAdId: z.string(),
  adCount: z.number().int(),
  flaggedCount: z.number().int(),
  minScore: z.number(),
  maxScore: z.number(),
  firstSeen: timestamp,
  lastSeen: timestamp,
  sources: z.array(z.string()),
  contacts: z.array(z.object({ key: z.string(), display: z.string() })),
});
export type CampaignInfo = z.infer<typeof campaignInfo>;

export const templatePartKind = z.enum(Object.values(TemplatePartKinds));
export type TemplatePartKind = z.infer<typeof templatePartKind>;

export const campaignAdRow = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number(),
  band: riskBand,
  flagged: z.boolean(),
  sourceId: z.string(),
  url: z.string(),
  firstSeenAt: timestamp,
  postedAt: timestamp.optional(),
  status: reviewStatus,
  contacts: z.array(z.string()),
});
export type CampaignAdRow = z.infer<typeof campaignAdRow>;

export const campaignList = z.object({ items: z.array(campaignInfo) });

/** GET /api/campaigns/:id: figures, ads earliest first, statuses and the template. */
export const campaignDetail = campaignInfo.extend({
  statuses: z.partialRecord(reviewStatus, z.number().int()),
  ads: z.array(campaignAdRow),
  truncated: z.boolean(),
  template: z.object({
    adId: z.string(),
    parts: z.array(z.object({ text: z.string(), kind: templatePartKind, share: z.number() })),
  }),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const campaignReviewBody = z.strictObject({
  action: z.enum(['status', 'assign']),
  status: reviewStatus.optional(),
  reason: z.string().max(200).optional(),
  assignee: assignee.optional(),
});
export type CampaignReviewBody = z.input<typeof campaignReviewBody>;

export const campaignReviewResult = z.object({
  updated: z.number().int(),
  skipped: z.array(z.string()),
});
export type CampaignReviewResult = z.infer<typeof campaignReviewResult>;
