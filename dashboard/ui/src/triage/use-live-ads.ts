import { useEffect, useRef, useState } from 'react';
import type { AdSummary } from '../api/types.js';

/**
 * Listens to the server's `flagged` events (GET /api/events) while mounted. EventSource reconnects
 * by itself (and `onReconnect` then refreshes what may have been missed); `live` says whether the stream is currently open, for the indicator in the toolbar.
 */
export function useLiveAds(onFlagged: (ad: AdSummary) => void, onReconnect: () => void): boolean {
  const [live, setLive] = useState(false);
  const handler = useRef(onFlagged);
  handler.current = onFlagged;
  const reconnected = useRef(onReconnect);
  reconnected.current = onReconnect;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/events', { withCredentials: true });
    let opened = false;
    source.onopen = () => {
      setLive(true);
      // Events sent while the stream was down are lost; a reconnect reloads the queue instead.
      if (opened) reconnected.current();
      opened = true;
    };
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
