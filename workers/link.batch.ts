import { campaignIdFor, type AdOrder, type StoredFingerprinter } from '../classifiers/index.js';
import {
  classifiedText,
  type CampaignMove,
  type LinkCandidate,
  type LinkSubject,
  type LinkWrite,
  type Store,
} from '../store/index.js';
import { connectedComponents, earliest, linksToKeep, UnitSets } from './link.components.js';

/** Most ads linked in one batch (one link job and the link jobs waiting behind it). */
export const maxLinkBatch = 50;

/** Candidate queries sent at once: their round trips overlap, their rows stay bounded. */
const candidateQueriesAtOnce = 8;

/** The linking of one ad's text: a link job's data. */
export interface LinkRequest {
  adId: string;
  contentHash: string;
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

/** Most stored ads compared with a new one: `maxBucketScan` for each LSH band. */
function candidateLimit(fingerprinter: StoredFingerprinter): number {
  return fingerprinter.settings.maxBucketScan * fingerprinter.settings.bands;
}

/** The age linking sorts an ad by: when it was posted, else first seen (milliseconds). */
const ageOf = (ad: LinkSubject): number => (ad.postedAt ?? ad.firstSeenAt).getTime();

/**
 * Links one classified ad into campaigns: {@link linkAds} with a batch of one. Returns null when
 * the ad is gone or its text is no longer `contentHash`.
 */
export async function linkAd(
  store: Store,
  fingerprinter: StoredFingerprinter,
  adId: string,
  contentHash: string,
): Promise<LinkOutcome | null> {
  const [outcome] = await linkAds(store, fingerprinter, [{ adId, contentHash }]);
  return outcome ?? null;
}

/**
 * Links classified ads into campaigns, with the index kept on the ads themselves (LSH band keys
 * and shingle sets, store/campaigns.repository.ts) and the same settings and pair decision as
 * `adwatch cluster`. Each ad's stored fingerprint gets the ads it is a variant of (candidates
 * from its LSH buckets, decided exactly on the two shingle sets); a campaign is a connected
 * component of those stored links, named after its earliest ad.
 *
 * The ads are decided in the order given, each against the stored ads and the ones before it in
 * the batch, so the links are those of linking them one at a time; the writes are then made per
 * batch (the link states in one write, campaign moves in one, one rebuild of each campaign
 * touched). Ads whose text changed since they were last linked are linked on their own, in their
 * place in the order. Until a batch's campaigns are rebuilt, its ads carry `link.pending`: a
 * batch cut short (a killed worker) is completed by the next linking of any of its ads.
 *
 * Must not run twice at once (the link queue has a global concurrency of 1); running it again
 * for the same texts changes nothing. One outcome per request, null for an ad that is gone or
 * whose text is no longer the request's.
 */
export async function linkAds(
  store: Store,
  fingerprinter: StoredFingerprinter,
  requests: LinkRequest[],
): Promise<Array<LinkOutcome | null>> {
  const subjects = await store.campaigns.linkSubjects([...new Set(requests.map((r) => r.adId))]);
  const outcomes = new Map<string, LinkOutcome | null>();
  const current = (r: LinkRequest): LinkSubject | undefined => {
    const ad = subjects.get(r.adId);
    return ad?.contentHash === r.contentHash ? ad : undefined;
  };

  // First the batches cut short: their campaigns are rebuilt from the stored links.
  const interrupted = requests.flatMap((r) => {
    const ad = current(r);
    return ad?.link?.contentHash === r.contentHash && ad.link.pending ? [ad] : [];
  });
  if (interrupted.length > 0) {
    const ids = [...new Set(interrupted.map((ad) => ad._id))];
    const settled = await settle(
      store,
      ids,
      interrupted.flatMap((ad) => ad.link?.pending ?? []),
    );
    for (const id of ids) outcomes.set(id, settled.outcome(id));
  }

  let run: LinkSubject[] = [];
  const flush = async (): Promise<void> => {
    if (run.length === 0) return;
    const linked = await linkNewAds(store, fingerprinter, run);
    for (const [id, outcome] of linked) outcomes.set(id, outcome);
    run = [];
  };
  for (const request of requests) {
    if (outcomes.has(request.adId) || run.some((ad) => ad._id === request.adId)) continue;
    const ad = current(request);
    if (!ad) outcomes.set(request.adId, null);
    else if (ad.link?.contentHash === request.contentHash)
      outcomes.set(ad._id, { campaign: ad.campaignId ?? null, changed: [], unchanged: true });
    else if (ad.link) {
      // Its text changed: linked on its own, after the new ads before it.
      await flush();
      outcomes.set(ad._id, await relink(store, fingerprinter, request));
    } else run.push(ad);
  }
  await flush();
  return requests.map((r) => (current(r) ? (outcomes.get(r.adId) ?? null) : null));
}

/**
 * Links an ad whose text changed since it was linked: the links other ads made to its old text
 * are dropped (they are decided again, here), and the campaigns it leaves and joins are rebuilt.
 */
async function relink(
  store: Store,
  fingerprinter: StoredFingerprinter,
  request: LinkRequest,
): Promise<LinkOutcome | null> {
  // Read again: the batch's earlier ads may have moved it to another campaign.
  const ad = await store.campaigns.linkSubject(request.adId, request.contentHash);
  if (!ad) return null;
  const print = fingerprinter.fingerprint({ title: ad.title, text: classifiedText(ad) });
  const candidates = await store.campaigns.candidates(
    ad._id,
    print.bands,
    candidateLimit(fingerprinter),
  );
  const isVariant = fingerprinter.variantsOf(print.shingles);
  const linked = candidates.filter((c) => isVariant(c.shingles));
  const touched = [
    ...new Set([
      ...(ad.campaignId ? [ad.campaignId] : []),
      ...(ad.link?.pending ?? []),
      ...linked.flatMap((c) => (c.campaignId ? [c.campaignId] : [])),
    ]),
  ];
  await store.campaigns.dropLinksTo(ad._id);
  const saved = await store.campaigns.saveLinks([
    {
      adId: ad._id,
      state: {
        bands: print.bands,
        shingles: print.shingles,
        contentHash: request.contentHash,
        at: ageOf(ad),
        linkedTo: linksToKeep(linked, (c) => c.campaignId ?? c.id),
        pending: touched,
      },
    },
  ]);
  if (saved === 0) return null;
  return (await settle(store, [ad._id], touched)).outcome(ad._id);
}

/**
 * Rebuilds the campaigns around these ads from the stored links: the whole connected components
 * they are in (and those of the campaigns in `touched`), each named after its earliest ad; the
 * records of `touched` and of every campaign whose members changed are recomputed; the ads'
 * `link.pending` is cleared last. Whatever part of this an interrupted run did, running it again
 * gives the same result.
 */
async function settle(store: Store, adIds: string[], touched: string[]) {
  const nodes = await store.campaigns.linkedClosure(adIds, touched);
  const changed = new Set(touched);
  for (const node of nodes) if (node.campaignId) changed.add(node.campaignId);
  const campaignOf = new Map<string, string | null>();
  const moves: CampaignMove[] = [];
  for (const members of connectedComponents(nodes)) {
    const id =
      members.length > 1
        ? campaignIdFor(earliest(members.map((m) => ({ time: m.at, id: m.id }))))
        : null;
    const moving = members.filter((m) => (m.campaignId ?? null) !== id).map((m) => m.id);
    if (moving.length > 0) moves.push({ adIds: moving, campaignId: id });
    if (id && moving.length > 0) changed.add(id);
    for (const m of members) campaignOf.set(m.id, id);
  }
  // Campaigns named now (a split, a merge) are recorded first, so that a run cut short after
  // moving ads into them still rebuilds their records.
  const recorded = new Set(touched);
  if ([...changed].some((id) => !recorded.has(id)))
    await store.campaigns.setPending(adIds, [...changed]);
  await store.campaigns.move(moves);
  await store.campaigns.refresh(changed);
  await store.campaigns.clearPending(adIds);
  return {
    outcome: (id: string): LinkOutcome => ({
      campaign: campaignOf.get(id) ?? null,
      changed: [...changed],
    }),
  };
}

/** An ad of the batch, decided: its link state as it will be stored. */
interface Decided {
  ad: LinkSubject;
  bands: string[];
  shingles: Uint8Array;
  at: number;
  linkedTo: string[];
}

/**
 * Links ads never linked before, in order, each against the stored ads and the batch's ads
 * before it; the stored campaigns they join are taken whole (they are connected components
 * already), so only their records are read, not their members.
 */
async function linkNewAds(
  store: Store,
  fingerprinter: StoredFingerprinter,
  ads: LinkSubject[],
): Promise<Map<string, LinkOutcome | null>> {
  const limit = candidateLimit(fingerprinter);
  const batchIds = new Set(ads.map((ad) => ad._id));
  const decided = new Map<string, Decided>();
  const units = new UnitSets();
  /** Stored ads in no campaign that a batch ad keeps a link to: their age. */
  const loneAds = new Map<string, number>();
  const unitOf = (c: LinkCandidate): string =>
    !decided.has(c.id) && c.campaignId ? `c:${c.campaignId}` : `a:${c.id}`;

  for (let i = 0; i < ads.length; i += candidateQueriesAtOnce) {
    const chunk = ads.slice(i, i + candidateQueriesAtOnce).map((ad) => ({
      ad,
      print: fingerprinter.fingerprint({ title: ad.title, text: classifiedText(ad) }),
    }));
    const found = await Promise.all(
      chunk.map(({ ad, print }) => store.campaigns.candidates(ad._id, print.bands, limit)),
    );
    chunk.forEach(({ ad, print }, j) => {
      // The stored ads first, then the batch's ads before this one that share a bucket with it.
      const pool = (found[j] ?? []).filter((c) => !batchIds.has(c.id));
      const bands = new Set(print.bands);
      for (const [id, d] of decided) {
        if (pool.length >= limit) break;
        if (d.bands.some((band) => bands.has(band)))
          pool.push({ id, shingles: d.shingles, at: d.at });
      }
      const isVariant = fingerprinter.variantsOf(print.shingles);
      const linked = pool.filter((c) => isVariant(c.shingles));
      // A linked ad's campaign now is its unit's set: as linking one at a time would see it.
      const linkedTo = linksToKeep(linked, (c) => units.find(unitOf(c)));
      const key = `a:${ad._id}`;
      units.add(key);
      for (const c of linked.filter((l) => linkedTo.includes(l.id))) {
        if (!decided.has(c.id) && !c.campaignId) loneAds.set(c.id, c.at);
        units.union(key, unitOf(c));
      }
      decided.set(ad._id, {
        ad,
        bands: print.bands,
        shingles: print.shingles,
        at: ageOf(ad),
        linkedTo,
      });
    });
  }

  // The campaign of each set of units: named after the earliest ad of its campaigns and ads.
  const groups = units.groups().filter((keys) => keys.length > 1);
  const campaignIds = groups.flat().flatMap((k) => (k.startsWith('c:') ? [k.slice(2)] : []));
  const records = await store.campaigns.findByIds(campaignIds);
  const adCampaign = new Map<string, { id: string; touched: string[] }>();
  const moves: CampaignMove[] = [];
  const touched = new Set<string>();
  let complete = true;
  for (const keys of groups) {
    const orders: AdOrder[] = [];
    const theirs: string[] = [];
    const lone: string[] = [];
    const own: string[] = [];
    for (const key of keys) {
      const id = key.slice(2);
      if (key.startsWith('c:')) {
        const record = records.get(id);
        if (!record) complete = false;
        else orders.push({ time: record.firstAt, id: record.firstAdId });
        theirs.push(id);
      } else {
        const d = decided.get(id);
        if (d) own.push(id);
        else lone.push(id);
        orders.push({ time: d?.at ?? loneAds.get(id) ?? 0, id });
      }
    }
    const name = campaignIdFor(earliest(orders));
    const concerned = [...new Set([...theirs, name])];
    concerned.forEach((id) => touched.add(id));
    for (const id of own) adCampaign.set(id, { id: name, touched: concerned });
    moves.push(
      { adIds: lone, campaignId: name },
      ...theirs.map((from) => ({ from, campaignId: name })),
    );
  }
  const pending = [...adCampaign.keys()];
  const writes: LinkWrite[] = [...decided.values()].map(({ ad, bands, shingles, at, linkedTo }) => {
    const campaign = adCampaign.get(ad._id);
    return {
      adId: ad._id,
      state: {
        bands,
        shingles,
        contentHash: ad.contentHash,
        at,
        linkedTo,
        ...(campaign ? { pending: [...touched] } : {}),
      },
      // A campaign record missing (not expected): the campaigns are rebuilt from the links.
      ...(campaign && complete ? { campaignId: campaign.id } : {}),
    };
  });
  const saved = await store.campaigns.saveLinks(writes);
  if (saved < writes.length || !complete) {
    // An ad's text changed meanwhile (its newer job links it) or a record is missing: the
    // campaigns are rebuilt from what was stored.
    const stored = await store.campaigns.linkSubjects([...decided.keys()]);
    const settled = await settle(store, pending, [...touched]);
    return new Map(
      [...decided.values()].map(({ ad }) => [
        ad._id,
        stored.get(ad._id)?.link?.contentHash === ad.contentHash ? settled.outcome(ad._id) : null,
      ]),
    );
  }
  await store.campaigns.move(moves);
  await store.campaigns.refresh(touched);
  await store.campaigns.clearPending(pending);
  return new Map(
    [...decided.keys()].map((id) => {
      const campaign = adCampaign.get(id);
      return [id, { campaign: campaign?.id ?? null, changed: campaign?.touched ?? [] }];
    }),
  );
}
