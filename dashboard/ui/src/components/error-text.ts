import { ApiError } from '../api/client.js';
import type { Translate } from '../i18n/index.js';

/** A sentence for any failure, in the analyst's language. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    if (error.status === 429) return t('errors.rateLimited');
    if (error.status === 400) return t('errors.invalid', { message: error.message });
    return t('errors.generic', { message: error.message });
  }
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}

/** The user named in a 409 conflict body, whatever shape the server gives it. */
export function conflictUser(error: ApiError): string | null {
  const body = error.body as {
    error?: Record<string, unknown>;
    changedBy?: unknown;
    current?: Record<string, unknown>;
  } | null;
  const candidates = [
    body?.error?.changedBy,
    body?.error?.by,
    body?.error?.user,
    body?.changedBy,
    body?.current?.updatedBy,
    (body?.error?.current as Record<string, unknown> | undefined)?.updatedBy,
  ];
  const found = candidates.find((value) => typeof value === 'string' && value.length > 0);
  return typeof found === 'string' ? found : null;
}
