/** The data of LINE postback buttons, written and read in one place. */
export type Postback = { action: 'decline-call'; callId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const declinePostback = (callId: string) =>
  new URLSearchParams({ action: 'decline-call', call: callId }).toString();

export function parsePostback(data: string): Postback | undefined {
  const params = new URLSearchParams(data);
  const callId = params.get('call') ?? '';
  if (params.get('action') === 'decline-call' && UUID.test(callId)) {
    return { action: 'decline-call', callId };
  }
  return undefined;
}
