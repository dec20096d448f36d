// A process page (ticket, proposal) kept live: loaded, asked again every few seconds while the tab
// is visible (an unchanged answer is a 304), and saying when it changed under the user.
import { useEffect, useState } from 'preact/hooks';
import { describeError, poll } from './api';

/** How often an open process page, and a list, ask whether anything changed. */
const LIVE_VIEW_MS = 5_000;
const LIVE_LIST_MS = 15_000;

/** A list (a queue, a register, an overview) loaded and asked again while the tab is visible. */
export function useLiveList<T>(load: () => Promise<{ data?: T; error?: unknown }>, deps: unknown[]): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void load().then((answer) => {
        if (!live) return;
        setData(answer.data ?? null);
        setError(answer.data ? null : describeError(answer.error));
      });
    refresh();
    const stop = poll(refresh, LIVE_LIST_MS);
    return () => {
      live = false;
      stop();
    };
  }, deps);
  return { data, error };
}

export interface LiveView<V> {
  view: V | null;
  error: string | null;
  /** It changed (another user's command, a timer) since this page last showed it. */
  changed: boolean;
  /** Loads it again now; answers the version it shows. */
  reload: () => Promise<number | undefined>;
  /** The answer of the user's own command: the page shows it, and it is no change "under" them. */
  show: (view: V) => void;
}

export function useLiveView<V extends { version: number }>(key: string, fetchView: () => Promise<{ data?: V; error?: unknown }>): LiveView<V> {
  const [view, setView] = useState<V | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const reload = async (): Promise<number | undefined> => {
    const { data, error } = await fetchView();
    setView((before) => {
      setChanged(!!before && !!data && before.version !== data.version);
      return data ?? null;
    });
    setError(data ? null : describeError(error));
    return data?.version;
  };
  useEffect(() => {
    setView(null);
    setChanged(false);
    void reload();
    return poll(() => void reload(), LIVE_VIEW_MS);
  }, [key]);
  return { view, error, changed, reload, show: (next: V) => (setChanged(false), setView(next)) };
}
