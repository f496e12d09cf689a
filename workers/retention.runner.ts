import type { RetentionConfig } from '../config/index.js';
import {
  HoldReason,
  RetentionRule,
  removedCounts,
  retentionRules,
  type HeldAd,
  type RetentionCutoffs,
  type Store,
} from '../store/index.js';

const dayMillis = 86_400_000;

/** One rule of a retention run or report: what it deleted or reduced (or would), and kept. */
export interface RetentionRuleSummary {
  rule: RetentionRule;
  afterDays: number;
  /** Ads last seen (dismissed, for the dismissed rule) before this are due. */
  cutoff: Date;
  /** Ads deleted, or stripped of captures, or reduced (due, for a report or dry run). */
  ads: number;
  /** The earliest last sighting (or dismissal) among them. */
  oldest: Date | null;
  captures: number;
  screenshots: number;
  bytes: number;
  /** Ads the rule would touch but keeps, by reason. */
  held: Record<HoldReason, number>;
  /** Due ads left alone because they changed between reading and writing (taken up meanwhile). */
  skipped: number;
}

/** A run of the retention policy, or with dryRun / a report, what a run would do now. */
export interface RetentionSummary {
  now: Date;
  dryRun: boolean;
  enabled: boolean;
  rules: RetentionRuleSummary[];
  /** Ads under legal hold, and the cases, whatever their rules. */
  legalHolds: HeldAd[];
  cases: Array<{ caseId: string; name: string; ads: number }>;
  interrupted: boolean;
}

export interface RetentionOptions {
  store: Store;
  policy: RetentionConfig;
  /** The time the policy's periods count back from (an input, so that tests need not wait). */
  now: Date;
  /** Count what would go without writing anything. */
  dryRun?: boolean;
  /** Who the audit entry names: `system` for the scheduled job, `cli` for the command. */
  actor?: string;
  /** Once aborted, the run stops after the batch in progress. */
  signal?: AbortSignal;
  /** Called after every batch with the rule's counts so far. */
  onBatch?: (progress: Readonly<RetentionRuleSummary>, dryRun: boolean) => void;
}

/** The cut-off date of each rule at `now`. */
export function retentionCutoffs(policy: RetentionConfig, now: Date): RetentionCutoffs {
  const before = (daysBack: number): Date => new Date(now.getTime() - daysBack * dayMillis);
  return {
    [RetentionRule.UntouchedAds]: before(policy.untouchedAdsAfterDays),
    [RetentionRule.UntouchedCaptures]: before(policy.untouchedCapturesAfterDays),
    [RetentionRule.DismissedPersonalData]: before(policy.dismissedPersonalDataAfterDays),
  };
}

function afterDaysOf(policy: RetentionConfig, rule: RetentionRule): number {
  return {
    [RetentionRule.UntouchedAds]: policy.untouchedAdsAfterDays,
    [RetentionRule.UntouchedCaptures]: policy.untouchedCapturesAfterDays,
    [RetentionRule.DismissedPersonalData]: policy.dismissedPersonalDataAfterDays,
  }[rule];
}

/**
 * Applies the retention policy at `now`, rule by rule (whole ads, then captures, then personal
 * data of dismissed ads), in id order and batches, and appends one `retention_run` audit entry
 * with the counts. With dryRun nothing is written, audit included, and the counts are what a run
 * would do: `adwatch retention report` and `retention run --dry-run` print them. Ads in a case or
 * under legal hold are never touched; each write re-checks that the ad is still due.
 */
export async function runRetention(options: RetentionOptions): Promise<RetentionSummary> {
  const { store, policy, now, dryRun = false } = options;
  const cutoffs = retentionCutoffs(policy, now);
  const summary: RetentionSummary = {
    now,
    dryRun,
    enabled: policy.enabled,
    rules: [],
    legalHolds: await store.retention.legalHolds(),
    cases: await store.retention.caseHolds(),
    interrupted: false,
  };
  for (const rule of retentionRules) {
    const counts = emptyRuleSummary(rule, afterDaysOf(policy, rule), cutoffs[rule]);
    summary.rules.push(counts);
    let after: string | undefined;
    while (!summary.interrupted) {
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      const { verdicts, lastId } = await store.retention.scan(
        rule,
        cutoffs,
        after,
        policy.batchSize,
      );
      if (lastId === null) break;
      const due = verdicts.filter((verdict) => verdict.due);
      for (const verdict of verdicts) if (!verdict.due) counts.held[verdict.held]++;
      const done = dryRun
        ? new Map(due.map((verdict) => [verdict.ad._id, removedCounts(verdict.captures)]))
        : await store.retention.apply(rule, due, cutoffs, now);
      for (const verdict of due) {
        const removed = done.get(verdict.ad._id);
        if (!removed) {
          counts.skipped++;
          continue;
        }
        counts.ads++;
        counts.captures += removed.captures;
        counts.screenshots += removed.screenshots;
        counts.bytes += removed.bytes;
        if (!counts.oldest || verdict.since < counts.oldest) counts.oldest = verdict.since;
      }
      options.onBatch?.(counts, dryRun);
      after = lastId;
    }
  }
  if (!dryRun) {
    await store.audit.append({
      actor: options.actor ?? 'system',
      action: 'retention_run',
      details: {
        now: now.toISOString(),
        interrupted: summary.interrupted,
        policy: {
          untouchedCapturesAfterDays: policy.untouchedCapturesAfterDays,
          untouchedAdsAfterDays: policy.untouchedAdsAfterDays,
          dismissedPersonalDataAfterDays: policy.dismissedPersonalDataAfterDays,
        },
        rules: Object.fromEntries(
          summary.rules.map((r) => [
            r.rule,
            {
              ads: r.ads,
              captures: r.captures,
              screenshots: r.screenshots,
              bytes: r.bytes,
              held: r.held,
              skipped: r.skipped,
            },
          ]),
        ),
      },
    });
  }
  return summary;
}

function emptyRuleSummary(
  rule: RetentionRule,
  afterDays: number,
  cutoff: Date,
): RetentionRuleSummary {
  return {
    rule,
    afterDays,
    cutoff,
    ads: 0,
    oldest: null,
    captures: 0,
    screenshots: 0,
    bytes: 0,
    held: { [HoldReason.LegalHold]: 0, [HoldReason.Case]: 0, [HoldReason.Campaign]: 0 },
    skipped: 0,
  };
}
