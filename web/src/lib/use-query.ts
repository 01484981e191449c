import { useCallback, useEffect, useRef, useState } from 'react';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer for this key; refreshes keep the data on screen. */
  loading: boolean;
  /** A refresh is in flight (polling or reload). */
  refreshing: boolean;
  reload(): void;
  /** Replaces the data with a fresher copy (e.g. the body a mutation answered). */
  mutate(data: T): void;
}

export interface QueryOptions<T> {
  /** Poll: milliseconds until the next load, or false to stop (e.g. the saga is over). */
  refreshMs?: number | ((data: T) => number | false);
}

/**
 * Loads `load()` for `key` (null: nothing to load), cancels it when the key changes or
 * the component goes away, and optionally polls. The data of another key is never shown.
 */
export function useQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: QueryOptions<T> = {},
): QueryState<T> {
  const loadRef = useRef(load);
  const optionsRef = useRef(options);
  loadRef.current = load;
  optionsRef.current = options;
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ key: string | null; data?: T; error?: unknown }>({
    key,
  });
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    if (key === null) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (): void => {
      setRefreshing(true);
      loadRef.current(controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          setState({ key, data });
          setRefreshing(false);
          const every = optionsRef.current.refreshMs;
          const next = typeof every === 'function' ? every(data) : every;
          if (typeof next === 'number') timer = setTimeout(run, next);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((prev) => ({ key, data: prev.key === key ? prev.data : undefined, error }));
          setRefreshing(false);
          const every = optionsRef.current.refreshMs;
          // Keep polling through a failure (a service restarting), more slowly.
          if (every !== undefined)
            timer = setTimeout(run, typeof every === 'number' ? every * 2 : 3000);
        },
      );
    };
    run();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const mutate = useCallback((data: T) => setState({ key, data }), [key]);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || (state.data === undefined && state.error === undefined)),
    refreshing,
    reload,
    mutate,
  };
}
