import type { Classifier } from '../classifiers/index.js';
import type { AdwatchConfig } from '../config/index.js';
import type { Store, UserRecord } from '../store/index.js';
import type { PipelineQueues, RolloutRules } from '../workers/index.js';
import type { Logger } from '../core/index.js';

/** Dashboard settings (config `dashboard`). */
export type DashboardSettings = AdwatchConfig['dashboard'];

/** What every route module receives. */
export interface DashboardContext {
  store: Store;
  logger: Logger;
  settings: DashboardSettings;
  /** The pipeline's queues, for the health page and Bull Board; absent in API-only tests. */
  queues?: PipelineQueues;
  /** Configured source ids (sources never scanned yet still show on the health page). */
  sourceIds: string[];
  /** Config `classifier.flagThreshold`: the threshold in force unless a saved override sets one. */
  flagThreshold: number;
  /** The classifier previews re-score with (loaded on first use). */
  classifier: () => Classifier;
  /** Config `classifier.shadowMinAds/Hours`: when a candidate model may be activated. */
  modelRollout?: RolloutRules;
}

/** Who is calling: set by the access hook on every route that needs a session. */
export interface RequestSession {
  idHash: string;
  user: UserRecord;
  csrfToken: string;
}

/** Who may call a route. `token` routes check a bearer token themselves (/metrics). */
export type RouteRole = 'public' | 'token' | 'analyst' | 'supervisor' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    role?: RouteRole;
    /**
     * Writes are also accepted without the x-csrf-token header when the browser marks them as
     * coming from the dashboard's own pages (Sec-Fetch-Site: same-origin, or an Origin equal to
     * the dashboard's): for embedded tools that cannot send the header (Bull Board).
     */
    sameOriginWrites?: boolean;
  }
  interface FastifyRequest {
    session?: RequestSession;
  }
}
