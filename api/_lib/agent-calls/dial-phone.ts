/**
 * The `dial-out` job: dials a phone agent call through the SIP trunk and records how the dial
 * ended (answered; busy, SIP 486; no answer; failed with the SIP status). LiveKit holds the dial
 * until the phone answers or gives up (up to ~70 s), so it runs here, on the jobs function
 * (maxDuration 90 s in vercel.json), not in the start request, which answers `ringing` at once.
 * A delivery claims the dial once: QStash redelivering (or retrying a timed-out attempt) never
 * rings the phone twice. If this function is cut off mid-dial, the ring time-out asks LiveKit
 * whether the SIP participant is active before calling the call missed (agent-ring-timeout.ts).
 */
import { claimDial } from '../db/agent-call-sessions.js';
import { AppError } from '../errors.js';
import { jobId } from '../jobs/job-id.js';
import { dialOut, type DialOutcome } from '../livekit/agent-dispatch.js';
import { applyToSession } from './apply-to-session.js';
import type { AgentCallEvent } from '../domain/agent-call-lifecycle.js';

/** The job's time limit at QStash: the dial's own 70 s and some room. */
export const DIAL_JOB_SECONDS = 90;

export async function dialPhone(sid: string): Promise<{ done: true; status: string }> {
  const session = await claimDial(sid);
  if (!session || !('phone' in session.target)) return { done: true, status: 'not dialled' };
  const identity = `sip-${sid}`;
  let event: AgentCallEvent;
  try {
    event = dialEvent(await dialOut(session.room, session.target.phone, identity, session));
  } catch (error) {
    // LiveKit down: the claim is taken, so a redelivery would not dial; end it as failed.
    event = { type: 'fail', reason: error instanceof AppError ? error.message : String(error) };
  }
  const updated = await applyToSession({
    id: sid,
    event,
    origin: { source: 'livekit', eventId: jobId('dial-out', sid) },
    participant: { identity, at: new Date() },
  });
  return { done: true, status: updated?.status ?? 'gone' };
}

function dialEvent(outcome: DialOutcome): AgentCallEvent {
  switch (outcome.kind) {
    case 'answered':
      return { type: 'answer' };
    case 'busy':
      return { type: 'busy', sipStatusCode: outcome.sipStatusCode };
    case 'no-answer':
      return { type: 'no-answer' };
    case 'failed':
      return { type: 'fail', reason: outcome.reason, sipStatusCode: outcome.sipStatusCode };
  }
}
