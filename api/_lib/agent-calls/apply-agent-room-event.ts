/**
 * LiveKit events of an `agent-<sid>` room → agent call state, in one statement. The LINE callee
 * joining answers the call; a phone callee's SIP participant joins while still ringing
 * (livekit/sip#136), so it counts only once its `sip.callStatus` is active — the dispatcher
 * learns the answer from the dial itself. The agent's participant (kind AGENT) joining records
 * that the agent came (`agent-joined`), which the 20 s `no-agent` check then finds; it is never
 * the callee. The operator who took the call over leaving ends it. Recorded once per LiveKit
 * event id.
 */
import { isTakingOverOperator } from '../db/operator-calls.js';
import { AGENT_KIND } from '../livekit/room-agents.js';
import type { WebhookEvent } from '../livekit/webhooks.js';
import type { RoomEventOutcome } from '../webhooks/handle-livekit-event.js';
import { applyToSession } from './apply-to-session.js';
import type { AgentCallEvent } from '../domain/agent-call-lifecycle.js';

const EVENTS: Record<string, AgentCallEvent> = {
  participant_joined: { type: 'answer' },
  participant_left: { type: 'left' },
  room_finished: { type: 'room-closed' },
};

export async function applyAgentRoomEvent(
  sid: string,
  event: WebhookEvent,
): Promise<RoomEventOutcome> {
  const participant = event.participant;
  const agentJoined = event.event === 'participant_joined' && participant?.kind === AGENT_KIND;
  // An operator who took the call over and leaves has hung up: the call ends, as when the
  // callee leaves (docs/campaigns.md#the-live-monitor).
  const operatorLeft =
    event.event === 'participant_left' &&
    participant !== undefined &&
    (await isTakingOverOperator(sid, participant.identity));
  const sessionEvent: AgentCallEvent | undefined = agentJoined
    ? { type: 'agent-joined' }
    : operatorLeft
      ? { type: 'end', reason: 'the operator hung up' }
      : EVENTS[event.event];
  if (!sessionEvent) return { handled: false, note: `ignored ${event.event}` };
  const ringingPhone =
    participant?.identity.startsWith('sip-') &&
    participant.attributes['sip.callStatus'] !== 'active' &&
    event.event === 'participant_joined';
  const session = await applyToSession({
    id: sid,
    event: sessionEvent,
    origin: { source: 'livekit', eventId: event.id, data: { identity: participant?.identity } },
    participant: {
      identity: participant && !ringingPhone ? participant.identity : null,
      at: new Date(Number(event.createdAt) * 1000),
    },
  });
  return session
    ? { handled: true, status: session.status }
    : { handled: false, note: 'unknown agent call' };
}
