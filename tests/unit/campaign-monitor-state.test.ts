import { describe, expect, test } from 'vitest';
import type { CampaignMonitor, CampaignState } from '../../api/_lib/console-contract';
import {
  monitorReducer,
  type MonitorEvent,
  type MonitorState,
} from '../../src/features/console/campaign-monitor-state';

const AT = '2026-12-03T07:00:00.000Z';
const monitorOf = (status: CampaignState) => ({ campaign: { status }, at: AT }) as CampaignMonitor;
const trouble = new Error('network');
const loading: MonitorState = { status: 'loading' };
const live: MonitorState = {
  status: 'live',
  monitor: monitorOf('running'),
  offsetMs: 0,
  trouble: null,
};
const troubled: MonitorState = { ...live, trouble };
const finished: MonitorState = { status: 'finished', monitor: monitorOf('completed'), offsetMs: 0 };
const failed: MonitorState = { status: 'failed', error: trouble };
const read = (status: CampaignState): MonitorEvent => ({
  type: 'read',
  monitor: monitorOf(status),
  receivedAt: Date.parse(AT) - 2000,
});

describe('what the live monitor shows after each read', () => {
  test.each<[string, MonitorState, MonitorEvent, MonitorState['status'], unknown]>([
    ['first read of a running campaign', loading, read('running'), 'live', null],
    ['first read of a draft (nothing live yet)', loading, read('draft'), 'live', null],
    ['first read of a finished campaign', loading, read('canceled'), 'finished', undefined],
    ['the campaign completes while watched', live, read('completed'), 'finished', undefined],
    ['a 304 keeps the view', live, { type: 'unchanged' }, 'live', null],
    ['a 304 after a failed read clears the trouble', troubled, { type: 'unchanged' }, 'live', null],
    [
      'a failed read keeps the last view, with the trouble',
      live,
      { type: 'failed', error: trouble },
      'live',
      trouble,
    ],
    ['a new read clears the trouble', troubled, read('running'), 'live', null],
    ['the first read fails', loading, { type: 'failed', error: trouble }, 'failed', undefined],
    [
      'a late failure after the end changes nothing',
      finished,
      { type: 'failed', error: trouble },
      'finished',
      undefined,
    ],
    ['try again', failed, { type: 'retry' }, 'loading', undefined],
  ])('%s', (_, state, event, status, expectedTrouble) => {
    const next = monitorReducer(state, event);
    expect(next.status).toBe(status);
    expect(next.status === 'live' ? next.trouble : undefined).toBe(expectedTrouble);
  });

  test("durations tick against the server's clock", () => {
    const next = monitorReducer(loading, read('running'));
    expect(next.status === 'live' && next.offsetMs).toBe(2000);
  });
});
