import type { SourceState } from './ad.types.js';

/** A source is unhealthy after this many failed scans in a row. */
export const unhealthyAfterFailures = 3;

/** How one source is doing, as `adwatch status` and the dashboard's health page show it. */
export interface SourceHealth {
  id: string;
  lastScanAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  healthy: boolean;
  /** The last few errors, oldest first, and the last scan's warnings. */
  lastErrors: Array<{ message: string; at: string }>;
  warnings: string[];
}

/** Every configured or recorded source, by id, with its health. */
export function sourceHealth(
  states: SourceState[],
  configuredIds: Iterable<string>,
): SourceHealth[] {
  const ids = new Set([...configuredIds, ...states.map((s) => s._id)]);
  const byId = new Map(states.map((s) => [s._id, s]));
  return [...ids].sort().map((id) => {
    const state = byId.get(id);
    const failuresInRow = state?.consecutiveFailures ?? 0;
    return {
      id,
      lastScanAt: state?.lastScanAt?.toISOString() ?? null,
      lastError: state?.lastError ?? null,
      lastErrorAt: state?.lastErrorAt?.toISOString() ?? null,
      consecutiveFailures: failuresInRow,
      healthy: failuresInRow < unhealthyAfterFailures,
      lastErrors: (state?.lastErrors ?? []).map((e) => ({
        message: e.message,
        at: e.at.toISOString(),
      })),
      warnings: state?.lastScanWarnings ?? [],
    };
  });
}
