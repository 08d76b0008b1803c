/**
 * The 1:1 call lifecycle (seed 004), as a pure function over the call's state.
 *
 *   initiated ──ring──► ringing ──accept──► accepted ──both joined──► connected
 *       │                  │                   │                          │
 *       │                  ├─decline──► declined                          │
 *       ├──────────────────┼─cancel───► canceled                          │
 *       │                  └─ring-timeout─► missed                        │
 *       └──────────────────────────────── fail ─────► failed ◄────────────┤
 *                                          accepted/connected ──end──► ended
 *
 * Terminal states never change again, so a late or repeated event (a participant_joined after
 * `ended`, an accept after `missed`) is refused here and by the database's conditional UPDATE.
 * Who may do what (only the callee accepts) is the use case's business, not the lifecycle's.
 */
export const LIVE_STATES = ['initiated', 'ringing', 'accepted', 'connected'] as const;
export const TERMINAL_STATES = ['ended', 'declined', 'missed', 'canceled', 'failed'] as const;
export type LiveState = (typeof LIVE_STATES)[number];
export type TerminalState = (typeof TERMINAL_STATES)[number];
export type CallState = LiveState | TerminalState;

export type Party = 'caller' | 'callee';

export type CallEvent =
  | { type: 'ring' }
  | { type: 'accept' }
  | { type: 'decline' }
  | { type: 'cancel' }
  | { type: 'ring-timeout' }
  | { type: 'joined'; party: Party }
  | { type: 'end'; reason: string }
  | { type: 'fail'; reason: string };

export type CallEventType = CallEvent['type'];

/** What the lifecycle needs to know of a call. */
export interface CallSnapshot {
  status: CallState;
  callerJoined: boolean;
  calleeJoined: boolean;
}

export type Transition =
  | { ok: true; status: CallState; callerJoined: boolean; calleeJoined: boolean; reason?: string }
  | { ok: false; status: CallState };

const FROM: Record<
  Exclude<CallEventType, 'joined'>,
  { from: readonly CallState[]; to: CallState }
> = {
  ring: { from: ['initiated'], to: 'ringing' },
  accept: { from: ['ringing'], to: 'accepted' },
  decline: { from: ['initiated', 'ringing'], to: 'declined' },
  cancel: { from: ['initiated', 'ringing'], to: 'canceled' },
  'ring-timeout': { from: ['initiated', 'ringing'], to: 'missed' },
  end: { from: ['accepted', 'connected'], to: 'ended' },
  fail: { from: LIVE_STATES, to: 'failed' },
};

export function transition(call: CallSnapshot, event: CallEvent): Transition {
  const refused = { ok: false, status: call.status } as const;
  if (event.type === 'joined') {
    // The caller joins while it rings; connected is when both are in after the callee accepted.
    if (!(['ringing', 'accepted'] as CallState[]).includes(call.status)) return refused;
    const callerJoined = call.callerJoined || event.party === 'caller';
    const calleeJoined = call.calleeJoined || event.party === 'callee';
    const connected = call.status === 'accepted' && callerJoined && calleeJoined;
    return { ok: true, status: connected ? 'connected' : call.status, callerJoined, calleeJoined };
  }
  const rule = FROM[event.type];
  if (!rule.from.includes(call.status)) return refused;
  return {
    ok: true,
    status: rule.to,
    callerJoined: call.callerJoined,
    calleeJoined: call.calleeJoined,
    ...('reason' in event ? { reason: event.reason } : {}),
  };
}

export const isLive = (status: CallState): status is LiveState =>
  (LIVE_STATES as readonly CallState[]).includes(status);
