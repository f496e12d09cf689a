import type { Browser, Page, Response } from 'playwright-core';
import { launchChromium } from '../core/index.js';
import { blockingLoad, originOf, TabPool, type BrowserTab, type TabLoad } from './browser-tabs.js';
import { canonicalUrl } from './canonical-url.js';
import type { FetchedPage } from './fetch.types.js';
import { assertPublicHost } from './ssrf.guard.js';
import { ErrorCode, ExternalError } from '../core/index.js';

type WaitUntil = 'domcontentloaded' | 'load' | 'networkidle';

/** A screenshot of one page, and the navigations away from it that were blocked. */
export interface PageShot {
  png: Buffer;
  html: string;
  finalUrl: string;
  status: number;
  fetchedAt: Date;
  blockedNavigations: string[];
}

/** Options every page load takes. */
interface PageLoadOptions {
  waitUntil?: WaitUntil;
  /** Without it, every request the page makes (redirects, scripts, XHR) must reach a public host. */
  allowPrivateNetwork?: boolean;
  /** With allowPrivateNetwork: the only hosts (`host:port`) that may be private (the source's). */
  privateHosts?: readonly string[];
  javaScriptEnabled?: boolean;
}

export interface BrowserFetcherOptions {
  executablePath?: string;
  userAgent: string;
  timeoutMillis: number;
  /** Pages rendered at once (`browser.pages`); more loads wait for one of them. */
  maxPages: number;
}

export interface RenderOptions extends PageLoadOptions {
  /** Extra settling time after the ready selector appears. */
  settleMillis?: number;
  /** Wait until this selector is present before reading the page. */
  readySelector?: string;
  /** Take a full-page PNG screenshot. */
  screenshot?: boolean;
}

export interface ListingRenderOptions extends PageLoadOptions {
  /** Scroll to the bottom while new ad links keep appearing (at most maxLoads times). */
  infiniteScroll?: boolean;
  adLinkSelector: string;
  readySelector?: string;
  loadMoreSelector?: string;
  /** How many times "load more" may be clicked. */
  maxLoads: number;
}

/**
 * One Chromium per process, launched on first use, rendering at most maxPages pages at once. Each
 * page load gets a clean tab: one kept open between loads and cleared in between (TabPool), so
 * nothing (cookies, storage, history) carries from one site or ad to another.
 */
export class BrowserFetcher {
  private browser?: Promise<Browser>;
  private readonly tabs: TabPool;

  constructor(private readonly options: BrowserFetcherOptions) {
    this.tabs = new TabPool({
      maxTabs: options.maxPages,
      open: (browser, javaScriptEnabled) => this.openTab(browser, javaScriptEnabled),
    });
  }

  /** How many tabs (a context and its page) have been opened; each serves many page loads. */
  get tabsOpened(): number {
    return this.tabs.tabsOpened;
  }

  /** Renders an ad page and returns the rendered DOM as the body, plus a screenshot if asked. */
  async render(url: string, options: RenderOptions = {}): Promise<FetchedPage> {
    return this.withPage(url, options, async (page, blockedNavigations) => {
      const fetchedAt = new Date();
      const response = await open(page, url, options.waitUntil ?? 'domcontentloaded');
      if (options.readySelector) await this.waitFor(page, url, options.readySelector);
      if (options.settleMillis) await page.waitForTimeout(options.settleMillis);
      const html = await page.content();
      const headers = response ? await response.allHeaders() : {};
      const server = response ? await response.serverAddr() : null;
      const redirects: string[] = [];
      for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom())
        redirects.unshift(r.url());
      const screenshot = options.screenshot
        ? await page.screenshot({ fullPage: true, type: 'png' })
        : undefined;
      return {
        url,
        finalUrl: page.url(),
        redirects,
        status: response?.status() ?? 0,
        headers,
        requestHeaders: response
          ? { method: 'GET', ...(await response.request().allHeaders()) }
          : {},
        ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
        ...(server ? { remoteAddress: server.ipAddress } : {}),
        fetchedAt,
        body: Buffer.from(html, 'utf8'),
        fetcher: 'browser',
        ...(screenshot ? { screenshot } : {}),
        ...(blockedNavigations.length ? { blockedNavigations: [...blockedNavigations] } : {}),
      };
    });
  }

  /** Opens a listing, clicks "load more" as allowed, and returns the ad links found. */
  async listAdUrls(url: string, options: ListingRenderOptions): Promise<string[]> {
    return this.withPage(url, options, async (page) => {
      await open(page, url, options.waitUntil ?? 'domcontentloaded');
      await this.waitFor(page, url, options.readySelector ?? options.adLinkSelector);
      for (let scrolls = 0; options.infiniteScroll && scrolls < options.maxLoads; scrolls++) {
        const before = await page.locator(options.adLinkSelector).count();
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        const grew = await page
          .waitForFunction(
            ([selector, count]) => document.querySelectorAll(selector).length > count,
            [options.adLinkSelector, before] as const,
            { timeout: Math.min(this.options.timeoutMillis, 5_000) },
          )
          .then(() => true)
          .catch(() => false);
        if (!grew) break;
      }
      for (let loads = 0; options.loadMoreSelector && loads < options.maxLoads; loads++) {
        const button = page.locator(options.loadMoreSelector).first();
        if (!(await button.isVisible().catch(() => false))) break;
        const before = await page.locator(options.adLinkSelector).count();
        await button.click();
        await page
          .waitForFunction(
            ([selector, count]) => document.querySelectorAll(selector).length > count,
            [options.adLinkSelector, before] as const,
            { timeout: this.options.timeoutMillis },
          )
          .catch(() => undefined);
      }
      const hrefs = await page
        .locator(options.adLinkSelector)
        .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
      return [...new Set(hrefs.filter(Boolean).map((href) => canonicalUrl(href)))];
    });
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    await this.tabs.close();
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  /**
   * A full-page PNG of a live URL, for the evidence of a flagged ad. JavaScript may be switched
   * off (pages of static sources), so that no script runs while the page is captured. The page
   * may not navigate away once loaded: a meta refresh to another page is blocked and listed.
   */
  async screenshot(url: string, options: PageLoadOptions = {}): Promise<PageShot> {
    return this.withPage(url, options, async (page, blockedNavigations) => {
      const fetchedAt = new Date();
      const response = await open(page, url, options.waitUntil ?? 'load');
      const png = await page.screenshot({ fullPage: true, type: 'png' });
      return {
        png,
        html: await page.content(),
        finalUrl: page.url(),
        status: response?.status() ?? 0,
        fetchedAt,
        blockedNavigations: [...blockedNavigations],
      };
    });
  }

  /** A full-page PNG of stored HTML (a capture), rendered with JavaScript and network off. */
  async screenshotHtml(html: string, baseUrl: string): Promise<PageShot> {
    return this.withPage(
      undefined,
      { javaScriptEnabled: false, allowPrivateNetwork: true },
      async (page, blockedNavigations) => {
        const fetchedAt = new Date();
        await page.setContent(html, { waitUntil: 'load' });
        const png = await page.screenshot({ fullPage: true, type: 'png' });
        return {
          png,
          html,
          finalUrl: baseUrl,
          status: 200,
          fetchedAt,
          blockedNavigations: [...blockedNavigations],
        };
      },
    );
  }

  /**
   * Runs work on a clean page (see TabPool). With a url, the page's first navigation (and its HTTP
   * redirects) is the load; any later main-frame navigation is aborted and its URL added to the
   * list work is given. Without one (stored HTML), every request is aborted.
   */
  private async withPage<T>(
    url: string | undefined,
    options: PageLoadOptions,
    work: (page: Page, blockedNavigations: readonly string[]) => Promise<T>,
  ): Promise<T> {
    // Refused before Chromium is involved, with the same error as the HTTP fetcher gives.
    const allowPrivate = options.allowPrivateNetwork ?? false;
    if (url) await assertPublicHost(url, allowPrivate, options.privateHosts);
    const load: TabLoad = {
      allowPrivate,
      ...(options.privateHosts ? { privateHosts: options.privateHosts } : {}),
      firstLoad: url !== undefined,
      loading: url !== undefined,
      blocked: [],
    };
    try {
      const browser = await this.launched();
      return await this.tabs.use(browser, options.javaScriptEnabled ?? true, load, (tab) =>
        work(tab.page, load.blocked),
      );
    } catch (error) {
      if (error instanceof ExternalError) throw error;
      throw new ExternalError(
        ErrorCode.FetchFailed,
        `browser: ${(error as Error).message.split('\n')[0]}`,
        {
          cause: error,
        },
      );
    }
  }

  /** A new context with its one page, whose handlers apply the tab's load in progress. */
  private async openTab(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserTab> {
    const context = await browser.newContext({
      userAgent: this.options.userAgent,
      serviceWorkers: 'block',
      acceptDownloads: false,
      javaScriptEnabled,
    });
    try {
      context.setDefaultTimeout(this.options.timeoutMillis);
      const page = await context.newPage();
      const tab: BrowserTab = {
        browser,
        context,
        page,
        javaScriptEnabled,
        load: blockingLoad(),
        loads: 0,
        origins: new Set(),
        documentOrigins: new Set(),
        session: await context.newCDPSession(page),
      };
      // Every request of every page of the context (popups, frames, workers): its origin is noted
      // for clearing, and it must reach a public host (or one of the load's private hosts).
      // Chromium resolves names itself, so this is a best effort: unlike the HTTP fetcher, a DNS
      // answer could still change between this check and Chromium's.
      await context.route('**/*', async (route) => {
        const target = route.request().url();
        const { allowPrivate, privateHosts } = tab.load;
        const origin = originOf(target);
        if (origin) tab.origins.add(origin);
        const ok = await assertPublicHost(target, allowPrivate, privateHosts).then(
          () => true,
          () => false,
        );
        await (ok ? route.continue() : route.abort('blockedbyclient'));
      });
      await keepFirstDocument(tab);
      return tab;
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * The running Chromium, launched on first use. One that went away (killed, crashed) is
   * forgotten as soon as it disconnects, so the next page launches a new one instead of failing
   * on the dead one for as long as the process lives.
   */
  private async launched(): Promise<Browser> {
    if (!this.browser) {
      const launching = launchChromium(this.options.executablePath);
      this.browser = launching;
      launching.then(
        (browser) =>
          browser.once('disconnected', () => {
            if (this.browser === launching) this.browser = undefined;
          }),
        () => {
          if (this.browser === launching) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  private async waitFor(page: Page, url: string, selector: string): Promise<void> {
    try {
      await page.waitForSelector(selector, {
        state: 'attached',
        timeout: this.options.timeoutMillis,
      });
    } catch (error) {
      throw new ExternalError(
        ErrorCode.ExtractFailed,
        `${url}: "${selector}" did not appear within ${this.options.timeoutMillis} ms`,
        {
          cause: error,
        },
      );
    }
  }
}

/**
 * Navigates to url and waits until its document has reached waitUntil. Past the commit, the
 * document's own readyState is watched rather than Playwright's load events: a page that starts
 * another navigation while it loads (a script redirect, which keepFirstDocument blocks) loads
 * completely, but Playwright never reports its events, so the page timed out and was never
 * captured.
 */
async function open(page: Page, url: string, waitUntil: WaitUntil): Promise<Response | null> {
  const response = await page.goto(url, { waitUntil: 'commit' });
  if (waitUntil === 'networkidle') {
    await page.waitForLoadState('networkidle');
  } else {
    await page.waitForFunction(
      (complete) =>
        complete ? document.readyState === 'complete' : document.readyState !== 'loading',
      waitUntil === 'load',
      { polling: 50 },
    );
  }
  return response;
}

/**
 * Blocks every main-frame navigation after the first of the tab's load (a meta refresh,
 * `location = …`), so that a page cannot replace itself before it is captured; the blocked URLs go
 * to the load's list as it happens. "aborted" leaves the current document in place, where other
 * errors would show Chromium's error page. A load without a first navigation (stored HTML)
 * fetches nothing at all.
 */
async function keepFirstDocument(tab: BrowserTab): Promise<void> {
  const { page } = tab;
  await page.route('**/*', async (route) => {
    const load = tab.load;
    const request = route.request();
    const isDocument = request.isNavigationRequest();
    const origin = isDocument ? originOf(request.url()) : undefined;
    if (origin) tab.documentOrigins.add(origin);
    const navigation = isDocument && request.frame() === page.mainFrame();
    if (navigation && (load.loading || request.redirectedFrom())) {
      load.loading = false;
      await route.fallback();
      return;
    }
    if (navigation) load.blocked.push(request.url());
    if (navigation || !load.firstLoad) await route.abort('aborted');
    else await route.fallback();
  });
}
