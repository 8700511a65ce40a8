/*
 * Loads now, then again every interval while `keepPolling` says so (a running job or verification);
 * stops on unmount. The returned function loads at once and resumes polling, after an action.
 */
import { useCallback, useEffect, useRef } from 'react';

export const usePolling = <T>(load: () => Promise<T | undefined>, keepPolling: (value: T | undefined) => boolean, intervalMs: number): (() => Promise<void>) => {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const unmounted = useRef(false);
  const poll = useCallback(async () => {
    clearTimeout(timer.current);
    const next = await load();
    if (!unmounted.current && keepPolling(next)) timer.current = setTimeout(() => void poll(), intervalMs);
  }, [load, keepPolling, intervalMs]);
  useEffect(() => {
    unmounted.current = false;
    void poll();
    return () => {
      unmounted.current = true;
      clearTimeout(timer.current);
    };
  }, [poll]);
  return poll;
};
