// Takes the evidence screenshot of a flagged ad's page, for the classify processor; not a BullMQ
// processor itself.
import { decodeHtml, sourceNetwork } from '../crawlers/index.js';
import { needsScreenshot, type NewCapture } from '../store/index.js';
import { sourceOf, type PipelineContext } from './pipeline.context.js';
import { ErrorCode, ExternalError } from '../core/index.js';

/**
 * Takes the full-page screenshot of a flagged ad's latest text and stores it as a capture of its
 * own (with its hash). The live page is preferred, as it was online when flagged; pages of static
 * sources are rendered with JavaScript off. If the live page cannot be loaded any more, the stored
 * capture is rendered instead. Browser sources' captures already hold a screenshot, which is
 * reused.
 */
export async function takeScreenshot(
  context: PipelineContext,
  adId: string,
): Promise<Record<string, unknown>> {
  const { store, fetchers } = context;
  const ad = await store.ads.findById(adId);
  if (!ad) {
    throw new ExternalError(ErrorCode.NotFound, `ad ${adId} is missing from the store`, {
      retryable: false,
    });
  }
  if (!needsScreenshot(ad)) return { existing: ad.screenshotCaptureId };
  const latest = ad.latestCaptureId ? await store.captures.findById(ad.latestCaptureId) : null;
  if (latest?.screenshot) {
    await store.ads.setScreenshot(ad._id, latest._id, latest._id);
    return { reused: latest._id };
  }
  const source = sourceOf(context, ad.sourceId);
  const javaScriptEnabled = source.type === 'browser';
  let shot;
  try {
    const network = sourceNetwork(source);
    ({ value: shot } = await fetchers.polite(ad.url, network, () =>
      fetchers.browser.screenshot(ad.url, { javaScriptEnabled, ...network }),
    ));
    if (shot.status >= 400) shot = undefined;
  } catch {
    shot = undefined;
  }
  if (!shot && latest) {
    const body = await store.captures.body(latest);
    const html = decodeHtml(body, latest.contentType, source.fallbackCharset).text;
    shot = await fetchers.browser.screenshotHtml(html, latest.finalUrl);
  }
  if (!shot) {
    throw new ExternalError(
      ErrorCode.FetchFailed,
      `${ad.url}: no live page and no capture to render`,
    );
  }
  if (shot.blockedNavigations.length > 0) {
    context.logger.warn(
      { ad: ad._id, blockedNavigations: shot.blockedNavigations },
      'the page tried to navigate away while its screenshot was taken; blocked',
    );
  }
  const capture = await store.captures.insert(
    withBlockedNavigations(
      {
        sourceId: ad.sourceId,
        url: ad.url,
        finalUrl: shot.finalUrl,
        redirects: [],
        fetchedAt: shot.fetchedAt,
        status: shot.status,
        headers: {},
        contentType: 'text/html; charset=utf-8',
        fetcher: 'browser',
        body: Buffer.from(shot.html, 'utf8'),
        screenshot: shot.png,
        kind: 'screenshot',
      },
      shot.blockedNavigations,
    ),
  );
  await store.ads.setScreenshot(ad._id, capture._id, latest?._id);
  return {
    captureId: capture._id,
    screenshotSha256: capture.screenshot?.sha256,
    blockedNavigations: shot.blockedNavigations,
  };
}

/**
 * A capture with the navigations its page attempted and the browser blocked (meta refresh,
 * script), kept as `blockedNavigations` on the capture record (left out when there were none).
 */
export function withBlockedNavigations(
  capture: NewCapture,
  blockedNavigations: readonly string[] | undefined,
): NewCapture {
  if (!blockedNavigations?.length) return capture;
  return { ...capture, blockedNavigations: [...blockedNavigations] };
}
