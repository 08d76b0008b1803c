/**
 * Every change to an agent call goes through here, whoever asks: the callee's "Not now", a LiveKit
 * webhook, the dial job, the ring time-out, the sweeper. The store applies the event in one
 * statement; then the effects the lifecycle names for the change run (docs/lifecycle-engine.md).
 */
import { applySessionEvent, type AgentCallSession } from '../db/agent-call-sessions.js';
import type { EventInput } from '../db/lifecycle-store.js';
import {
  AGENT_CALL_LIFECYCLE,
  type AgentCallEffect,
  type AgentCallEvent,
} from '../domain/agent-call-lifecycle.js';
import { runEffects } from '../domain/lifecycle.js';
import { closeRoomOfEndedCall } from '../livekit/rooms.js';
import { leadFollowsSession } from '../campaigns/lead-follows-session.js';

const EFFECTS: { [Effect in AgentCallEffect]: (session: AgentCallSession) => Promise<void> } = {
  'close-room': (session) => closeRoomOfEndedCall(session.room),
  'follow-lead': (session) => leadFollowsSession(session),
};

/** Applies an event and runs its effects; returns the session as it now is, or undefined. */
export async function applyToSession(
  input: EventInput<AgentCallEvent>,
): Promise<AgentCallSession | undefined> {
  const result = await applySessionEvent(input);
  if (result.outcome === 'not-found') return undefined;
  if (result.outcome === 'applied') {
    const change = { from: result.from, to: result.record.status, event: input.event };
    await runEffects(AGENT_CALL_LIFECYCLE, change, result.record, EFFECTS);
  }
  return result.record;
}
