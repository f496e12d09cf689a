import { useEffect, useRef, useState } from 'react';
import type { AdSummary } from '../api/types.js';

/**
 * Listens to the server's `flagged` events (GET /api/events) while mounted. EventSource reconnects
 * by itself; `live` says whether the stream is currently open, for the indicator in the toolbar.
 */
export function useLiveAds(onFlagged: (ad: AdSummary) => void): boolean {
  const [live, setLive] = useState(false);
  const handler = useRef(onFlagged);
  handler.current = onFlagged;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/events', { withCredentials: true });
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(source.readyState === EventSource.OPEN);
    source.addEventListener('flagged', (event) => {
      try {
        const ad = JSON.parse((event as MessageEvent<string>).data) as AdSummary;
        if (ad && typeof ad.id === 'string') handler.current(ad);
      } catch {
        // A malformed event is ignored; the next reload shows the truth.
      }
    });
    return () => source.close();
  }, []);
  return live;
}
