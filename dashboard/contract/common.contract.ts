import { z } from 'zod';
import { UserLocales, UserRoles } from '../../store/index.js';

/**
 * Shapes shared by several areas of the dashboard's API. Each `*.contract.ts` declares its routes'
 * params, query, body and responses once: the routes validate and serialise with them, the OpenAPI
 * document is generated from them, and the UI and the tests import their types (`import type`).
 */

/** Every error leaves as `{error: {code, message, ...}}` (dashboard/http/http-errors.ts). */
export const apiError = z
  .object({
    error: z.looseObject({
      code: z.string().describe('A code of docs/errors.md, e.g. ADW_NOT_FOUND'),
      message: z.string(),
    }),
  })
  .describe('An error; some codes add fields for the UI (e.g. currentVersion on a conflict)');
export type ApiErrorBody = z.infer<typeof apiError>;

/** A response that is not JSON, documented by its content type (raw capture, screenshot, ZIP). */
export interface ContentResponse {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
}

export function rawResponse(contentType: string, description: string): ContentResponse {
  const text = z.string();
  return {
    description,
    content: {
      [contentType]: {
        schema: contentType.startsWith('text/') ? text : text.meta({ format: 'binary' }),
      },
    },
  };
}

/** The error statuses a route may answer with, each with the one error shape. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500;

/**
 * The responses of a route: its success shape(s) and the one error shape for each error status it
 * may answer. Every session route may answer 400 (invalid input), 401, 403 and 500.
 */
export function responses<
  const Ok extends Record<number, z.ZodType | ContentResponse>,
  const E extends ErrorStatus,
>(ok: Ok, ...errors: E[]): Ok & Record<400 | 401 | 403 | 500 | E, typeof apiError> {
  const all: ErrorStatus[] = [400, 401, 403, 500, ...errors];
  return { ...ok, ...Object.fromEntries(all.map((status) => [status, apiError])) };
}

export const reviewStatus = z.enum(['new', 'in_review', 'escalated', 'confirmed', 'dismissed']);
/** Where an ad stands in the review workflow. */
export type ReviewStatus = z.infer<typeof reviewStatus>;

export const riskBand = z.enum(['low', 'medium', 'high']);
/** Risk band computed by the classifier. */
export type RiskBand = z.infer<typeof riskBand>;

export const role = z.enum(UserRoles);
/** Account roles, least to most privileged. */
export type Role = z.infer<typeof role>;

export const locale = z.enum(UserLocales);
/** UI languages. */
export type Locale = z.infer<typeof locale>;

/** A timestamp as the API sends it: ISO 8601 in UTC. */
export const timestamp = z.string().describe('ISO 8601 date and time');

/** A date-time filter in a query string (RFC 3339, with Z or an offset). */
export const dateTimeQuery = z.iso.datetime({ offset: true });

/** A query-string integer (query strings are text; the number is read from it). */
export function queryInt(min: number, max: number, fallback: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}

/** A query-string number (e.g. a score), read from the text. */
export function queryNumber(min: number, max: number) {
  return z.coerce.number().min(min).max(max);
}

export const cursor = z.string().max(400);

/** `{ok: true}`: the action was done. */
export const ok = z.object({ ok: z.literal(true) });

/** An assignee: an active user's name, or null to clear. */
export const assignee = z.string().max(100).nullable();
