/**
 * LiveKit events of an `agent-<sid>` room → agent call state. The LINE callee joining answers
 * the call; a phone callee answers when its SIP participant is active (it joins the room while
 * still ringing, livekit/sip#136 — the dispatcher learns the answer from the dial itself). The
 * agent's own participants are not the callee. Recorded once per LiveKit event id.
 */
import { findSession } from '../db/agent-call-sessions';
import type { WebhookEvent } from '../livekit/webhooks';
import type { RoomEventOutcome } from '../webhooks/handle-livekit-event';
import { applyToSession } from './agent-call-actions';
import type { AgentCallEvent } from './agent-call-lifecycle';

export async function applyAgentRoomEvent(
  sid: string,
  event: WebhookEvent,
): Promise<RoomEventOutcome> {
  const session = await findSession(sid);
  if (!session) return { handled: false, note: 'unknown agent call' };

  const participant = event.participant;
  const isCallee =
    participant !== undefined &&
    ('lineUserId' in session.target
      ? participant.identity === session.target.lineUserId
      : participant.identity === `sip-${sid}`);
  const sipActive = participant?.attributes?.['sip.callStatus'] === 'active';
  const at = Number(event.createdAt) * 1000;

  let sessionEvent: AgentCallEvent | undefined;
  if (event.event === 'room_finished') sessionEvent = { type: 'room-closed' };
  else if (isCallee && event.event === 'participant_joined') {
    if ('lineUserId' in session.target || sipActive) sessionEvent = { type: 'answer', at };
  } else if (isCallee && event.event === 'participant_left') {
    sessionEvent = { type: 'left', at };
  }
  if (!sessionEvent) return { handled: false, note: `ignored ${event.event}` };
  const updated = await applyToSession(sid, sessionEvent, {
    source: 'livekit',
    eventId: event.id,
    data: { livekitEvent: event.event, identity: participant?.identity, createdAt: at / 1000 },
  });
  return { handled: true, status: updated.status };
}
