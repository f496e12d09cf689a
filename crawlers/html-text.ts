import { load, type CheerioAPI } from 'cheerio';

/**
 * Text of the first element matching selector, keeping paragraph breaks as lines (br, p, li, div,
 * headings, table rows), so evidence offsets read naturally; undefined when nothing is there.
 */
export function blockText($: CheerioAPI, selector: string): string | undefined {
  const root = $(selector).first();
  if (root.length === 0) return undefined;
  // One parsed "\n" text node, cloned for each place: a string would be parsed as an HTML
  // fragment once per element.
  const [newline] = $.parseHTML('\n') ?? [];
  if (!newline) return undefined;
  root.find('br').replaceWith(() => newline.cloneNode());
  root.find('p, li, div, h2, h3, h4, tr').append(newline);
  const text = root
    .text()
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return text || undefined;
}

/** Text of an HTML fragment (a feed item's description, a JSON-LD description), as blockText. */
export function fragmentText(html: string): string {
  return blockText(load(`<div id="root">${html}</div>`), '#root') ?? '';
}
