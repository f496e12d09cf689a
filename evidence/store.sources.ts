import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store/index.js';
import type { PacketSources } from './packet.types.js';

/**
 * Wires the store's repositories into the packet builder. Reviews, cases and the audit trail come
 * from the dashboard's repositories once they exist in the store; until then review history and
 * audit entries are empty, cases cannot be found, and exports are recorded as JSON lines in
 * `<dataDir>/evidence/exports.jsonl`.
 */
export function storePacketSources(store: Store, options: { dataDir: string }): PacketSources {
  return {
    ad: (id) => store.ads.findById(id),
    capture: (id) => store.captures.findById(id),
    captureBody: (capture) => store.captures.body(capture),
    captureScreenshot: (capture) => store.captures.screenshot(capture),
    captureWarc: (capture) => store.captures.warc(capture),
    reviewHistory: () => Promise.resolve([]),
    auditEntries: () => Promise.resolve([]),
    caseById: () => Promise.resolve(null),
    recordExport: async (entry) => {
      const dir = join(options.dataDir, 'evidence');
      await mkdir(dir, { recursive: true });
      await appendFile(
        join(dir, 'exports.jsonl'),
        `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`,
      );
    },
  };
}
