import type { Job, Queue } from 'bullmq';
import { StoredFingerprinter } from '../classifiers/index.js';
import type { Store } from '../store/index.js';
import { jobInstallation, type Installation } from './installation.js';
import { linkAds, maxLinkBatch, type LinkRequest } from './link.batch.js';
import type { PipelineContext } from './pipeline.context.js';
import type { LinkJobData } from './jobs.js';

/**
 * The link worker. The link queue runs one job at a time across every process, so a job links
 * its own ad together with the ads of the link jobs waiting behind it (up to
 * {@link maxLinkBatch}, oldest first): one batch of MongoDB reads and writes instead of one per
 * ad (workers/link.batch.ts). The waiting jobs it took are removed once their ads are linked; if
 * the batch fails or the worker dies, they are still waiting and are linked again (which changes
 * nothing for an ad already linked). Then the alert rules look at the linked ads.
 */
export function createLinkProcessor(context: PipelineContext) {
  const fingerprinter = new StoredFingerprinter();
  return async (job: Job<LinkJobData>): Promise<Record<string, unknown>> => {
    const { store } = context;
    const others = await waitingLinkJobs(context.queues.link, job, context.queues.installation);
    const requests: LinkRequest[] = [job, ...others].map(({ data }) => ({
      adId: data.adId,
      contentHash: data.contentHash,
    }));
    const outcomes = await linkAds(store, fingerprinter, requests);
    const alerts = await afterLink(context, requests, outcomes.map(Boolean));
    // Each taken job at most once: a job whose removal fails is simply linked again later.
    await Promise.all(others.map((other) => other.remove().catch(() => undefined)));
    const linked = outcomes.filter((o) => o !== null);
    return {
      // Ads linked now; `unchanged`: ads whose text was linked already (a job queued again).
      ads: linked.filter((o) => !o.unchanged).length,
      unchanged: linked.filter((o) => o.unchanged).length,
      jobs: requests.length,
      campaigns: new Set(linked.flatMap((o) => (o.campaign ? [o.campaign] : []))).size,
      changed: new Set(linked.flatMap((o) => o.changed)).size,
      alerts,
    };
  };
}

/** The link jobs waiting behind `job`, oldest first, that this installation may run. */
async function waitingLinkJobs(
  queue: Queue<LinkJobData>,
  job: Job<LinkJobData>,
  installation: Installation | undefined,
): Promise<Array<Job<LinkJobData>>> {
  if (maxLinkBatch <= 1) return [];
  const waiting = await queue.getWaiting(0, maxLinkBatch - 2);
  return waiting.filter((other): other is Job<LinkJobData> => {
    if (!other || other.id === job.id) return false;
    const owner = jobInstallation(other.data);
    // Another installation's job is left for its own run, which fails it (ADW_FOREIGN_JOB).
    return !installation || !owner || owner === installation.id;
  });
}

/**
 * Runs the alert rules on the linked ads as they stand now, each with its campaign (read in two
 * queries for the batch); returns the number of alerts raised for the first time.
 */
async function afterLink(
  context: PipelineContext,
  requests: LinkRequest[],
  linked: boolean[],
): Promise<number> {
  const ids = [...new Set(requests.filter((_, i) => linked[i]).map((r) => r.adId))];
  if (ids.length === 0) return 0;
  const ads = await context.store.ads.findByIds(ids);
  const campaigns = await context.store.campaigns.findByIds([
    ...new Set([...ads.values()].flatMap((ad) => (ad.campaignId ? [ad.campaignId] : []))),
  ]);
  const alerts = await context.alerts.afterLinkMany(
    ids.flatMap((id) => {
      const ad = ads.get(id);
      if (!ad) return [];
      return [{ ad, campaign: (ad.campaignId && campaigns.get(ad.campaignId)) || null }];
    }),
  );
  return alerts.length;
}

/** How often at most the ads not linked yet are looked for, across every worker process. */
export const unlinkedScanEveryMillis = 24 * 3600_000;
/** How long a look may run before another process may take it over (its process may have died). */
const unlinkedScanLeaseMillis = 30 * 60_000;

/**
 * Queues the linking of every classified ad whose text is not linked yet (ads stored before
 * campaigns existed, or whose link job was lost); job ids make a second call add nothing. The
 * look reads every classified ad (about 30 s of `mongod` per 1,000,000 ads), so of the link
 * workers that start, one looks, and only if no look ended within
 * {@link unlinkedScanEveryMillis} (`PipelineQueues.claimUnlinkedScan`); returns null when it
 * did not look.
 */
export async function queueUnlinkedAds(
  store: Store,
  queues: Pick<PipelineContext['queues'], 'addLink' | 'claimUnlinkedScan' | 'recordUnlinkedScan'>,
  batchSize = 500,
): Promise<number | null> {
  if (!(await queues.claimUnlinkedScan(unlinkedScanLeaseMillis))) return null;
  let after: string | undefined;
  let queued = 0;
  for (;;) {
    const batch = await store.campaigns.unlinked(after, batchSize);
    if (batch.length === 0) break;
    for (const ad of batch) await queues.addLink(ad.id, ad.contentHash);
    queued += batch.length;
    after = batch[batch.length - 1]?.id;
  }
  // Recorded once the look has ended: a process stopped during it leaves only its lease.
  await queues.recordUnlinkedScan(unlinkedScanEveryMillis);
  return queued;
}
