import {
  type AdwatchConfig,
  type AlertKind,
  type AlertsConfig,
  type EmailConfig,
  type WebhookConfig,
} from '../../config/index.js';
import type { AlertRecord, AlertTarget } from '../../store/index.js';
import { ConfigError } from '../../core/index.js';

/** The e-mail channel's name; webhooks are `webhook:<name>`. */
export const emailChannel = 'email';

/** A configured delivery channel, found by its name. */
export type AlertChannel =
  | { type: 'webhook'; name: string; hook: WebhookConfig; index: number }
  | { type: 'email'; name: string; email: EmailConfig };

/** Every configured channel, by name. */
export function alertChannels(alerts: AlertsConfig): Map<string, AlertChannel> {
  const channels = new Map<string, AlertChannel>();
  alerts.webhooks.forEach((hook, index) => {
    const name = `webhook:${hook.name}`;
    channels.set(name, { type: 'webhook', name, hook, index });
  });
  if (alerts.email)
    channels.set(emailChannel, { type: 'email', name: emailChannel, email: alerts.email });
  return channels;
}

/** The names of the channels that receive alerts of this kind (all, unless `events` narrows). */
export function channelsFor(alerts: AlertsConfig, kind: AlertKind): string[] {
  return [...alertChannels(alerts).values()]
    .filter((channel) => {
      const events = channel.type === 'webhook' ? channel.hook.events : channel.email.events;
      return !events || events.includes(kind);
    })
    .map((channel) => channel.name);
}

/** What a channel sends: the alert without its delivery state, with a link to the dashboard. */
export interface AlertPayload {
  id: string;
  kind: AlertKind;
  title: string;
  detail: string;
  target: AlertTarget;
  firedAt: string;
  /** The alert on the dashboard's alerts page. */
  url: string;
}

export function alertPayload(alert: AlertRecord, dashboardUrl: string): AlertPayload {
  return {
    id: alert._id,
    kind: alert.kind,
    title: alert.title,
    detail: alert.detail,
    target: alert.target,
    firedAt: alert.firedAt.toISOString(),
    url: `${dashboardUrl.replace(/\/?$/, '/')}#/alerts/${encodeURIComponent(alert._id)}`,
  };
}

/** Where recipients reach the dashboard: `alerts.dashboardUrl`, else its configured address. */
export function dashboardUrlOf(config: AdwatchConfig): string {
  if (config.alerts.dashboardUrl) return config.alerts.dashboardUrl;
  const { host, port } = config.dashboard;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

/**
 * The secret a webhook signs with: `secret`, or the environment variable `secretEnv` names.
 * Throws a ConfigError naming the field (never the value) when that variable is unset.
 */
export function webhookSecret(
  channel: Extract<AlertChannel, { type: 'webhook' }>,
  env: NodeJS.ProcessEnv,
): string {
  const { hook, index } = channel;
  if (hook.secret) return hook.secret;
  const value = hook.secretEnv ? env[hook.secretEnv] : undefined;
  if (!value)
    throw new ConfigError(
      `alerts.webhooks[${index}].secretEnv: the environment variable ${hook.secretEnv ?? ''} is not set; set it to the webhook's signing secret`,
    );
  return value;
}
