import type { SourceConfig } from '../config/index.js';
import { feedAdapter } from './feed.adapter.js';
import { browserAdapter, httpAdapter } from './listing.adapter.js';
import type { SourceAdapter } from './source.adapter.js';
import { telegramAdapter } from './telegram.adapter.js';

const adapters = {
  http: httpAdapter,
  browser: browserAdapter,
  telegram: telegramAdapter,
  feed: feedAdapter,
} as const;

/** The adapter that reads a source of this type. */
export function adapterFor(source: SourceConfig): SourceAdapter {
  return adapters[source.type];
}
