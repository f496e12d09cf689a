import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserFetcher } from '../../crawlers/index.js';
import { html, startFixtureSite, testBrowser, type FixtureSite } from './fixture-site.js';

/**
 * A page that shows what an earlier page could have left behind (cookies, local and session
 * storage, IndexedDB, Cache Storage, history, a popup), then leaves all of it behind itself.
 */
const statePage = `<!doctype html><html><head><link rel="stylesheet" href="/style.css"></head>
<body><h1 class="title">State</h1><pre id="found"></pre><script>
(async () => {
  const found = {
    cookie: document.cookie,
    local: localStorage.getItem('seen'),
    session: sessionStorage.getItem('seen'),
    indexedDb: (await indexedDB.databases()).map((db) => db.name),
    caches: await caches.keys(),
    history: history.length,
  };
  document.cookie = 'seen=1; max-age=3600';
  localStorage.setItem('seen', '1');
  sessionStorage.setItem('seen', '1');
  await new Promise((resolve) => { indexedDB.open('seen').onsuccess = resolve; });
  await caches.open('seen');
  window.open('/popup');
  document.getElementById('found').textContent = JSON.stringify(found);
  document.body.dataset.state = 'ready';
})();
</script></body></html>`;

/** What a new context's page finds; its history holds about:blank and the page itself. */
const nothingLeft = {
  cookie: '',
  local: null,
  session: null,
  indexedDb: [],
  caches: [],
  history: 2,
};

let site: FixtureSite;
let browser: BrowserFetcher;

beforeAll(async () => {
  site = await startFixtureSite({
    '/state': html(statePage),
    '/popup': html('<title>popup</title>'),
    '/style.css': (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/css', 'cache-control': 'max-age=3600' })
        .end('h1 { color: teal }'),
  });
  browser = await testBrowser(1);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function found(): Promise<unknown> {
  const page = await browser.render(`${site.origin}/state`, {
    allowPrivateNetwork: true,
    privateHosts: [new URL(site.origin).host],
    readySelector: 'body[data-state="ready"]',
  });
  const text = /<pre id="found">([^<]*)<\/pre>/.exec(page.body.toString('utf8'))?.[1] ?? '';
  return JSON.parse(text.replace(/&quot;/g, '"')) as unknown;
}

describe('Chromium tabs kept open between page loads', () => {
  it('leave nothing of one page to the next: cookies, storage, cache, history, popups', async () => {
    expect(await found()).toEqual(nothingLeft);
    expect(await found()).toEqual(nothingLeft);
    expect(await found()).toEqual(nothingLeft);
    // The same tab served all three loads, and each load fetched the stylesheet afresh.
    expect(browser.tabsOpened).toBe(1);
    expect(site.count('/style.css')).toBe(3);
  }, 60_000);
});
