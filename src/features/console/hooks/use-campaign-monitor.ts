// The live monitor, read every 1.5 s while someone is looking: a conditional GET (If-None-Match),
// so an unchanged campaign costs a 304 and keeps the view as it is. Polling stops while the tab is
// hidden (it reads again at once when shown) and for good once the campaign is finished
// (campaign-monitor-state.ts has the states).
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { getMonitor } from '../api/console-api';
import { monitorReducer } from '../campaign-monitor-state';

const MONITOR_POLL_MS = 1500;

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
