import type { Job } from 'bullmq';
import {
  campaignIdFor,
  isBefore,
  StoredFingerprinter,
  type AdOrder,
} from '../classifiers/index.js';
import {
  classifiedText,
  maxStoredLinks,
  type LinkCandidate,
  type LinkNode,
  type Store,
} from '../store/index.js';
import type { PipelineContext } from './pipeline.context.js';
import type { LinkJobData } from './jobs.js';

/** Most stored ads compared with a new one: `maxBucketScan` for each LSH band. */
function candidateLimit(fingerprinter: StoredFingerprinter): number {
  return fingerprinter.settings.maxBucketScan * fingerprinter.settings.bands;
}

/** What linking one ad did. */
export interface LinkOutcome {
  /** The ad's campaign after linking, or null while it is alone. */
  campaign: string | null;
  /** Campaigns whose membership changed (renamed, merged, split, joined or left). */
  changed: string[];
  /** The ad's text was already linked: nothing was done. */
  unchanged?: boolean;
}

/**
 * Links one classified ad into campaigns, with the index kept on the ads themselves (LSH band
 * keys and shingle sets, store/campaigns.repository.ts) and the same settings and pair decision
 * as `adwatch cluster`:
 * 1. the ad's stored fingerprint is written, with the ads it is a variant of (candidates from
 *    its LSH buckets, decided exactly on the two shingle sets);
 * 2. the campaigns touched — the ad's old one and those of the ads it links to — are rebuilt as
 *    the connected components of the stored links, each named after its earliest ad.
 * Must not run twice at once (the link queue has a global concurrency of 1); running it again
 * for the same text changes nothing.
 */
export async function linkAd(
  store: Store,
  fingerprinter: StoredFingerprinter,
  adId: string,
  contentHash: string,
): Promise<LinkOutcome | null> {
  const ad = await store.campaigns.linkSubject(adId, contentHash);
  if (!ad) return null;
  if (ad.link?.contentHash === contentHash)
    return { campaign: ad.campaignId ?? null, changed: [], unchanged: true };
  const print = fingerprinter.fingerprint({ title: ad.title, text: classifiedText(ad) });
  const at = (ad.postedAt ?? ad.firstSeenAt).getTime();
  const candidates = await store.campaigns.candidates(
    adId,
    print.bands,
    candidateLimit(fingerprinter),
  );
  const linked = candidates.filter((c) => fingerprinter.sameTemplate(print.shingles, c.shingles));
  const relinking = ad.link !== undefined;
  // Its text changed: the links other ads made to its old text are decided again, here.
  if (relinking) await store.campaigns.dropLinksTo(adId);
  const saved = await store.campaigns.saveLink(adId, {
    bands: print.bands,
    shingles: print.shingles,
    contentHash,
    at,
    linkedTo: linksToKeep(linked),
  });
  if (!saved) return null;

  const joined = [...new Set(linked.flatMap((c) => (c.campaignId ? [c.campaignId] : [])))];
  // The common case: a new variant of one campaign, not older than its first ad.
  const only = joined.length === 1 && linked.every((c) => c.campaignId) ? joined[0] : undefined;
  if (!relinking && only) {
    const campaign = await store.campaigns.findById(only);
    if (
      campaign &&
      isBefore({ time: campaign.firstAt, id: campaign.firstAdId }, { time: at, id: adId })
    ) {
      await store.campaigns.assign([adId], only);
      await store.campaigns.refresh([only]);
      return { campaign: only, changed: [only] };
    }
  }

  const previous = ad.campaignId ? [ad.campaignId] : [];
  const nodes = await store.campaigns.nodes(
    [adId, ...linked.map((c) => c.id)],
    [...previous, ...joined],
  );
  const components = connectedComponents(nodes);
  const changed = new Set([...previous, ...joined]);
  let campaign: string | null = null;
  for (const members of components) {
    const id = members.length > 1 ? campaignIdFor(earliest(members)) : null;
    const moving = members.filter((m) => (m.campaignId ?? null) !== id).map((m) => m.id);
    await store.campaigns.assign(moving, id);
    if (id && moving.length > 0) changed.add(id);
    if (members.some((m) => m.id === adId)) campaign = id;
  }
  await store.campaigns.refresh(changed);
  return { campaign, changed: [...changed] };
}

/**
 * The links an ad keeps: one to each campaign (or lone ad) it is a variant of, so that its
 * campaign can always be rebuilt from stored links, then others up to {@link maxStoredLinks}.
 */
function linksToKeep(linked: LinkCandidate[]): string[] {
  const byAge = [...linked].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const keep = new Set<string>();
  const groups = new Set<string>();
  for (const c of byAge) {
    const group = c.campaignId ?? c.id;
    if (groups.has(group)) continue;
    groups.add(group);
    keep.add(c.id);
  }
  for (const c of byAge) {
    if (keep.size >= Math.max(maxStoredLinks, groups.size)) break;
    keep.add(c.id);
  }
  return [...keep].sort();
}

/** The connected components of the stored links among these ads (links leaving them ignored). */
function connectedComponents(nodes: LinkNode[]): LinkNode[][] {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  nodes.forEach((node, i) => {
    for (const other of node.linkedTo) {
      const j = index.get(other);
      if (j !== undefined) parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, LinkNode[]>();
  nodes.forEach((node, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(node);
    else groups.set(root, [node]);
  });
  return [...groups.values()];
}

function earliest(members: LinkNode[]): AdOrder {
  return members
    .map((m) => ({ time: m.at, id: m.id }))
    .reduce((first, order) => (isBefore(order, first) ? order : first));
}

/** The link worker: links each classified ad, then lets the alert rules look at the result. */
export function createLinkProcessor(context: PipelineContext) {
  const fingerprinter = new StoredFingerprinter();
  return async (job: Job<LinkJobData>): Promise<Record<string, unknown>> => {
    const { store } = context;
    const outcome = await linkAd(store, fingerprinter, job.data.adId, job.data.contentHash);
    if (!outcome) return { skipped: true };
    // Alert rules see the ad with its campaign as they stand now; an event alerts only once.
    const [ad, campaign] = await Promise.all([
      store.ads.findById(job.data.adId),
      outcome.campaign ? store.campaigns.findById(outcome.campaign) : Promise.resolve(null),
    ]);
    const alerts = ad ? await context.alerts.afterLink(ad, campaign) : [];
    return { campaign: outcome.campaign, changed: outcome.changed.length, alerts: alerts.length };
  };
}

/**
 * Queues the linking of every classified ad whose text is not linked yet (ads stored before
 * campaigns existed, or whose link job was lost); job ids make a second call add nothing.
 */
export async function queueUnlinkedAds(
  store: Store,
  queues: Pick<PipelineContext['queues'], 'addLink'>,
  batchSize = 500,
): Promise<number> {
  let after: string | undefined;
  let queued = 0;
  for (;;) {
    const batch = await store.campaigns.unlinked(after, batchSize);
    if (batch.length === 0) return queued;
    for (const ad of batch) await queues.addLink(ad.id, ad.contentHash);
    queued += batch.length;
    after = batch[batch.length - 1]?.id;
  }
}
