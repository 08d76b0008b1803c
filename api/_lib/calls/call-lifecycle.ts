/**
 * The 1:1 call lifecycle (seed 004), as a pure function over the call's state.
 *
 *   initiated ──ring──► ringing ──accept──► accepted ──both joined──► connected
 *       │                  │                   │                          │
 *       │                  ├─decline──► declined                          │
 *       ├──────────────────┼─cancel (or the caller leaves)──► canceled    │
 *       │                  └─ring-timeout─► missed                        │
 *       └──────────────────────────────── fail ─────► failed ◄────────────┤
 *                  accepted/connected ──end (a party hangs up or leaves)──► ended
 *
 * Terminal states never change again, so a late or repeated event (a participant_joined after
 * `ended`, an accept after `missed`) is refused here and by the database's conditional UPDATE.
 * LiveKit may deliver a participant_left after the same party's re-join (livekit/livekit#2399):
 * a `left` older than that party's latest `joined` is stale and refused.
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
  | { type: 'joined'; party: Party; at: number }
  | { type: 'left'; party: Party; at: number }
  | { type: 'room-closed' }
  | { type: 'end'; reason: string }
  | { type: 'fail'; reason: string };

export type CallEventType = CallEvent['type'];

/** What the lifecycle needs to know of a call; join times are ms since the epoch. */
export interface CallSnapshot {
  status: CallState;
  callerJoinedAt: number | null;
  calleeJoinedAt: number | null;
}

export type Transition =
  | {
      ok: true;
      status: CallState;
      callerJoinedAt: number | null;
      calleeJoinedAt: number | null;
      reason?: string;
    }
  | { ok: false; status: CallState };

type SimpleEvent = Exclude<CallEventType, 'joined' | 'left' | 'room-closed'>;

const RULES: Record<SimpleEvent, { from: readonly CallState[]; to: CallState }> = {
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
  const to = (status: CallState, reason?: string): Transition => ({
    ok: true,
    status,
    callerJoinedAt: call.callerJoinedAt,
    calleeJoinedAt: call.calleeJoinedAt,
    ...(reason ? { reason } : {}),
  });

  switch (event.type) {
    case 'joined': {
      if (call.status === 'initiated' || !isLive(call.status)) return refused;
      const joined = {
        callerJoinedAt:
          event.party === 'caller' ? latest(call.callerJoinedAt, event.at) : call.callerJoinedAt,
        calleeJoinedAt:
          event.party === 'callee' ? latest(call.calleeJoinedAt, event.at) : call.calleeJoinedAt,
      };
      const bothIn = joined.callerJoinedAt !== null && joined.calleeJoinedAt !== null;
      const status = call.status === 'accepted' && bothIn ? 'connected' : call.status;
      return { ok: true, status, ...joined };
    }
    case 'left': {
      const joinedAt = event.party === 'caller' ? call.callerJoinedAt : call.calleeJoinedAt;
      if (joinedAt !== null && event.at < joinedAt) return refused;
      if (call.status === 'initiated' || call.status === 'ringing') {
        return event.party === 'caller' ? to('canceled', 'caller left') : refused;
      }
      return call.status === 'accepted' || call.status === 'connected'
        ? to('ended', `${event.party} left`)
        : refused;
    }
    case 'room-closed':
      if (call.status === 'initiated' || call.status === 'ringing')
        return to('canceled', 'room closed');
      return call.status === 'accepted' || call.status === 'connected'
        ? to('ended', 'room closed')
        : refused;
    default: {
      const rule = RULES[event.type];
      if (!rule.from.includes(call.status)) return refused;
      return to(rule.to, 'reason' in event ? event.reason : undefined);
    }
  }
}

export const isLive = (status: CallState): status is LiveState =>
  (LIVE_STATES as readonly CallState[]).includes(status);

const latest = (current: number | null, at: number) =>
  current === null ? at : Math.max(current, at);
