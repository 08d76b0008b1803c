/**
 * What LINE tells us: button taps (Decline a ringing call; "Not now" and "Call me again" for
 * agent calls) and follow/unfollow (a user who blocked the bot cannot be rung). A tap that no
 * longer applies (an old message, someone else's call) is acknowledged and does nothing, so LINE
 * never redelivers it; a dependency failure answers 5xx so LINE does.
 */
import { cancelAgentCall, scheduleRetry } from '../agent-calls/agent-call-actions.js';
import { actOnCall } from '../calls/act-on-call.js';
import type { EventSource } from '../db/lifecycle-store.js';
import { applyFollowEvent } from '../db/users.js';
import { AppError } from '../errors.js';
import { parsePostback } from '../line/postbacks.js';
import { LineEvent } from '../line/webhook.js';

const FOLLOW_EVENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export async function handleLineEvents(events: unknown[]): Promise<{ handled: number }> {
  let handled = 0;
  for (const raw of events) {
    const parsed = LineEvent.safeParse(raw);
    if (!parsed.success) continue;
    try {
      if (await handleLineEvent(parsed.data)) handled++;
    } catch (error) {
      if (error instanceof AppError && !error.retryable) continue;
      throw error;
    }
  }
  return { handled };
}

async function handleLineEvent(event: LineEvent): Promise<boolean> {
  const userId = event.source.userId;
  if (!userId) return false;
  if (event.type === 'follow' || event.type === 'unfollow') {
    // A redelivery from long ago says nothing about now (LINE redelivers within hours), and one
    // from the future would outrank every real event.
    const age = Date.now() - event.timestamp;
    if (!(age < FOLLOW_EVENT_MAX_AGE_MS && age > -CLOCK_SKEW_MS)) return false;
    return applyFollowEvent({
      userId,
      canReceivePush: event.type === 'follow',
      at: new Date(event.timestamp),
      webhookEventId: event.webhookEventId,
    });
  }
  const postback = parsePostback(event.postback.data);
  const origin: EventSource = { source: 'line', eventId: event.webhookEventId };
  switch (postback?.action) {
    case 'decline-call':
      // The same use case as the app's Decline: only the callee may, and a tap on an old message
      // finds the call over (both acknowledged, as every refusal here).
      await actOnCall(userId, postback.callId, 'decline', origin);
      return true;
    case 'agent-not-now':
      await cancelAgentCall(userId, postback.sid, origin);
      return true;
    case 'agent-retry':
      await scheduleRetry(userId, postback.sid, origin);
      return true;
    default:
      return false;
  }
}
