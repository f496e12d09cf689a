import { CronExpressionParser } from 'cron-parser';

/** When a source is scanned: every N milliseconds, or on a cron pattern (UTC). */
export type Schedule = { everyMillis: number } | { cron: string };

const unitMillis: Record<string, number> = {
  s: 1_000,
  sec: 1_000,
  secs: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

const intervalPattern = /^(?:every\s+)?(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** The shortest interval accepted: anything faster hammers the site being watched. */
export const minScheduleMillis = 10_000;

/**
 * Parses "every 10 minutes", "15m", "2h" or a 5/6-field cron expression ("*\/5 * * * *").
 * Returns undefined when the text is neither.
 */
export function parseSchedule(text: string): Schedule | undefined {
  const trimmed = text.trim();
  const interval = intervalPattern.exec(trimmed);
  if (interval) {
    const unit = unitMillis[(interval[2] ?? '').toLowerCase()];
    if (unit === undefined) return undefined;
    return { everyMillis: Math.round(Number(interval[1]) * unit) };
  }
  if (trimmed.split(/\s+/).length < 5) return undefined;
  try {
    CronExpressionParser.parse(trimmed);
    return { cron: trimmed };
  } catch {
    return undefined;
  }
}
