import type { AdwatchConfig } from '../../config/index.js';
import type { AdRecord, AlertRecord, NewAlert, Store } from '../../store/index.js';
import type { PipelineQueues } from '../pipeline.queues.js';
import { channelsFor } from './alert.channels.js';
import { AlertDeliverer } from './alert.delivery.js';
import { AlertRules, type AlertCampaign } from './alert.rules.js';
import type { Logger } from '../../core/index.js';

export interface AlertEngineOptions {
  config: AdwatchConfig;
  store: Store;
  queues: PipelineQueues;
  logger: Logger;
  /** Where channel secrets are read from; the process's environment at the composition root. */
  env: NodeJS.ProcessEnv;
  /** The clock; tests inject one. */
  now?: () => Date;
}

/**
 * Runs the alert rules, stores each event's alert once and queues its deliveries. One per
 * process, in the PipelineContext as `alerts`.
 */
export class AlertEngine {
  readonly rules: AlertRules;
  readonly deliverer: AlertDeliverer;
  private readonly now: () => Date;

  constructor(private readonly options: AlertEngineOptions) {
    this.now = options.now ?? (() => new Date());
    this.rules = new AlertRules(options.store, options.config.alerts.rules);
    this.deliverer = new AlertDeliverer({ ...options, now: this.now });
  }

  /**
   * Call after an ad was classified and linked (workers/link.processor.ts), with the ad as stored
   * then and its campaign (null when it is in none). Returns the alerts this raised for the first
   * time; seeing the same events again raises nothing.
   */
  async afterLink(
    ad: AdRecord,
    campaign: AlertCampaign | null,
    now: Date = this.now(),
  ): Promise<AlertRecord[]> {
    return this.raise(await this.rules.evaluateAd(ad, campaign, now), now);
  }

  /**
   * {@link afterLink} for a batch of ads linked together, at one moment: each campaign's rule
   * looks at the campaign once (its record is the same for all its ads), and an event found for
   * several ads is raised once.
   */
  async afterLinkMany(
    linked: Array<{ ad: AdRecord; campaign: AlertCampaign | null }>,
    now: Date = this.now(),
  ): Promise<AlertRecord[]> {
    const found = new Map<string, NewAlert>();
    const campaigns = new Set<string>();
    for (const { ad, campaign } of linked) {
      const first = campaign && !campaigns.has(campaign._id) ? campaign : null;
      if (campaign) campaigns.add(campaign._id);
      for (const alert of await this.rules.evaluateAd(ad, first, now))
        if (!found.has(alert.eventKey)) found.set(alert.eventKey, alert);
    }
    return this.raise([...found.values()], now);
  }

  /** Looks for surges in the window ending now (the alerts queue's scheduled `surge` job). */
  async checkSurges(now: Date = this.now()): Promise<AlertRecord[]> {
    return this.raise(await this.rules.evaluateSurges(now), now);
  }

  /** Stores the alerts of new events and queues their deliveries; returns the new ones. */
  async raise(found: NewAlert[], now: Date = this.now()): Promise<AlertRecord[]> {
    const { store, config, logger } = this.options;
    const created: AlertRecord[] = [];
    for (const candidate of found) {
      const channels = channelsFor(config.alerts, candidate.kind);
      const result = await store.alerts.insertIfNew(candidate, channels, now);
      if (result.created) {
        created.push(result.alert);
        logger.info(
          { alert: result.alert._id, kind: candidate.kind, event: candidate.eventKey },
          `alert: ${candidate.title}`,
        );
        await store.audit.append({
          actor: 'system',
          action: 'alert_raise',
          target: { alertId: result.alert._id },
          details: { kind: candidate.kind, eventKey: candidate.eventKey, channels },
        });
      }
      // Also for an alert seen again: a delivery whose queueing was cut short is queued now.
      await this.deliverer.enqueue(result.alert);
    }
    return created;
  }

  close(): void {
    this.deliverer.close();
  }
}
