// What the live monitor shows, as named states, and how each read changes it (pure, tested as a
// table in tests/unit/campaign-monitor-state.test.ts):
//
//   loading ──read──► live ⇄ (304: unchanged) ──campaign completed/canceled──► finished
//      │               └──read fails──► live with `trouble` (the last view stays; it keeps trying)
//      └──read fails──► failed ──retry──► loading
import type { CampaignMonitor, CampaignState } from '../../../api/_lib/console-contract';

const FINISHED: readonly CampaignState[] = ['completed', 'canceled'];

export type MonitorState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  /** `offsetMs`: the server's clock minus this one's, so durations tick against the server. */
  | { status: 'live'; monitor: CampaignMonitor; offsetMs: number; trouble: unknown }
  | { status: 'finished'; monitor: CampaignMonitor; offsetMs: number };

export type MonitorEvent =
  | { type: 'read'; monitor: CampaignMonitor; receivedAt: number }
  | { type: 'unchanged' }
  | { type: 'failed'; error: unknown }
  | { type: 'retry' };

export function monitorReducer(state: MonitorState, event: MonitorEvent): MonitorState {
  switch (event.type) {
    case 'read': {
      const offsetMs = Date.parse(event.monitor.at) - event.receivedAt;
      return FINISHED.includes(event.monitor.campaign.status)
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
