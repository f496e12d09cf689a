/**
 * Campaigns: near-duplicate linking of ads that are variants of one template (rotated contacts,
 * numbers, titles, sentence order, emoji, look-alike letters, translit). Pure: no Redis, no
 * MongoDB. This file is the folder's door; `classifiers/index.ts` re-exports it.
 */
export { CampaignIndex, DEFAULT_MAX_ADS } from './campaign.linker.js';
export type {
  CampaignAd,
  CampaignIndexOptions,
  CampaignIndexStats,
  CampaignLink,
} from './campaign.linker.js';
export { clusterAds } from './campaign.batch.js';
export { campaignSettings, DEFAULT_CAMPAIGN_SETTINGS } from './campaign.settings.js';
export type { CampaignSettings } from './campaign.settings.js';
export { campaignTemplate, TemplatePartKind } from './campaign.template.js';
export type { CampaignTemplate, TemplatePart } from './campaign.template.js';
export { findContacts } from './ad.contacts.js';
export {
  StoredFingerprinter,
  campaignIdFor,
  decodeShingles,
  encodeShingles,
  isBefore,
} from './stored.fingerprint.js';
export type { AdOrder, StoredFingerprint } from './stored.fingerprint.js';
