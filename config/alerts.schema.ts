import { z } from 'zod';

/** The events alert rules raise (store `alerts.kind`). */
export const AlertKind = {
  NewCampaign: 'new-campaign',
  ReusedContact: 'reused-contact',
  Surge: 'surge',
  Watched: 'watched',
} as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];
export const alertKinds = Object.values(AlertKind) as [AlertKind, ...AlertKind[]];

/** What a surge is counted per. */
export const surgeDimensions = ['destination', 'category', 'source'] as const;
export type SurgeDimension = (typeof surgeDimensions)[number];

const kindList = alertKinds.map((k) => `"${k}"`).join(', ');

/** Which kinds a channel receives; all when absent. */
const events = z
  .array(z.enum(alertKinds, { error: `must be one of ${kindList}` }))
  .min(1, { error: `lists the alert kinds to send (${kindList}); leave it out to send all` })
  .optional();

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, {
  error:
    'must be the name of an environment variable (letters, digits and _), e.g. ADWATCH_HOOK_SECRET',
});

const enabled = z.boolean().default(true);

const rules = z.strictObject({
  /** A campaign whose first `minAds` ads were all first seen within `withinHours` of its first. */
  newCampaign: z
    .strictObject({
      enabled,
      minAds: z.number().int().min(2).max(10_000).default(3),
      withinHours: z.number().positive().max(8_760).default(24),
    })
    .prefault({}),
  /** A contact of a flagged ad that appears in `minAds` ads or on `minSources` sources. */
  reusedContact: z
    .strictObject({
      enabled,
      minAds: z.number().int().min(2).max(100_000).default(5),
      minSources: z.number().int().min(2).max(1_000).default(2),
    })
    .prefault({}),
  /** Flagged ads of the last window per dimension value, against that value's own baseline. */
  surge: z
    .strictObject({
      enabled,
      windowHours: z.number().min(0.25).max(168).default(1),
      baselineDays: z.number().int().min(1).max(365).default(28),
      /** Fire when the window's count is at least this many times the baseline's average window. */
      factor: z.number().min(1).max(1_000).default(3),
      /** ...and at least this many ads (a value never seen before needs this many too). */
      minCount: z.number().int().min(1).max(100_000).default(5),
      by: z
        .array(
          z.enum(surgeDimensions, {
            error: `must be one of ${surgeDimensions.map((d) => `"${d}"`).join(', ')}`,
          }),
        )
        .min(1)
        .default([...surgeDimensions]),
      /** How often the surge check runs (a BullMQ job scheduler on the alerts queue). */
      checkEveryMinutes: z.number().int().min(1).max(1_440).default(5),
    })
    .prefault({}),
  /** A flagged ad carrying a contact or employer on the dashboard's watch-list. */
  watchlist: z.strictObject({ enabled }).prefault({}),
});

const webhook = z
  .strictObject({
    /** Names the channel in delivery records and the audit trail. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
      error: 'must be 1-40 lowercase letters, digits or dashes (e.g. "case-system")',
    }),
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
    /** The HMAC-SHA256 key; prefer secretEnv so that the file holds no secret. */
    secret: z.string().min(16, { error: 'must have at least 16 characters' }).optional(),
    secretEnv: envName.optional(),
    events,
    timeoutMillis: z.number().int().min(1_000).max(120_000).default(10_000),
  })
  .superRefine((hook, ctx) => {
    if ((hook.secret === undefined) === (hook.secretEnv === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message:
          'set exactly one of secret (the key itself) or secretEnv (the environment variable holding it)',
      });
    }
  });

const email = z.strictObject({
  smtp: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65_535).default(587),
      /** TLS from the start (port 465); false = STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      user: z.string().min(1).optional(),
      /** The environment variable holding the SMTP password (never the password itself). */
      passwordEnv: envName.optional(),
      timeoutMillis: z.number().int().min(1_000).max(120_000).default(20_000),
    })
    .superRefine((smtp, ctx) => {
      if (smtp.passwordEnv && !smtp.user)
        ctx.addIssue({ code: 'custom', path: ['user'], message: 'is needed with passwordEnv' });
    }),
  from: z.email({ error: 'must be an e-mail address' }),
  to: z
    .array(z.email({ error: 'must be an e-mail address' }))
    .min(1, { error: 'needs at least one address' }),
  events,
});

/** Config `alerts`: rules, delivery channels and their retries. */
export const alertsSchema = z
  .strictObject({
    rules: rules.prefault({}),
    webhooks: z
      .array(webhook)
      .default([])
      .superRefine((hooks, ctx) => {
        const seen = new Set<string>();
        hooks.forEach((hook, index) => {
          if (seen.has(hook.name))
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `"${hook.name}" is used by more than one webhook; names must be unique`,
            });
          seen.add(hook.name);
        });
      }),
    email: email.optional(),
    /** Tries per delivery (alert × channel); the delay doubles from backoffMillis. */
    retries: z
      .strictObject({
        attempts: z.number().int().min(1).max(50).default(8),
        backoffMillis: z.number().int().min(100).max(3_600_000).default(5_000),
      })
      .prefault({}),
    /** The dashboard's address as recipients reach it, for links in deliveries. */
    dashboardUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional(),
  })
  .prefault({});

export type AlertsConfig = z.output<typeof alertsSchema>;
export type AlertRulesConfig = AlertsConfig['rules'];
export type WebhookConfig = AlertsConfig['webhooks'][number];
export type EmailConfig = NonNullable<AlertsConfig['email']>;
