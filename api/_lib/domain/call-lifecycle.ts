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
 * `CALL_LIFECYCLE` is the descriptor the lifecycle engine applies (./lifecycle.ts).
 */
import type { Change, Decision as GenericDecision, Lifecycle } from './lifecycle.js';

export const LIVE_STATES = ['initiated', 'ringing', 'accepted', 'connected'] as const;
export const TERMINAL_STATES = ['ended', 'declined', 'missed', 'canceled', 'failed'] as const;
/** Accepted and not over: the parties are in the room, or on their way. */
export const IN_CALL_STATES = ['accepted', 'connected'] as const;
/** Not yet accepted: decline, cancel and the ring time-out apply. */
export const RINGING_STATES = ['initiated', 'ringing'] as const;
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
export type RoomFacts = {
  /** Who the event's participant is; 'none' for anyone else (an agent, a hidden listener). */
  party: Party | 'none';
  /** The other party is in the room. */
  otherJoined: boolean;
  /** The participant has joined again since this event happened (a late leave). */
  stale: boolean;
};

export const NO_FACTS: RoomFacts = { party: 'none', otherJoined: false, stale: false };

export type Decision = GenericDecision<CallState>;

type SimpleEvent = Exclude<CallEventType, 'joined' | 'left' | 'room-closed'>;

const RULES: Record<SimpleEvent, { from: readonly CallState[]; to: CallState }> = {
  ring: { from: ['initiated'], to: 'ringing' },
  accept: { from: ['ringing'], to: 'accepted' },
  decline: { from: RINGING_STATES, to: 'declined' },
  cancel: { from: RINGING_STATES, to: 'canceled' },
  'ring-timeout': { from: RINGING_STATES, to: 'missed' },
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

/**
 * What a recorded change sets off: a call that is over closes its room, so the other party's open
 * screen learns it at once; a caller's cancel tells the callee, as a missed call from the caller
 * (a cancel is a missed call to the person rung).
 */
export type CallEffect = 'close-room' | 'tell-callee-canceled';

function callEffects({ from, to, event }: Change<CallState, CallEvent>): CallEffect[] {
  const effects: CallEffect[] = [];
  if (isLive(from) && !isLive(to)) effects.push('close-room');
  if (event.type === 'cancel') effects.push('tell-callee-canceled');
  return effects;
}

/** The 1:1 call lifecycle, for the engine: its states, its room facts and their values. */
export const CALL_LIFECYCLE: Lifecycle<CallState, CallEvent, RoomFacts, CallEffect> = {
  name: 'call',
  live: LIVE_STATES,
  terminal: TERMINAL_STATES,
  facts: { party: ['caller', 'callee', 'none'], otherJoined: [false, true], stale: [false, true] },
  transition,
  effects: callEffects,
};

export const isLive = (status: CallState): status is LiveState =>
  (LIVE_STATES as readonly CallState[]).includes(status);
