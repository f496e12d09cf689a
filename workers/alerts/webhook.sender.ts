import { createHmac } from 'node:crypto';
import { type WebhookConfig } from '../../config/index.js';
import type { AlertPayload } from './alert.channels.js';
import { ErrorCode, ExternalError } from '../../core/index.js';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as sent in X-Adwatch-Signature. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * POSTs the alert as JSON, signed with the webhook's secret. Any answer but 2xx (a redirect
 * included: the operator configured this URL, not another), a timeout or a network error throws
 * a retryable ExternalError. Messages name the receiver by origin only: webhook URLs often carry
 * a token in their path or query.
 */
export async function sendWebhook(
  hook: WebhookConfig,
  secret: string,
  payload: AlertPayload,
  now: Date,
): Promise<void> {
  const body = JSON.stringify({ ...payload, sentAt: now.toISOString() });
  const origin = new URL(hook.url).origin;
  let status: number;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(hook.timeoutMillis),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'adwatch-alerts/1',
        'x-adwatch-signature': webhookSignature(secret, body),
        'x-adwatch-timestamp': String(Math.floor(now.getTime() / 1000)),
        'x-adwatch-alert-id': payload.id,
      },
    });
    status = response.status;
    // The body is not needed; reading it lets the connection be reused.
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${hook.timeoutMillis} ms`
        : describeFetchError(error);
    throw new ExternalError(
      ErrorCode.AlertDeliveryFailed,
      `webhook "${hook.name}" at ${origin} could not be reached: ${reason}`,
      { cause: error },
    );
  }
  if (status < 200 || status > 299)
    throw new ExternalError(
      ErrorCode.AlertDeliveryFailed,
      `webhook "${hook.name}" at ${origin} answered HTTP ${status}; it must answer 2xx`,
    );
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
