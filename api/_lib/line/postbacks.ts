/** The data of LINE postback buttons, written and read in one place. */
export type Postback =
  | { action: 'decline-call'; callId: string }
  | { action: 'agent-not-now'; sid: string }
  | { action: 'agent-retry'; sid: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SID = /^[A-Za-z0-9_-]{8,64}$/;

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
