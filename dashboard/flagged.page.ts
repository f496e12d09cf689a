import type { AdRecord } from '../store/index.js';

/** Escapes text for HTML: scraped content is only ever shown as text. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The list of flagged ads, highest risk first. Server-rendered, no script. */
export function renderFlaggedPage(
  ads: AdRecord[],
  counts: { ads: number; flagged: number; captures: number },
): string {
  const rows = ads
    .map((ad) => {
      const band = escapeHtml(ad.classification?.band ?? '');
      const tags = (ad.classification?.indicators ?? [])
        .map((i) => `<span>${escapeHtml(i.label)}</span>`)
        .join('');
      return `<tr>
<td class="score band-${band}">${ad.score ?? ''}</td>
<td><strong>${escapeHtml(ad.title)}</strong><div class="muted">${escapeHtml(ad.sourceId)} · ${escapeHtml(ad.url)}</div></td>
<td class="tags">${tags}</td>
<td>${escapeHtml(ad.firstSeenAt.toISOString().slice(0, 16).replace('T', ' '))}</td>
</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>adwatch — flagged ads</title>
<link rel="stylesheet" href="/assets/dashboard.css"></head>
<body><header><h1>adwatch</h1><span>${counts.flagged} flagged of ${counts.ads} ads · ${counts.captures} captures</span></header>
<main><table><thead><tr><th>Score</th><th>Ad</th><th>Indicators</th><th>First seen (UTC)</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4" class="muted">No flagged ads yet.</td></tr>'}</tbody></table></main></body></html>`;
}
