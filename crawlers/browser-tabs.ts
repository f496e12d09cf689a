import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** What a tab's request handlers apply to the page load in progress. */
export interface TabLoad {
  /** Whether requests may reach private addresses (only privateHosts' when that is set). */
  allowPrivate: boolean;
  privateHosts?: readonly string[];
  /** Whether the load opens a URL (its first main-frame navigation is let through). */
  firstLoad: boolean;
  /** True until that first navigation (and its HTTP redirects) has been let through. */
  loading: boolean;
  /** Main-frame navigations after the first, blocked, in order. */
  blocked: string[];
}

/** A browser context with its one page, opened once and used for one page load after another. */
export interface BrowserTab {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly javaScriptEnabled: boolean;
  /** The load in progress (a blocking one while the tab is idle). */
  load: TabLoad;
  loads: number;
  /** Origins the context's requests went to since the tab was last cleared (their site data). */
  readonly origins: Set<string>;
  /** Origins of the documents the page's frames loaded since then (their session storage). */
  readonly documentOrigins: Set<string>;
  readonly session: CDPSession;
}

export interface TabPoolOptions {
  /** Tabs open at once, busy or idle: the most page loads in progress at a time. */
  maxTabs: number;
  /** Opens a tab (a fresh context and page, its handlers installed) in browser. */
  open(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserTab>;
  /** A tab is closed instead of cleared after this many loads, so nothing grows for ever. */
  maxLoadsPerTab?: number;
  /** An idle tab is closed after this long, so an idle crawler holds no renderer processes. */
  idleMillis?: number;
}

/** A load during which the tab fetches nothing at all. */
export function blockingLoad(): TabLoad {
  return { allowPrivate: false, firstLoad: false, loading: false, blocked: [] };
}

/**
 * Chromium tabs kept open between page loads. A context and page cost Chromium a renderer process
 * and Playwright a dozen round trips each time, several times the work of rendering a job ad;
 * here a tab is cleared between loads instead: other pages (popups) closed, the page taken to
 * about:blank, its navigation history reset, cookies and every kind of site storage (local and
 * session storage, IndexedDB, Cache Storage, service workers…) of every origin it contacted
 * deleted. So nothing carries from one ad to the next, as with a fresh context. A tab whose load
 * failed, or that cannot be cleared, is closed instead.
 */
export class TabPool {
  private readonly idle: Array<{ tab: BrowserTab; timer: NodeJS.Timeout }> = [];
  private readonly waiting: Array<() => void> = [];
  private busy = 0;
  private opened = 0;

  constructor(private readonly options: TabPoolOptions) {}

  /** How many tabs have been opened so far (each a context and a page). */
  get tabsOpened(): number {
    return this.opened;
  }

  /**
   * Runs work on a clean tab of browser with JavaScript on or off, once one of maxTabs is free.
   * The tab is cleared after work, before another load may use it.
   */
  async use<T>(
    browser: Browser,
    javaScriptEnabled: boolean,
    load: TabLoad,
    work: (tab: BrowserTab) => Promise<T>,
  ): Promise<T> {
    await this.slot();
    let tab: BrowserTab | undefined;
    try {
      tab = await untilDisconnected(browser, this.take(browser, javaScriptEnabled));
      tab.load = load;
      const result = await untilDisconnected(browser, work(tab));
      const done = tab;
      tab = undefined;
      // Cleared while the caller goes on with the page; the slot stays taken until then.
      void untilDisconnected(browser, this.clear(done))
        .then(
          (clean) => (clean ? this.park(done) : closeTab(done)),
          () => closeTab(done),
        )
        .finally(() => this.release());
      return result;
    } catch (error) {
      if (tab) await closeTab(tab);
      this.release();
      throw error;
    }
  }

  /** Closes the idle tabs (the browser closes the busy ones with itself). */
  async close(): Promise<void> {
    const idle = this.idle.splice(0);
    for (const { timer } of idle) clearTimeout(timer);
    await Promise.all(idle.map(({ tab }) => closeTab(tab)));
  }

  private async slot(): Promise<void> {
    if (this.busy >= this.options.maxTabs) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.busy += 1;
  }

  private release(): void {
    this.busy -= 1;
    this.waiting.shift()?.();
  }

  /** An idle tab of this browser and kind, else a new one (closing an idle one of another kind). */
  private async take(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserTab> {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const { tab, timer } = this.idle[i];
      const usable = tab.browser === browser && browser.isConnected() && !tab.page.isClosed();
      if (usable && tab.javaScriptEnabled !== javaScriptEnabled) continue;
      this.idle.splice(i, 1);
      clearTimeout(timer);
      if (usable) return tab;
      await closeTab(tab);
    }
    // Busy tabs and idle ones together stay within maxTabs.
    const surplus = this.idle.length + this.busy - this.options.maxTabs;
    for (const { tab, timer } of this.idle.splice(0, Math.max(0, surplus))) {
      clearTimeout(timer);
      await closeTab(tab);
    }
    this.opened += 1;
    return this.options.open(browser, javaScriptEnabled);
  }

  private park(tab: BrowserTab): void {
    const entry = {
      tab,
      timer: setTimeout(() => {
        const index = this.idle.indexOf(entry);
        if (index >= 0) this.idle.splice(index, 1);
        void closeTab(tab);
      }, this.options.idleMillis ?? 30_000),
    };
    entry.timer.unref();
    this.idle.push(entry);
  }

  /** Clears a tab for the next load; false when it is to be closed instead. */
  private async clear(tab: BrowserTab): Promise<boolean> {
    tab.loads += 1;
    if (tab.loads >= (this.options.maxLoadsPerTab ?? 100)) return false;
    tab.load = blockingLoad();
    // Session storage belongs to the tab and is reached through a frame of its origin: a tab with
    // a document whose frame has gone elsewhere since (an iframe navigated) is closed instead.
    const framed = new Set(tab.page.frames().map((frame) => originOf(frame.url())));
    if ([...tab.documentOrigins].some((origin) => !framed.has(origin))) return false;
    for (const origin of tab.documentOrigins) {
      await tab.session.send('DOMStorage.clear', {
        storageId: { securityOrigin: origin, isLocalStorage: false },
      });
    }
    for (const other of tab.context.pages()) if (other !== tab.page) await other.close();
    await tab.page.goto('about:blank');
    await tab.session.send('Page.resetNavigationHistory');
    await tab.context.clearCookies();
    for (const origin of tab.origins) {
      await tab.session.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    }
    tab.origins.clear();
    tab.documentOrigins.clear();
    return true;
  }
}

/** The origin of an http(s) URL; undefined for others (about:blank, data:). */
export function originOf(url: string): string | undefined {
  return /^https?:/i.test(url) ? new URL(url).origin : undefined;
}

/** Closes a tab's context (its page and any popup with it); a dead browser's tab is dropped. */
export async function closeTab(tab: BrowserTab): Promise<void> {
  await untilDisconnected(tab.browser, tab.context.close()).catch(() => undefined);
}

/**
 * What promise settles with, or a rejection as soon as browser disconnects. Playwright leaves
 * some calls pending for ever when Chromium is killed while they run (a new page, found by killing
 * it in a loop while tabs open), which would hold a tab, and every job waiting for one, for good.
 */
export function untilDisconnected<T>(browser: Browser, promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const gone = (): void => {
      promise.catch(() => undefined);
      reject(new Error('Chromium went away (killed or crashed) while the page was in use'));
    };
    if (!browser.isConnected()) return gone();
    browser.once('disconnected', gone);
    promise.then(resolve, reject);
    void promise.finally(() => browser.off('disconnected', gone)).catch(() => undefined);
  });
}
