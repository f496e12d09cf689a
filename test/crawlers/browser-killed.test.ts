import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserFetcher } from '../../crawlers/index.js';
import { descendants, killAll } from '../faults/processes.js';
import { html, startFixtureSite, testBrowser, type FixtureSite } from './fixture-site.js';

const loops = 6;
const kills = 6;

let site: FixtureSite;
let browser: BrowserFetcher;
let killed = 0;

/** Kills this process's Chromium (all its processes); true when there was one to kill. */
function killChromium(): boolean {
  return killAll(descendants(process.pid, /chrom/i)) > 0;
}

beforeAll(async () => {
  // Every third ad request kills Chromium, while the other tabs are opening, loading or being
  // cleared: each kill lands at a different point of their work.
  let requests = 0;
  site = await startFixtureSite({
    '/ad': (_request, response) => {
      requests += 1;
      if (killed < kills && requests % 3 === 0 && killChromium()) killed += 1;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<title>ad</title><h1>An ad</h1><script>localStorage.x = "1"</script>');
    },
    '/last': html('<title>last</title><h1>The page after</h1>'),
  });
  browser = await testBrowser(4);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('Chromium killed again and again while tabs open, load and clear', () => {
  it('ends every page load (a page or an error) and renders the next page in a new Chromium', async () => {
    const network = { allowPrivateNetwork: true, privateHosts: [new URL(site.origin).host] };
    const outcomes = { rendered: 0, failed: 0 };
    // Six loads at a time against four tabs, until Chromium has been killed `kills` times. A load
    // left pending by a kill (Playwright never settles some calls then) holds its tab for good:
    // the loops stop, and the test ends on its time limit.
    const loop = async (n: number): Promise<void> => {
      while (killed < kills) {
        try {
          await (n % 2 === 0
            ? browser.render(`${site.origin}/ad`, network)
            : browser.screenshot(`${site.origin}/ad`, { ...network, javaScriptEnabled: false }));
          outcomes.rendered += 1;
        } catch {
          outcomes.failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: loops }, (_, n) => loop(n)));
    expect(killed).toBe(kills);
    expect(outcomes.failed).toBeGreaterThan(0);
    const last = await browser.render(`${site.origin}/last`, network);
    expect(last.body.toString('utf8')).toContain('The page after');
  }, 120_000);
});
