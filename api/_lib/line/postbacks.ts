/** The data of LINE postback buttons, written and read in one place. */
import { AGENT_CALL_SID as SID, CALL_ID as UUID } from '../domain/ids.js';

export type Postback =
  | { action: 'decline-call'; callId: string }
  | { action: 'agent-not-now'; sid: string }
  | { action: 'agent-retry'; sid: string };

export const declinePostback = (callId: string) =>
  new URLSearchParams({ action: 'decline-call', call: callId }).toString();
export const agentNotNowPostback = (sid: string) =>
  new URLSearchParams({ action: 'agent-not-now', sid }).toString();
export const agentRetryPostback = (sid: string) =>
  new URLSearchParams({ action: 'agent-retry', sid }).toString();

export function parsePostback(data: string): Postback | undefined {
  const params = new URLSearchParams(data);
  const action = params.get('action');
  const callId = params.get('call') ?? '';
  const sid = params.get('sid') ?? '';
  if (action === 'decline-call' && UUID.test(callId)) return { action, callId };
  if ((action === 'agent-not-now' || action === 'agent-retry') && SID.test(sid)) {
    return { action, sid };
  }
  return undefined;
}
