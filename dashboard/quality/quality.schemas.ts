import type { LexiconOverrideRecord } from '../../store/index.js';

/**
 * Response schemas of the indicator-quality routes: they document the answers in the OpenAPI
 * document and serialise them (a field not named here is never sent).
 */

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;

/** The one error body (dashboard/http/http-errors.ts), for every error status these routes use. */
const apiError = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      additionalProperties: true,
    },
  },
} as const;

/** A route's responses: its success schema and the error body for 400, 401, 403, 404 and 500. */
export function qualityResponses(ok: object): Record<number, object> {
  return { 200: ok, 400: apiError, 401: apiError, 403: apiError, 404: apiError, 500: apiError };
}

const counts = {
  reviewed: { type: 'integer' },
  confirmed: { type: 'integer' },
  dismissed: { type: 'integer' },
} as const;

const reasonCount = {
  type: 'object',
  properties: { reason: { type: 'string' }, count: { type: 'integer' } },
} as const;

export const indicatorStatsSchema = {
  type: 'object',
  properties: {
    totals: { type: 'object', properties: counts },
    demo: { type: 'integer', description: 'decisions the demo seeded' },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          dimension: { type: 'string' },
          ...counts,
          byLang: {
            type: 'array',
            items: { type: 'object', properties: { lang: { type: 'string' }, ...counts } },
          },
          bySource: {
            type: 'array',
            items: { type: 'object', properties: { source: { type: 'string' }, ...counts } },
          },
          reasons: { type: 'array', items: reasonCount },
        },
      },
    },
    reasons: { type: 'array', items: reasonCount },
    dismissedEvidence: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          indicatorId: { type: 'string' },
          text: { type: 'string' },
          ads: { type: 'integer' },
        },
      },
    },
  },
} as const;

export const dismissedAdsSchema = {
  type: 'object',
  properties: {
    ads: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          sourceId: { type: 'string' },
          lang: { type: 'string' },
          score: { type: 'number' },
          decidedAt: { type: 'string', format: 'date-time' },
          decidedBy: { type: 'string' },
          reason: nullable('string'),
          evidence: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const thresholdProperties = {
  threshold: { type: 'number' },
  configured: { type: 'number' },
  source: { type: 'string', enum: ['config', 'override'] },
  versionId: nullable('string'),
} as const;

export const thresholdSchema = {
  type: 'object',
  properties: {
    ...thresholdProperties,
    curves: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          lang: { type: 'string' },
          confirmed: { type: 'integer' },
          dismissed: { type: 'integer' },
          points: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                threshold: { type: 'integer' },
                flagged: { type: 'integer' },
                precision: nullable('number'),
                recall: nullable('number'),
              },
            },
          },
        },
      },
    },
  },
} as const;

const adjustment = {
  type: 'object',
  properties: {
    indicatorId: { type: 'string' },
    lang: { type: 'string' },
    weight: { type: 'number' },
    disabled: { type: 'boolean' },
  },
} as const;

const versionProperties = {
  id: { type: 'string' },
  seq: { type: 'integer' },
  adjustments: { type: 'array', items: adjustment },
  flagThreshold: nullable('number'),
  change: { type: 'string', enum: ['adjust', 'threshold', 'revert'] },
  reverts: nullable('string'),
  note: nullable('string'),
  createdBy: { type: 'string' },
  createdAt: { type: 'string', format: 'date-time' },
} as const;

export const versionSchema = { type: 'object', properties: versionProperties } as const;

export const thresholdSavedSchema = {
  type: 'object',
  properties: { ...thresholdProperties, version: versionSchema },
} as const;

export const lexiconSchema = {
  type: 'object',
  properties: {
    lexiconVersion: { type: 'string' },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          dimension: { type: 'string' },
          weight: { type: 'number' },
        },
      },
    },
    active: { type: ['object', 'null'], properties: versionProperties },
    threshold: { type: 'object', properties: thresholdProperties },
    history: { type: 'array', items: versionSchema },
  },
} as const;

const flagFigures = {
  type: 'object',
  properties: {
    flagged: { type: 'integer' },
    flaggedConfirmed: { type: 'integer' },
    precision: nullable('number'),
    recall: nullable('number'),
  },
} as const;

export const previewSchema = {
  type: 'object',
  properties: {
    ads: { type: 'integer' },
    confirmed: { type: 'integer' },
    dismissed: { type: 'integer' },
    current: flagFigures,
    proposed: flagFigures,
    appear: { type: 'integer' },
    appearConfirmed: { type: 'integer' },
    disappear: { type: 'integer' },
    disappearConfirmed: { type: 'integer' },
    limited: { type: 'boolean', description: 'only the most recently decided ads were re-scored' },
    adjustments: { type: 'array', items: adjustment },
  },
} as const;

/** A saved override version as the API shows it. */
export function versionView(record: LexiconOverrideRecord) {
  return {
    id: record._id,
    seq: record.seq,
    adjustments: record.adjustments,
    flagThreshold: record.flagThreshold ?? null,
    change: record.change,
    reverts: record.reverts ?? null,
    note: record.note ?? null,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
  };
}
