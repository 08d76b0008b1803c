/**
 * The 1:1 call lifecycle (docs/lifecycles.md#11-call), as a pure function of the call's state,
 * the event, and a few facts about the room.
 *
 *   initiated ──ring──► ringing ──accept──► accepted ──both joined──► connected
 *       │                  │                   │                          │
 *       │                  ├─decline──► declined                          │
 *       ├──────────────────┼─cancel (or the caller leaves)──► canceled    │
 *       │                  └─ring-timeout─► missed                        │
 *       └─────────── fail (or a party's connection is lost) ──► failed ◄──┤
 *                  accepted/connected ──end (a party hangs up or leaves)──► ended
 *
 * Terminal states never change again, so a late or repeated event (a participant_joined after
 * `ended`, an accept after `missed`) is refused here and by the database's conditional UPDATE.
 * LiveKit may deliver a participant_left after the same party's re-join (livekit/livekit#2399):
 * such a leave is `stale` and refused. Who may do what (only the callee accepts) is the use
 * case's business, not the lifecycle's.
 *
 * The database applies a decision in the same statement that reads the call, so it cannot call
 * this function; `decisionTable` evaluates it for every state and fact ahead of time instead,
 * and the statement looks its answer up there.
 */
export const LIVE_STATES = ['initiated', 'ringing', 'accepted', 'connected'] as const;
export const TERMINAL_STATES = ['ended', 'declined', 'missed', 'canceled', 'failed'] as const;
export const CALL_STATES = [...LIVE_STATES, ...TERMINAL_STATES] as const;
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
  | { type: 'joined' }
  /** `connectionLost`: LiveKit gave up on the participant (no re-join within the departure time). */
  | { type: 'left'; connectionLost?: boolean }
  | { type: 'room-closed' }
  | { type: 'end'; reason: string }
  | { type: 'fail'; reason: string };

export type CallEventType = CallEvent['type'];

/** What a room event's decision depends on besides the state. */
export interface RoomFacts {
  /** Who the event's participant is; 'none' for anyone else (an agent, a hidden listener). */
  party: Party | 'none';
  /** The other party is in the room. */
  otherJoined: boolean;
  /** The participant has joined again since this event happened (a late leave). */
  stale: boolean;
}

export const NO_FACTS: RoomFacts = { party: 'none', otherJoined: false, stale: false };

export type Decision = { ok: true; status: CallState; reason?: string } | { ok: false };

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

export function transition(status: CallState, event: CallEvent, facts = NO_FACTS): Decision {
  const refused = { ok: false } as const;
  const to = (next: CallState, reason?: string): Decision => ({
    ok: true,
    status: next,
    ...(reason ? { reason } : {}),
  });
  const inProgress = status === 'accepted' || status === 'connected';
  const ringing = status === 'initiated' || status === 'ringing';

  switch (event.type) {
    case 'joined':
      // The caller waits in the room while it rings; connected is when both are in after accept.
      if (facts.party === 'none' || status === 'initiated' || !isLive(status)) return refused;
      return to(status === 'accepted' && facts.otherJoined ? 'connected' : status);
    case 'left':
      if (facts.party === 'none' || facts.stale) return refused;
      if (ringing) return facts.party === 'caller' ? to('canceled', 'caller left') : refused;
      if (!inProgress) return refused;
      return event.connectionLost
        ? to('failed', `${facts.party} lost the connection`)
        : to('ended', `${facts.party} left`);
    case 'room-closed':
      if (ringing) return to('canceled', 'room closed');
      return inProgress ? to('ended', 'room closed') : refused;
    default: {
      const rule = RULES[event.type];
      if (!rule.from.includes(status)) return refused;
      return to(rule.to, 'reason' in event ? event.reason : undefined);
    }
  }
}

export interface DecisionRow extends RoomFacts {
  from: CallState;
  /** null: refused. */
  to: CallState | null;
  reason: string | null;
}

/** The decision for one event in every state and every room fact, for the database to look up. */
export function decisionTable(event: CallEvent): DecisionRow[] {
  const parties = ['caller', 'callee', 'none'] as const;
  return CALL_STATES.flatMap((from) =>
    parties.flatMap((party) =>
      [false, true].flatMap((otherJoined) =>
        [false, true].map((stale) => {
          const decision = transition(from, event, { party, otherJoined, stale });
          return {
            from,
            party,
            otherJoined,
            stale,
            to: decision.ok ? decision.status : null,
            reason: decision.ok ? (decision.reason ?? null) : null,
          };
        }),
      ),
    ),
  );
}

export const isLive = (status: CallState): status is LiveState =>
  (LIVE_STATES as readonly CallState[]).includes(status);
