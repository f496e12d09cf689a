import type { CheerioAPI } from 'cheerio';
import { fragmentText } from './html-text.js';
import type { ExtractedAd } from '../core/index.js';

/** Reads the first schema.org JobPosting in a page's JSON-LD; fields it lacks are left out. */
export function readJobPosting($: CheerioAPI, url: string): Partial<ExtractedAd> {
  for (const element of $('script[type="application/ld+json"]').toArray()) {
    let data: unknown;
    try {
      data = JSON.parse($(element).text());
    } catch {
      continue; // broken JSON-LD is common; the selectors still apply
    }
    const posting = findPosting(data);
    if (posting) return fromPosting(posting, url);
  }
  return {};
}

type Json = Record<string, unknown>;

function findPosting(data: unknown): Json | undefined {
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findPosting(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  const node = data as Json;
  const type = node['@type'];
  if (type === 'JobPosting' || (Array.isArray(type) && type.includes('JobPosting'))) return node;
  return findPosting(node['@graph']);
}

function fromPosting(posting: Json, url: string): Partial<ExtractedAd> {
  const ad: Partial<ExtractedAd> = {};
  const title = text(posting.title);
  if (title) ad.title = title;
  const description = text(posting.description);
  if (description) ad.body = fragmentText(description, url);
  const date = text(posting.datePosted);
  if (date && !Number.isNaN(new Date(date).getTime())) ad.postedAt = new Date(date);
  const employer = text((posting.hiringOrganization as Json | undefined)?.name);
  if (employer) ad.employer = employer;
  const location = locationOf(posting.jobLocation);
  if (location) ad.location = location;
  const salary = salaryOf(posting.baseSalary);
  if (salary) ad.salaryText = salary;
  return ad;
}

function locationOf(value: unknown): string | undefined {
  const place = (Array.isArray(value) ? value[0] : value) as Json | undefined;
  const address = place?.address;
  if (typeof address === 'string') return address.trim() || undefined;
  const parts = ['streetAddress', 'addressLocality', 'addressRegion', 'addressCountry']
    .map((key) => {
      const part = (address as Json | undefined)?.[key];
      return typeof part === 'object' ? text((part as Json).name) : text(part);
    })
    .filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

function salaryOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const salary = value as Json | undefined;
  const amount = salary?.value as Json | number | string | undefined;
  if (amount === undefined) return undefined;
  const currency = text(salary?.currency) ?? '';
  if (typeof amount !== 'object') return `${amount} ${currency}`.trim();
  const range = [text(amount.minValue), text(amount.maxValue)].filter(Boolean).join('–');
  const figure = text(amount.value) ?? range;
  const unit = text(amount.unitText);
  return [figure, currency, unit ? `per ${unit.toLowerCase()}` : ''].filter(Boolean).join(' ');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
