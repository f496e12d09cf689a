import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../components/error-text.js';
import { useI18n } from '../i18n/index.js';

/** Loads one resource for a screen, with its error text and a reload function. */
export function useLoad<T>(
  loader: () => Promise<T>,
  deps: unknown[],
): {
  data: T | null;
  error: string | null;
  reload: () => Promise<void>;
} {
  const { t } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The caller lists what the loader depends on, as with useEffect.
  const reload = useCallback(async () => {
    setError(null);
    try {
      setData(await loader());
    } catch (failure) {
      setError(describeError(failure, t));
    }
  }, [t, ...deps]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}
