import { useEffect, useState } from 'react';

/** The screens, addressed by the URL hash so the server only ever serves index.html. */
export type Route =
  | { name: 'triage' }
  | { name: 'ad'; id: string }
  | { name: 'entity'; key: string }
  | { name: 'campaign'; id: string }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'audit' }
  | { name: 'users' }
  | { name: 'health' }
  | { name: 'alerts'; id: string | null }
  | { name: 'watchlist' }
  | { name: 'quality' }
  | { name: 'models' };

/** Parses `#/ad/abc` and friends; anything unknown is the triage queue. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [head, id] = parts;
  if (head === 'ad' && id) return { name: 'ad', id };
  if (head === 'entity' && id) return { name: 'entity', key: id };
  if (head === 'campaigns' && id) return { name: 'campaign', id };
  if (head === 'cases' && id) return { name: 'case', id };
  if (head === 'cases') return { name: 'cases' };
  if (head === 'alerts') return { name: 'alerts', id: id ?? null };
  if (head === 'watchlist') return { name: 'watchlist' };
  if (head === 'quality') return { name: 'quality' };
  if (head === 'models') return { name: 'models' };
  if (head === 'audit' || head === 'users' || head === 'health') return { name: head };
  return { name: 'triage' };
}

/** The href of a route. */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'ad':
      return `#/ad/${encodeURIComponent(route.id)}`;
    case 'entity':
      return `#/entity/${encodeURIComponent(route.key)}`;
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'alerts':
      return route.id ? `#/alerts/${encodeURIComponent(route.id)}` : '#/alerts';
    case 'campaign':
      return `#/campaigns/${encodeURIComponent(route.id)}`;
    case 'triage':
      return '#/';
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
