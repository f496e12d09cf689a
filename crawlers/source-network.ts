import type { SourceConfig } from '../config/index.js';
import type { NetworkAccess } from './polite.fetcher.js';

/**
 * A source's network access: with `allowPrivateNetwork`, private addresses only on the hosts of
 * its configured URLs (listings, numbered-page pattern, Telegram base, feeds), so that neither a
 * redirect nor a link on its pages reaches another service on the machine.
 */
export function sourceNetwork(source: SourceConfig): NetworkAccess {
  if (!source.allowPrivateNetwork) return { allowPrivateNetwork: false };
  const urls =
    source.type === 'telegram'
      ? [source.baseUrl]
      : source.type === 'feed'
        ? source.feedUrls
        : [
            ...source.listingUrls,
            ...(source.type === 'http' && source.pageUrlPattern ? [source.pageUrlPattern] : []),
          ];
  return {
    allowPrivateNetwork: true,
    privateHosts: [...new Set(urls.map((url) => new URL(url).host))],
  };
}
