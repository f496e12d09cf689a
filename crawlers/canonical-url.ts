const trackingParameter = /^(utm_[a-z]+|fbclid|gclid|yclid|_openstat|ref)$/i;

/**
 * The canonical form of an ad URL, so the same ad reached by different links is stored once:
 * no fragment, no tracking parameters, sorted query, lower-case host, no default port.
 */
export function canonicalUrl(url: string, base?: string): string {
  const parsed = new URL(url, base);
  parsed.hash = '';
  const kept = [...parsed.searchParams.entries()]
    .filter(([name]) => !trackingParameter.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = '';
  for (const [name, value] of kept) parsed.searchParams.append(name, value);
  return parsed.toString();
}
