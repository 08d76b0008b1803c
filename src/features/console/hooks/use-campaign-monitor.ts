// The live monitor, read every 1.5 s while someone is looking: a conditional GET (If-None-Match),
// so an unchanged campaign costs a 304 and keeps the view as it is. Polling stops while the tab is
// hidden (it reads again at once when shown) and for good once the campaign is finished.
//
//   loading ──read──► live ⇄ (304: unchanged) ──campaign completed/canceled──► finished
//      │               └──read fails──► live with `trouble` (the last view stays; it keeps trying)
//      └──read fails──► failed ──retry──► loading
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { CampaignMonitor } from '../../../../api/_lib/console-contract';
import { getMonitor } from '../api/console-api';
import { isFinished } from '../console-words';

const MONITOR_POLL_MS = 1500;

export type MonitorState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  /** `offsetMs`: the server's clock minus this one's, so durations tick against the server. */
  | { status: 'live'; monitor: CampaignMonitor; offsetMs: number; trouble: unknown }
  | { status: 'finished'; monitor: CampaignMonitor; offsetMs: number };

type MonitorEvent =
  | { type: 'read'; monitor: CampaignMonitor; receivedAt: number }
  | { type: 'unchanged' }
  | { type: 'failed'; error: unknown }
  | { type: 'retry' };

function monitorReducer(state: MonitorState, event: MonitorEvent): MonitorState {
  switch (event.type) {
    case 'read': {
      const offsetMs = Date.parse(event.monitor.at) - event.receivedAt;
      return isFinished(event.monitor.campaign.status)
        ? { status: 'finished', monitor: event.monitor, offsetMs }
        : { status: 'live', monitor: event.monitor, offsetMs, trouble: null };
    }
    case 'unchanged':
      return state.status === 'live' ? { ...state, trouble: null } : state;
    case 'failed':
      return state.status === 'live'
        ? { ...state, trouble: event.error }
        : state.status === 'loading'
          ? { status: 'failed', error: event.error }
          : state;
    case 'retry':
      return { status: 'loading' };
  }
}

export function useCampaignMonitor(campaignId: string) {
  const [state, dispatch] = useReducer(monitorReducer, { status: 'loading' });
  const etag = useRef<string | null>(null);
  const polling = state.status === 'loading' || state.status === 'live';

  useEffect(() => {
    if (!polling) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reading = false;
    const read = async () => {
      timer = undefined;
      if (document.hidden) return; // visibilitychange reads again when the tab is shown
      reading = true;
      try {
        const answer = await getMonitor(campaignId, etag.current, controller.signal);
        if (answer === 'unchanged') dispatch({ type: 'unchanged' });
        else {
          etag.current = answer.etag;
          dispatch({ type: 'read', monitor: answer.monitor, receivedAt: Date.now() });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        dispatch({ type: 'failed', error });
      } finally {
        reading = false;
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void read(), MONITOR_POLL_MS);
    };
    const onVisibility = () => {
      if (!document.hidden && !reading && timer === undefined) void read();
    };
    void read();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [campaignId, polling]);

  const retry = useCallback(() => {
    etag.current = null;
    dispatch({ type: 'retry' });
  }, []);
  return { state, retry };
}
