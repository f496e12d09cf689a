import { AlertKind, type AlertRulesConfig, type SurgeDimension } from '../../config/index.js';
import {
  adEntityKeys,
  contactKeys,
  entityDisplay,
  parseEntityKey,
  type AdRecord,
  type CampaignRecord,
  type DimensionCounts,
  type NewAlert,
  type Store,
} from '../../store/index.js';

/** What the rules read of a campaign (store/campaign.types.ts). */
export type AlertCampaign = Pick<
  CampaignRecord,
  '_id' | 'firstAdId' | 'adCount' | 'flaggedCount' | 'minScore' | 'maxScore' | 'sources'
>;

const hourMillis = 3_600_000;
const dayMillis = 24 * hourMillis;

/**
 * The alert rules. Each finding carries an `eventKey` naming the event, not the moment it was
 * seen: the same ad classified twice, or a campaign seen again as it grows, gives the same key,
 * and the store keeps one alert per key.
 */
export class AlertRules {
  constructor(
    private readonly store: Store,
    private readonly rules: AlertRulesConfig,
  ) {}

  /** What a newly linked ad sets off: a new campaign, a reused contact, a watched contact. */
  async evaluateAd(ad: AdRecord, campaign: AlertCampaign | null, now: Date): Promise<NewAlert[]> {
    const found: NewAlert[] = [];
    if (campaign) found.push(...(await this.newCampaign(campaign, now)));
    // A contact that legitimate employers reuse is no news; it matters once a flagged ad has it.
    if (ad.flagged) {
      found.push(...(await this.reusedContacts(ad)));
      found.push(...(await this.watched(ad)));
    }
    return found;
  }

  /** Surges of flagged ads per dimension value in the window that ends now. */
  async evaluateSurges(now: Date): Promise<NewAlert[]> {
    const surge = this.rules.surge;
    if (!surge.enabled) return [];
    const windowMillis = surge.windowHours * hourMillis;
    const windowStart = new Date(now.getTime() - windowMillis);
    const baselineStart = new Date(windowStart.getTime() - surge.baselineDays * dayMillis);
    const [current, baseline] = await Promise.all([
      this.store.alertSignals.flaggedCounts(windowStart, now, surge.by),
      this.store.alertSignals.flaggedCounts(baselineStart, windowStart, surge.by),
    ]);
    return findSurges(current, baseline, surge, now);
  }

  /**
   * A campaign with at least `minAds` ads first seen in the `withinHours` before now, once per
   * campaign: keyed by its first ad, which a merge that renames the campaign keeps.
   */
  private async newCampaign(campaign: AlertCampaign, now: Date): Promise<NewAlert[]> {
    const rule = this.rules.newCampaign;
    if (!rule.enabled || campaign.adCount < rule.minAds || campaign.flaggedCount < 1) return [];
    const since = new Date(now.getTime() - rule.withinHours * hourMillis);
    const recent = await this.store.alertSignals.campaignAdsSeenBetween(campaign._id, since, now);
    if (recent < rule.minAds) return [];
    const sources = campaign.sources.join(', ');
    return [
      {
        kind: AlertKind.NewCampaign,
        eventKey: `new-campaign:${campaign.firstAdId}`,
        title: `New campaign: ${recent} ads within ${rule.withinHours} h`,
        detail:
          `${campaign.adCount} ads of one template (${campaign.flaggedCount} flagged, scores ` +
          `${campaign.minScore}–${campaign.maxScore}) on ${campaign.sources.length} source(s): ${sources}.`,
        target: { campaignId: campaign._id, adId: campaign.firstAdId },
      },
    ];
  }

  /** Contacts of the ad seen in many ads or on several sources, once per contact and threshold. */
  private async reusedContacts(ad: AdRecord): Promise<NewAlert[]> {
    const rule = this.rules.reusedContact;
    const keys = contactKeys(ad.classification?.facts ?? {});
    if (!rule.enabled || keys.length === 0) return [];
    const entities = await this.store.entities.findByKeys(keys, keys.length);
    return entities.flatMap((entity) => {
      const found: NewAlert[] = [];
      const target = { entityKey: entity._id, adId: ad._id };
      if (entity.adCount >= rule.minAds)
        found.push({
          kind: AlertKind.ReusedContact,
          eventKey: `reused-contact:${entity._id}:ads`,
          title: `Contact ${entity.display} in ${entity.adCount} ads`,
          detail: `${entity.display} appears in ${entity.adCount} ads (${entity.flaggedCount} flagged) on ${entity.sources.length} source(s): ${entity.sources.join(', ')}.`,
          target,
        });
      if (entity.sources.length >= rule.minSources)
        found.push({
          kind: AlertKind.ReusedContact,
          eventKey: `reused-contact:${entity._id}:sources`,
          title: `Contact ${entity.display} on ${entity.sources.length} sources`,
          detail: `${entity.display} appears on ${entity.sources.join(', ')} (${entity.adCount} ads, ${entity.flaggedCount} flagged).`,
          target,
        });
      return found;
    });
  }

  /** Watched contacts and employers the flagged ad carries, once per entry and ad. */
  private async watched(ad: AdRecord): Promise<NewAlert[]> {
    if (!this.rules.watchlist.enabled) return [];
    const keys = new Set([
      ...(ad.contacts ?? adEntityKeys(ad)),
      ...contactKeys(ad.classification?.facts ?? {}),
    ]);
    const entries = await this.store.watchlist.matching([...keys]);
    return entries.map((entry) => {
      const parsed = parseEntityKey(entry._id);
      const display = parsed ? entityDisplay(parsed) : entry._id;
      return {
        kind: AlertKind.Watched,
        eventKey: `watched:${entry._id}:${ad._id}`,
        title: `Watched ${entry.kind} in a flagged ad: ${display}`,
        detail:
          `A flagged ad (score ${ad.score ?? 0}, ${ad.sourceId}) carries ${display}` +
          (entry.note ? `, watched because: ${entry.note}` : '') +
          ` (added by ${entry.addedBy}).`,
        target: { entityKey: entry._id, adId: ad._id },
      };
    });
  }
}

export interface SurgeSettings {
  windowHours: number;
  baselineDays: number;
  factor: number;
  minCount: number;
  by: readonly SurgeDimension[];
}

/**
 * The surges in `current` (flagged ads per value in the window ending now) against `baseline`
 * (the same values over the `baselineDays` before the window): at least `minCount` ads and at
 * least `factor` times the baseline's average per window. A value with no baseline is new
 * activity and needs `minCount` alone. One alert per value and window of the clock (windows
 * start at multiples of `windowHours` since the epoch), so a surge that lasts fires once a window.
 */
export function findSurges(
  current: DimensionCounts,
  baseline: DimensionCounts,
  settings: SurgeSettings,
  now: Date,
): NewAlert[] {
  const windowMillis = settings.windowHours * hourMillis;
  const windowsInBaseline = (settings.baselineDays * dayMillis) / windowMillis;
  const slot = new Date(Math.floor(now.getTime() / windowMillis) * windowMillis).toISOString();
  const found: NewAlert[] = [];
  for (const dimension of settings.by) {
    for (const [value, count] of [...current[dimension]].sort(([a], [b]) => a.localeCompare(b))) {
      const average = (baseline[dimension].get(value) ?? 0) / windowsInBaseline;
      if (count < settings.minCount || count < settings.factor * average) continue;
      const against =
        average === 0
          ? `none in the ${settings.baselineDays} days before (new activity)`
          : `an average of ${average.toFixed(2)} per ${settings.windowHours} h over the ${settings.baselineDays} days before`;
      found.push({
        kind: AlertKind.Surge,
        eventKey: `surge:${dimension}:${value}:${slot}`,
        title: `Surge of flagged ads: ${dimension} ${value}`,
        detail: `${count} flagged ads with ${dimension} ${value} in the last ${settings.windowHours} h, against ${against}.`,
        target: { dimension, value },
      });
    }
  }
  return found;
}
