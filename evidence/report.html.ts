import { classifiedText, type AdRecord, type StoredIndicator } from '../store/index.js';
import type {
  CaseRecord,
  PacketExporter,
  PacketInstance,
  ReviewHistoryEntry,
} from './packet.types.js';

/** Everything the report shows about one ad. */
export interface ReportAd {
  ad: AdRecord;
  history: ReviewHistoryEntry[];
  /** Path of the screenshot relative to the report's HTML file, when there is one. */
  screenshotHref?: string;
  captureCount: number;
}

export interface ReportCover {
  caseRecord?: CaseRecord;
  adCount: number;
  exporter: PacketExporter;
  instance: PacketInstance;
  createdAt: Date;
  keyFingerprint: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Noto Sans Armenian', sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
section { break-before: page; }
section.cover { break-before: auto; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 0 0 2mm; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; vertical-align: top; padding: 0.6mm 1.5mm; border-bottom: 0.2mm solid #ccc; }
th { width: 38mm; color: #444; font-weight: normal; }
.meta { color: #444; font-size: 8.5pt; word-break: break-all; }
.shot { max-width: 100%; max-height: 85mm; object-fit: contain; object-position: left top; border: 0.2mm solid #999; }
.text { white-space: pre-wrap; border-left: 1mm solid #ddd; padding-left: 2mm; }
mark { background: #ffe066; }
sup { color: #a00; font-size: 6.5pt; }
.score { font-size: 14pt; font-weight: bold; }
`;

/** The start of the report's HTML document up to and including the cover page. */
export function reportHead(cover: ReportCover): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>adwatch evidence report</title><style>${style}</style></head><body>${coverHtml(cover)}`;
}

/** The end of the report's HTML document, after the ad pages. */
export const reportTail = '</body></html>';

function coverHtml(cover: ReportCover): string {
  const c = cover.caseRecord;
  const rows: Array<[string, string]> = [
    ['Selection', c ? `Case ${c._id}: ${c.name}` : `${cover.adCount} selected ad(s)`],
    ...(c?.description ? ([['Case description', c.description]] as Array<[string, string]>) : []),
    ['Ads', String(cover.adCount)],
    ['Exported by', `${cover.exporter.username} (${cover.exporter.role})`],
    ['Exported at (UTC)', cover.createdAt.toISOString()],
    ['adwatch instance', `${cover.instance.instanceId} on ${cover.instance.hostname}`],
    ['adwatch version', cover.instance.adwatchVersion],
    ['Signing key (SHA-256 of SPKI)', cover.keyFingerprint],
  ];
  return `<section class="cover"><h1>adwatch evidence report</h1>${table(rows)}
<p class="meta">This report summarises the packet. The authoritative records are the files listed in
manifest.json (captures in web-archive/capture.wacz, ad data under ads/). VERIFY.txt explains how to
check that no file has changed since export.</p></section>`;
}

/** One ad's page. */
export function adPageHtml(item: ReportAd): string {
  const { ad } = item;
  const c = ad.classification;
  const rows: Array<[string, string]> = [
    ['Ad id', ad._id],
    ['URL', ad.url],
    ['Source', ad.sourceId],
    ['First seen (UTC)', ad.firstSeenAt.toISOString()],
    ['Last seen (UTC)', ad.lastSeenAt.toISOString()],
    ['Captures', String(item.captureCount)],
    ['Review status', ad.review.status],
  ];
  const score = c
    ? `<p><span class="score">${c.score}</span> / 100 · ${escapeHtml(c.band)}${c.flagged ? ' · flagged' : ''} · language ${escapeHtml(c.lang)}</p>`
    : '<p>Not classified.</p>';
  const shot = item.screenshotHref
    ? `<img class="shot" src="${escapeHtml(item.screenshotHref)}" alt="screenshot">`
    : '<p class="meta">No screenshot (fetched without a browser).</p>';
  return `<section><h2>${escapeHtml(ad.title)}</h2>${table(rows)}${score}${shot}
<h3>Text (evidence highlighted)</h3><div class="text">${highlightedText(ad)}</div>
${indicatorsHtml(c?.indicators ?? [])}${factsHtml(c?.facts)}${decisionsHtml(item.history)}</section>`;
}

/** The classified text with every evidence span marked and numbered by its indicator. */
export function highlightedText(ad: AdRecord): string {
  const text = `${ad.title}\n${classifiedText(ad)}`;
  const indicators = ad.classification?.indicators ?? [];
  const spans = indicators
    .flatMap((indicator, i) => indicator.evidence.map((e) => ({ ...e, n: i + 1 })))
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let html = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlapping spans: the first one found is marked
    html += escapeHtml(text.slice(at, span.start));
    html += `<mark>${escapeHtml(text.slice(span.start, span.end))}</mark><sup>${span.n}</sup>`;
    at = span.end;
  }
  return html + escapeHtml(text.slice(at));
}

function indicatorsHtml(indicators: StoredIndicator[]): string {
  if (indicators.length === 0) return '<h3>Indicators</h3><p>None.</p>';
  const rows = indicators.map(
    (ind, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(ind.label)}<div class="meta">${escapeHtml(ind.id)} · ${escapeHtml(ind.dimension)} · weight ${ind.weight}</div></td><td>${ind.evidence.map((e) => `“${escapeHtml(e.text)}”`).join(', ')}</td></tr>`,
  );
  return `<h3>Indicators</h3><table>${rows.join('')}</table>`;
}

function factsHtml(facts: Record<string, unknown> | undefined): string {
  const entries = Object.entries(facts ?? {}).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return '';
  const rows = entries.map(
    ([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string],
  );
  return `<h3>Facts</h3>${table(rows)}`;
}

function decisionsHtml(history: ReviewHistoryEntry[]): string {
  if (history.length === 0) return '<h3>Decisions</h3><p>No review recorded.</p>';
  const rows = history.map((h) => {
    const change = h.from || h.to ? ` ${h.from ?? ''} → ${h.to ?? ''}` : '';
    const detail = [h.reason, h.note, h.assignee && `assigned to ${h.assignee}`]
      .filter(Boolean)
      .join(' · ');
    return `<tr><td>${escapeHtml(h.at.toISOString())}</td><td>${escapeHtml(h.user)}</td><td>${escapeHtml(h.action + change)}${detail ? `<div class="meta">${escapeHtml(detail)}</div>` : ''}</td></tr>`;
  });
  return `<h3>Decisions</h3><table>${rows.join('')}</table>`;
}

function table(rows: Array<[string, string]>): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}
