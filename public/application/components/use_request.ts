/* Loads data through the API client, with loading and error states and a retry. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, toApiError } from '../services/api';

export interface RequestState<T> {
  data?: T;
  error?: ApiError;
  isLoading: boolean;
  reload: () => void;
}

export const useRequest = <T,>(load: () => Promise<T>, deps: unknown[] = []): RequestState<T> => {
  const [state, setState] = useState<{ data?: T; error?: ApiError; isLoading: boolean }>({ isLoading: true });
  const [attempt, setAttempt] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let active = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    stableLoad().then(
      (data) => active && setState({ data, isLoading: false }),
      (error: unknown) => active && setState({ error: toApiError(error), isLoading: false })
    );
    return () => {
      active = false;
    };
  }, [stableLoad, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
};
