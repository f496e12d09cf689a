import { load, type CheerioAPI } from 'cheerio';
import { Parser } from 'htmlparser2';
import { ErrorCode, ExternalError } from '../core/index.js';

/**
 * How deep and how large a page may be to be parsed. Chromium's parser stops nesting at 512
 * levels too; real ad and listing pages stay far below both (tens of levels, a few thousand
 * elements). The HTML parser's cost grows with depth × elements and tree walks recurse, so a
 * hostile page is refused before it is parsed.
 */
export interface MarkupBudget {
  maxDepth: number;
  maxElements: number;
}

export const defaultMarkupBudget: MarkupBudget = { maxDepth: 512, maxElements: 100_000 };

/** Thrown inside the scan to stop it at the first element over budget. */
class OverBudget extends Error {}

/**
 * Checks a page against the budget with a streaming tokenizer that keeps no tree (it closes
 * implied tags as browsers do, so unclosed `<p>` and `<li>` do not count as nesting) and stops at
 * the first element over budget, so the check costs at most the budget. Throws
 * ADW_PAGE_TOO_COMPLEX, not retryable: the same bytes will be as deep next time.
 */
export function assertWithinBudget(
  markup: string,
  url: string,
  options: { xml?: boolean; budget?: MarkupBudget } = {},
): void {
  const budget = options.budget ?? defaultMarkupBudget;
  let depth = 0;
  let elements = 0;
  let exceeded: 'depth' | 'elements' | undefined;
  const parser = new Parser(
    {
      onopentag() {
        depth += 1;
        elements += 1;
        if (depth > budget.maxDepth) exceeded = 'depth';
        else if (elements > budget.maxElements) exceeded = 'elements';
        if (exceeded) throw new OverBudget();
      },
      onclosetag() {
        depth -= 1;
      },
    },
    { xmlMode: options.xml ?? false, decodeEntities: false },
  );
  try {
    parser.end(markup);
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
  }
  if (!exceeded) return;
  const what =
    exceeded === 'depth'
      ? `elements nested more than ${budget.maxDepth} deep`
      : `more than ${budget.maxElements} elements`;
  throw new ExternalError(
    ErrorCode.PageTooComplex,
    `${url}: the page has ${what}, beyond what adwatch parses; it is not read (its capture is kept). No real ad page is built like this; if this site's are, report it`,
    { retryable: false },
  );
}

/** cheerio's load, after the budget check: every page adwatch reads goes through here. */
export function loadWithinBudget(
  markup: string,
  url: string,
  options: { xml?: boolean } = {},
): CheerioAPI {
  assertWithinBudget(markup, url, options);
  return options.xml ? load(markup, { xml: true }) : load(markup);
}
