/**
 * What LINE tells us: "Decline" taps on a ringing call, and follow/unfollow (a user who blocked the
 * bot cannot be rung). An event we cannot use is acknowledged, never retried by LINE forever.
 */
import { applyToCall } from '../calls/act-on-call';
import { parsePostback } from '../calls/postbacks';
import { findCall } from '../db/calls';
import { setCanReceivePush } from '../db/users';
import { LineEvent } from '../line/webhook';

export async function handleLineEvents(events: unknown[]): Promise<{ handled: number }> {
  let handled = 0;
  for (const raw of events) {
    const parsed = LineEvent.safeParse(raw);
    if (!parsed.success) continue;
    if (await handleLineEvent(parsed.data)) handled++;
  }
  return { handled };
}

async function handleLineEvent(event: LineEvent): Promise<boolean> {
  const userId = event.source.userId;
  if (!userId) return false;
  switch (event.type) {
    case 'follow':
    case 'unfollow':
      await setCanReceivePush(userId, event.type === 'follow');
      return true;
    case 'postback': {
      const postback = parsePostback(event.postback.data);
      if (postback?.action !== 'decline-call') return false;
      const call = await findCall(postback.callId);
      // Only the callee may decline; a tap on an old message finds the call over and does nothing.
      if (!call || call.calleeId !== userId) return false;
      await applyToCall(
        call.id,
        { type: 'decline' },
        { source: 'line', eventId: event.webhookEventId },
      );
      return true;
    }
  }
}
