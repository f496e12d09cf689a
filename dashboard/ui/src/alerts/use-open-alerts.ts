import { useEffect, useState } from 'react';
import { alertEndpoints, onAlertsChanged } from './alerts.api.js';

const pollMillis = 30_000;

/**
 * The number of open alerts for the navigation badge: asked for on mount, every 30 seconds, and
 * at once when a screen says alerts changed. Null until the first answer (or after a failure).
 */
export function useOpenAlerts(): number | null {
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      alertEndpoints.openCount().then(
        (result) => live && setOpen(result.open),
        () => live && setOpen(null),
      );
    };
    refresh();
    const timer = setInterval(refresh, pollMillis);
    const stop = onAlertsChanged(refresh);
    return () => {
      live = false;
      clearInterval(timer);
      stop();
    };
  }, []);
  return open;
}
