import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { ElementType } from 'htmlparser2';
import { loadWithinBudget } from './html-budget.js';

/** Elements after which a line ends in block text. */
const blockElements = new Set(['p', 'li', 'div', 'h2', 'h3', 'h4', 'tr']);
/** Marks, on the walk's stack, the end of a block element. */
const lineEnd = Symbol('line end');

/**
 * The text of nodes and their descendants in document order (comments left out), as cheerio's
 * `.text()` but walked with a stack of its own: a deeply nested page cannot exhaust the call
 * stack. Line breaks: `br` for br elements, `blocks` for those and the ends of paragraphs, list
 * items, divs, headings and table rows (below the nodes themselves).
 */
export function nodeText(nodes: ArrayLike<AnyNode>, lines?: 'br' | 'blocks'): string {
  const parts: string[] = [];
  const stack: Array<AnyNode | typeof lineEnd> = Array.from(nodes).reverse();
  const roots = new Set(stack);
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === lineEnd) {
      parts.push('\n');
      continue;
    }
    if (node.type === ElementType.Text) {
      parts.push(node.data);
      continue;
    }
    if (node.type === ElementType.Comment || !('children' in node)) continue;
    const name = 'name' in node ? node.name : '';
    if (lines && name === 'br') parts.push('\n');
    if (lines === 'blocks' && blockElements.has(name) && !roots.has(node)) stack.push(lineEnd);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child) stack.push(child);
    }
  }
  return parts.join('');
}

/** Text of the first element a selection holds, whitespace folded; undefined when empty. */
export function inlineText(selection: Cheerio<AnyNode>): string | undefined {
  const text = nodeText(selection.first()).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/**
 * Text of the first element matching selector, keeping paragraph breaks as lines (br, p, li, div,
 * headings, table rows), so evidence offsets read naturally; undefined when nothing is there.
 */
export function blockText($: CheerioAPI, selector: string): string | undefined {
  const root = $(selector).first();
  if (root.length === 0) return undefined;
  const text = nodeText(root, 'blocks')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return text || undefined;
}

/** Text of an HTML fragment (a feed item's description, a JSON-LD description), as blockText. */
export function fragmentText(html: string, url: string): string {
  return blockText(loadWithinBudget(`<div id="root">${html}</div>`, url), '#root') ?? '';
}
