import type { Store } from '../store/index.js';
import type { PacketSources } from './packet.types.js';

/** Wires the store's repositories into the packet builder (used by the CLI and the dashboard). */
export function storePacketSources(store: Store): PacketSources {
  return {
    ad: (id) => store.ads.findById(id),
    capture: (id) => store.captures.findById(id),
    captureBody: (capture) => store.captures.body(capture),
    captureScreenshot: (capture) => store.captures.screenshot(capture),
    captureWarc: (capture) => store.captures.warc(capture),
    reviewHistory: (adId) => store.reviews.history(adId),
    auditEntries: (adIds) => store.audit.forAds(adIds),
    caseById: (caseId) => store.cases.findById(caseId),
    recordExport: async (entry) => {
      await store.audit.append(entry);
    },
  };
}
