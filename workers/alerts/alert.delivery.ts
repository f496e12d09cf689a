import { type AdwatchConfig } from '../../config/index.js';
import { DeliveryStatus, type AlertRecord, type Store } from '../../store/index.js';
import type { PipelineQueues } from '../pipeline.queues.js';
import { jobIds } from '../jobs.js';
import {
  alertChannels,
  alertPayload,
  dashboardUrlOf,
  webhookSecret,
  type AlertChannel,
} from './alert.channels.js';
import { EmailSender } from './email.sender.js';
import { sendWebhook } from './webhook.sender.js';
import { AdwatchError, describeError, InputError, type Logger } from '../../core/index.js';

export interface AlertDelivererOptions {
  config: AdwatchConfig;
  store: Store;
  queues: PipelineQueues;
  logger: Logger;
  /** Where webhook secrets and the SMTP password are read from (`secretEnv`, `passwordEnv`). */
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** The outcome of one delivery job. */
export type DeliveryOutcome = 'sent' | 'already-done' | 'no-alert';

/**
 * Sends alerts to their channels through the alerts queue: one job per alert and channel, with a
 * job id made of both, so a delivery is queued once; the alert's delivery record is checked
 * before sending, so a job that runs again after success sends nothing.
 */
export class AlertDeliverer {
  private readonly channels: Map<string, AlertChannel>;
  private readonly dashboardUrl: string;
  private email: EmailSender | undefined;

  constructor(private readonly options: AlertDelivererOptions) {
    this.channels = alertChannels(options.config.alerts);
    this.dashboardUrl = dashboardUrlOf(options.config);
  }

  /** Queues a job for each delivery of the alert still pending (already queued ones are kept). */
  async enqueue(alert: AlertRecord): Promise<void> {
    const { attempts, backoffMillis } = this.options.config.alerts.retries;
    for (const delivery of alert.deliveries) {
      if (delivery.status !== DeliveryStatus.Pending) continue;
      await this.options.queues.alerts.add(
        'deliver',
        { kind: 'deliver', alertId: alert._id, channel: delivery.channel },
        {
          jobId: jobIds.alertDelivery(alert._id, delivery.channel),
          attempts,
          backoff: { type: 'exponential', delay: backoffMillis },
        },
      );
    }
  }

  /**
   * Makes attempt `attempt` of `maxAttempts` to deliver an alert to a channel, records the
   * outcome on the alert and in the audit trail, and throws when it failed (so the queue retries).
   */
  async deliver(
    alertId: string,
    channelName: string,
    attempt: number,
    maxAttempts: number,
  ): Promise<DeliveryOutcome> {
    const { store } = this.options;
    const alert = await store.alerts.findById(alertId);
    if (!alert) return 'no-alert';
    const delivery = alert.deliveries.find((d) => d.channel === channelName);
    if (!delivery || delivery.status !== DeliveryStatus.Pending) return 'already-done';
    try {
      const channel = this.channels.get(channelName);
      if (!channel)
        throw new InputError(
          `channel ${channelName} is no longer configured under alerts:; the delivery is dropped`,
        );
      await this.send(channel, alert);
    } catch (error) {
      const final = attempt >= maxAttempts || (error instanceof AdwatchError && !error.retryable);
      await this.record(alert, channelName, {
        status: final ? DeliveryStatus.Failed : DeliveryStatus.Pending,
        attempts: attempt,
        error: describeError(error),
        final,
      });
      throw error;
    }
    await this.record(alert, channelName, { status: DeliveryStatus.Sent, attempts: attempt });
    return 'sent';
  }

  close(): void {
    this.email?.close();
  }

  private async send(channel: AlertChannel, alert: AlertRecord): Promise<void> {
    const payload = alertPayload(alert, this.dashboardUrl);
    if (channel.type === 'webhook') {
      const secret = webhookSecret(channel, this.options.env);
      await sendWebhook(channel.hook, secret, payload, this.options.now());
      return;
    }
    this.email ??= new EmailSender(channel.email, this.options.env);
    await this.email.send(payload);
  }

  private async record(
    alert: AlertRecord,
    channel: string,
    outcome: { status: DeliveryStatus; attempts: number; error?: string; final?: boolean },
  ): Promise<void> {
    const { store, logger } = this.options;
    const at = this.options.now();
    await store.alerts.recordAttempt(alert._id, channel, { ...outcome, at });
    await store.audit.append({
      actor: 'system',
      action: 'alert_delivery',
      target: { alertId: alert._id },
      details: {
        channel,
        status: outcome.status,
        attempt: outcome.attempts,
        ...(outcome.error ? { error: outcome.error } : {}),
      },
    });
    const fields = { alert: alert._id, kind: alert.kind, channel, attempt: outcome.attempts };
    if (outcome.status === DeliveryStatus.Sent) logger.info(fields, 'alert delivered');
    else
      logger[outcome.final ? 'warn' : 'info'](
        fields,
        `alert delivery failed${outcome.final ? ' for good' : ', will retry'}: ${outcome.error ?? ''}`,
      );
  }
}
