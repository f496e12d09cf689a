import type { CheerioAPI } from 'cheerio';
import { type FeedSourceConfig } from '../config/index.js';
import { canonicalUrl } from './canonical-url.js';
import { decodeHtml } from './decode.js';
import { pageFragment } from './fetch.types.js';
import { extractAd } from './html.extractor.js';
import { loadWithinBudget } from './html-budget.js';
import { fragmentText, inlineText, nodeText } from './html-text.js';
import { fetchStaticAd } from './listing.adapter.js';
import { ensureUsable } from './page.checks.js';
import type { AdReference, ListingScan, SourceAdapter } from './source.adapter.js';
import { sourceNetwork } from './source-network.js';
import { ErrorCode, ExternalError, type ExtractedAd } from '../core/index.js';

/**
 * RSS 2.0 and Atom job feeds. With `detail` selectors each item's link is an ad page, fetched and
 * read like an http source's. Without them the item is the ad: its title, description (or Atom
 * summary/content) and date, and its XML fragment is the capture. Feeds have no pagination; the
 * items of one fetch are the whole listing.
 */
export const feedAdapter: SourceAdapter<FeedSourceConfig> = {
  async scan(source, fetchers) {
    const scan: ListingScan = { ads: [], pagesFetched: 0, warnings: [], complete: true };
    const seen = new Set<string>();
    for (const feedUrl of source.feedUrls) {
      const page = ensureUsable(await fetchers.http(feedUrl, sourceNetwork(source)), 'feed');
      scan.pagesFetched += 1;
      const $ = loadWithinBudget(
        decodeHtml(page.body, page.contentType, source.fallbackCharset).text,
        page.finalUrl,
        { xml: true },
      );
      const items = $('item, entry').toArray();
      if (items.length === 0 && $('rss, feed, rdf\\:RDF').length === 0) {
        throw new ExternalError(
          ErrorCode.ExtractFailed,
          `${page.finalUrl}: not an RSS or Atom feed (no <rss> or <feed> element)`,
          { retryable: false },
        );
      }
      for (const item of items) {
        const link = itemLink($(item), page.finalUrl);
        if (!link || seen.has(link)) continue;
        seen.add(link);
        const reference: AdReference = { url: link };
        if (!source.detail) {
          reference.inline = pageFragment(
            page,
            Buffer.from($.xml(item), 'utf8'),
            'application/xml; charset=utf-8',
          );
        }
        scan.ads.push(reference);
      }
    }
    return scan;
  },
  fetchAd: fetchStaticAd,
  extract(source, text, url) {
    if (source.detail) return extractAd(text, url, source.detail, { jsonLd: source.jsonLd });
    return readItem(loadWithinBudget(text, url, { xml: true }), url);
  },
};

function itemLink(item: ReturnType<CheerioAPI>, base: string): string | undefined {
  const atom =
    item.find('link[rel="alternate"][href]').first().attr('href') ??
    item.find('link[href]').first().attr('href');
  const href =
    atom ?? (item.find('link').first().text().trim() || item.find('guid').first().text().trim());
  if (!href) return undefined;
  try {
    const url = canonicalUrl(href, base);
    return /^https?:/.test(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

function readItem($: CheerioAPI, url: string): ExtractedAd {
  const item = $('item, entry').first();
  const title = inlineText(item.children('title')) ?? '';
  const raw =
    nodeText(item.children('description').first()) ||
    nodeText(item.children('content').first()) ||
    nodeText(item.children('summary').first());
  // Descriptions are often escaped HTML: read them as HTML to get their text.
  const body = fragmentText(raw, url);
  if (!title || !body) {
    throw new ExternalError(
      ErrorCode.ExtractFailed,
      `${url}: the feed item has no ${title ? 'description' : 'title'}; give the source detail selectors to read the linked page instead`,
      { retryable: false },
    );
  }
  const ad: ExtractedAd = { title, body };
  const date =
    item.children('pubDate').first().text() ||
    item.children('published').first().text() ||
    item.children('updated').first().text();
  const postedAt = date ? new Date(date.trim()) : undefined;
  if (postedAt && !Number.isNaN(postedAt.getTime())) ad.postedAt = postedAt;
  return ad;
}
