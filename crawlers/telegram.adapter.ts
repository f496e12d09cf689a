import type { CheerioAPI } from 'cheerio';
import { type TelegramSourceConfig } from '../config/index.js';
import { decodeHtml } from './decode.js';
import { pageFragment, type FetchedPage } from './fetch.types.js';
import { loadWithinBudget } from './html-budget.js';
import { nodeText } from './html-text.js';
import { ensureUsable } from './page.checks.js';
import {
  SkippedPageError,
  type AdReference,
  type ListingScan,
  type SourceAdapter,
} from './source.adapter.js';
import { sourceNetwork } from './source-network.js';
import { ErrorCode, ExternalError, type ExtractedAd } from '../core/index.js';

/**
 * Public Telegram channels through their web preview (<baseUrl>/s/<channel>): every post is an ad
 * whose URL is <baseUrl>/<channel>/<id> (https://t.me/<channel>/<id> in production) and whose
 * capture is the post's HTML fragment as served on the channel page. Older posts are read through
 * `?before=<oldest id shown>`, up to maxPages pages per channel.
 */
export const telegramAdapter: SourceAdapter<TelegramSourceConfig> = {
  async scan(source, fetchers) {
    const scan: ListingScan = { ads: [], pagesFetched: 0, warnings: [], complete: true };
    const seen = new Set<string>();
    // Per channel, the oldest post id read when older posts were left unread (maxPages).
    const readDownTo = new Map<string, number>();
    for (const channel of source.channels) {
      let before: number | undefined;
      for (let index = 0; ; index++) {
        if (index >= source.maxPages) {
          // Older posts exist but are not read: only posts from `before` up can be judged gone.
          scan.complete = false;
          if (before !== undefined) readDownTo.set(channel, before);
          break;
        }
        const url = `${source.baseUrl}/s/${channel}${before === undefined ? '' : `?before=${before}`}`;
        const page = ensureUsable(await fetchers.http(url, sourceNetwork(source)));
        scan.pagesFetched += 1;
        const posts = parsePosts(source, channel, page);
        for (const post of posts) {
          if (seen.has(post.url)) continue;
          seen.add(post.url);
          scan.ads.push(post);
        }
        const oldest = Math.min(...posts.map((post) => Number(post.url.split('/').pop())));
        if (posts.length === 0 || !Number.isFinite(oldest)) break;
        if (before !== undefined && oldest >= before) {
          scan.warnings.push(
            `${ErrorCode.PaginationEndless}: ${url} shows no older posts than the page before; stopped there`,
          );
          break;
        }
        if (!hasOlder(page)) break;
        before = oldest;
      }
    }
    if (!scan.complete) scan.covers = (url) => coveredPost(source, readDownTo, url);
    return scan;
  },
  fetchAd(_source, url) {
    // Posts are captured from the channel page during the scan; a job for one is stale.
    return Promise.reject(
      new ExternalError(ErrorCode.InputInvalid, `${url}: Telegram posts are captured by scans`, {
        retryable: false,
      }),
    );
  },
  extract(_source, html, url) {
    return readPost(loadWithinBudget(html, url), url);
  },
};

function parsePosts(
  source: TelegramSourceConfig,
  channel: string,
  page: FetchedPage,
): AdReference[] {
  const $ = loadWithinBudget(
    decodeHtml(page.body, page.contentType, source.fallbackCharset).text,
    page.finalUrl,
  );
  const posts: AdReference[] = [];
  $('.tgme_widget_message[data-post]').each((_, element) => {
    const post = $(element).attr('data-post') ?? '';
    const match = /^([A-Za-z0-9_]+)\/(\d+)$/.exec(post);
    if (!match || match[1]?.toLowerCase() !== channel.toLowerCase()) return;
    const wrap = $(element).closest('.tgme_widget_message_wrap');
    const fragment = $.html(wrap.length ? wrap : $(element));
    posts.push({
      url: `${source.baseUrl}/${channel}/${match[2]}`,
      inline: pageFragment(page, Buffer.from(fragment, 'utf8'), 'text/html; charset=utf-8'),
    });
  });
  return posts;
}

/**
 * A channel's pages list its posts newest first without gaps, so a scan stopped at maxPages has
 * still seen every post from the oldest one it read up to the newest: those it did not list are
 * gone. Channels read to their end cover all their posts.
 */
function coveredPost(
  source: TelegramSourceConfig,
  readDownTo: ReadonlyMap<string, number>,
  url: string,
): boolean {
  const match = /^(.*)\/(\d+)$/.exec(url);
  if (!match?.[1]?.startsWith(`${source.baseUrl}/`)) return false;
  const channel = match[1].slice(source.baseUrl.length + 1);
  if (!source.channels.includes(channel)) return false;
  const oldestRead = readDownTo.get(channel);
  return oldestRead === undefined || Number(match[2]) >= oldestRead;
}

function hasOlder(page: FetchedPage): boolean {
  const $ = loadWithinBudget(page.body.toString('utf8'), page.finalUrl);
  return $('a.tme_messages_more[data-before], link[rel="prev"]').length > 0;
}

/** Title is the post's first line (Telegram has no title field), body the rest. */
function readPost($: CheerioAPI, url: string): ExtractedAd {
  const lines = nodeText($('.tgme_widget_message_text').first(), 'br')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim());
  const nonEmpty = lines.filter(Boolean);
  const title = nonEmpty[0];
  if (!title) {
    const media = mediaOf($);
    throw new SkippedPageError(
      url,
      media.length
        ? `a post with ${media.join(', ')} and no text: nothing to classify (its capture keeps the media)`
        : 'a post with no text and no media: nothing to classify',
    );
  }
  const rest = lines
    .slice(lines.indexOf(title) + 1)
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  const ad: ExtractedAd = { title, body: rest || title };
  const datetime = $('time[datetime]').first().attr('datetime');
  const postedAt = datetime ? new Date(datetime) : undefined;
  if (postedAt && !Number.isNaN(postedAt.getTime())) ad.postedAt = postedAt;
  const views = parseViews(nodeText($('.tgme_widget_message_views').first()));
  if (views !== undefined) ad.views = views;
  return ad;
}

/** The media a post shows, as "2 photos", "1 video" (Telegram's web preview markup). */
function mediaOf($: CheerioAPI): string[] {
  const kinds = [
    ['photo', '.tgme_widget_message_photo_wrap'],
    ['video', '.tgme_widget_message_video_player, .tgme_widget_message_roundvideo_player'],
    ['document', '.tgme_widget_message_document'],
    ['voice message', '.tgme_widget_message_voice'],
    ['sticker', '.tgme_widget_message_sticker_wrap'],
  ] as const;
  return kinds.flatMap(([kind, selector]) => {
    const count = $(selector).length;
    return count ? [`${count} ${kind}${count > 1 ? 's' : ''}`] : [];
  });
}

/** "1.2K" → 1200, "3M" → 3000000, "845" → 845. */
export function parseViews(text: string): number | undefined {
  const match = /^([\d.]+)\s*([KM]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const factor = { '': 1, K: 1_000, M: 1_000_000 }[(match[2] ?? '').toUpperCase()] ?? 1;
  return Math.round(Number(match[1]) * factor);
}
