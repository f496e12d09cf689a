import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  adPage,
  fixtureSource,
  listingPage,
  startFixtureSite,
  type FixtureSite,
} from '../crawlers/fixture-site.js';

/** One ad the fault board publishes, and what the pipeline should make of it. */
export interface BoardAd {
  path: string;
  title: string;
  body: string;
  /** Written to be flagged by the classifier (it then gets a screenshot). */
  suspicious: boolean;
}

/** A request the board holds open until the test releases it. */
export interface Hold {
  /** Resolves when the held request has arrived. */
  readonly reached: Promise<void>;
  release: () => void;
}

export interface FaultBoardOptions {
  ads: number;
  /** Ad numbers (1-based) written to be flagged. */
  suspicious?: number[];
  /** Ad numbers whose body is padded to this many bytes (a capture too large to keep inline). */
  large?: { ads: number[]; bytes: number };
  /** Ads per listing page (10). */
  pageSize?: number;
}

/**
 * A local job board for the fault cases: a paginated listing and one page per ad, all of our own
 * writing. A test can hold the n-th request for a path open (a page the crawler is fetching, the
 * page Chromium is loading) to put a fault in at a known point.
 */
export interface FaultBoard {
  readonly site: FixtureSite;
  readonly origin: string;
  readonly ads: BoardAd[];
  /** The canonical URL of every ad, as the store keeps it. */
  readonly urls: string[];
  /** The raw source configuration for this board (the YAML's `sources[]` entry). */
  source(id: string): Record<string, unknown>;
  /** Holds the n-th request (1-based) for path until released. */
  hold(path: string, nth?: number): Hold;
  /** Releases every hold and closes the server. */
  close(): Promise<void>;
}

const trades = [
  ['Warehouse packer', 'packing parcels for a regional online shop'],
  ['Bakery assistant', 'shaping dough and serving at the counter from six in the morning'],
  ['Delivery driver', 'delivering furniture around the city in a company van'],
  ['Office cleaner', 'evening cleaning of a business centre, four hours a day'],
  ['Junior accountant', 'keeping the books of a small construction firm'],
  ['Hotel receptionist', 'checking guests in and out at a mountain guest house'],
  ['Tile setter', 'finishing bathrooms in new apartment blocks'],
  ['Kindergarten cook', 'cooking breakfast and lunch for forty children'],
  ['Shop cashier', 'working the till in a neighbourhood grocery'],
  ['IT support technician', 'helping staff of a clinic with computers and printers'],
];
const towns = ['Gyumri', 'Vanadzor', 'Yerevan', 'Dilijan', 'Ijevan', 'Goris', 'Sevan'];
const terms = [
  'A written contract from the first day, paid leave and sick pay.',
  'Salary paid to a bank card twice a month; overtime is paid extra.',
  'Training on the job; experience is welcome but not required.',
  'Lunch is provided; the employer covers the bus pass.',
];
const pitches = [
  'Young women wanted as hostesses for a night club in Dubai. Free visa and air tickets, accommodation provided. Send a full body photo on WhatsApp, departure next week, no experience needed.',
  'Girls 18-25 needed for dancing work abroad, very high salary in cash. The agency keeps your passport for the visa. Free tickets, urgent departure, write on Telegram only.',
  'Easy money abroad for attractive girls: hostess and escort work in hotels, free flight and housing, pay after three months. Send photos in a swimsuit on WhatsApp.',
];

/** The ads of a board of `count` ads; the suspicious ones read like a trafficker's offer. */
export function boardAds(options: FaultBoardOptions): BoardAd[] {
  const suspicious = new Set(options.suspicious ?? []);
  return Array.from({ length: options.ads }, (_, index) => {
    const n = index + 1;
    const path = `/ad/${n}`;
    if (suspicious.has(n)) {
      const pitch = pitches[index % pitches.length];
      return { path, title: `Hostess work abroad, ad ${n}`, body: pitch, suspicious: true };
    }
    const [trade, duty] = trades[index % trades.length] as [string, string];
    const town = towns[index % towns.length];
    const body = [
      `We are hiring a ${trade.toLowerCase()} in ${town}: ${duty}.`,
      terms[index % terms.length],
      `Call the office in ${town} on weekdays, reference ${n}.`,
    ].join(' ');
    return { path, title: `${trade} in ${town} (ad ${n})`, body, suspicious: false };
  });
}

export async function startFaultBoard(options: FaultBoardOptions): Promise<FaultBoard> {
  const ads = boardAds(options);
  const pageSize = options.pageSize ?? 10;
  const pages = Math.max(1, Math.ceil(ads.length / pageSize));
  const large = new Set(options.large?.ads ?? []);
  const holds = new Map<
    string,
    { nth: number; seen: number; arrive(): void; gate: Promise<void> }
  >();
  const releases = new Set<() => void>();

  /** Waits here when this request is the held one. */
  const passGate = async (path: string): Promise<void> => {
    const held = holds.get(path);
    if (!held) return;
    held.seen += 1;
    if (held.seen !== held.nth) return;
    held.arrive();
    await held.gate;
  };

  const site = await startFixtureSite({
    '/robots.txt': (_q, r) =>
      r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
    '/list': async (_q: IncomingMessage, r: ServerResponse, url: URL) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      await passGate(`/list?page=${page}`);
      const slice = ads.slice((page - 1) * pageSize, page * pageSize).map((ad) => ad.path);
      const next = page < pages ? `/list?page=${page + 1}` : undefined;
      send(r, listingPage(slice, next));
    },
    '*': async (_q: IncomingMessage, r: ServerResponse, url: URL) => {
      const ad = ads.find((a) => a.path === url.pathname);
      if (!ad) return void r.writeHead(404, { 'content-type': 'text/plain' }).end('no such ad');
      await passGate(ad.path);
      const n = Number(ad.path.split('/').pop());
      const padding = large.has(n)
        ? `<div class="terms">${'Conditions of employment. '.repeat(Math.ceil((options.large?.bytes ?? 0) / 26))}</div>`
        : '';
      send(r, adPage(ad.title, ad.body).replace('</article>', `</article>${padding}`));
    },
  });

  return {
    site,
    origin: site.origin,
    ads,
    urls: ads.map((ad) => `${site.origin}${ad.path}`),
    source: (id) => fixtureSource(site.origin, { id }),
    hold(path, nth = 1) {
      let arrive = (): void => undefined;
      let release = (): void => undefined;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      releases.add(release);
      holds.set(path, { nth, seen: 0, arrive, gate });
      return {
        reached,
        release: () => {
          holds.delete(path);
          release();
        },
      };
    },
    async close() {
      releases.forEach((release) => release());
      await site.close();
    },
  };
}

function send(response: ServerResponse, html: string): void {
  // The client may have gone (a killed worker, a killed browser) while the request was held.
  if (response.destroyed) return;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}
