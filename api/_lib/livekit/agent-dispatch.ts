/**
 * The LiveKit server API calls of an agent call (docs/flows.md#agent-call): the room, the agent
 * (explicit agent dispatch by name; a plain livekit-server has no URL ingress, so there is no
 * greeting fallback), and the phone leg through a SIP trunk. SDK errors become a LiveKitError (a dependency failure) or,
 * for the phone leg, a DialOutcome the lifecycle understands.
 */
import { getConfig } from '../config.js';
import { RING_SECONDS } from '../domain/ring-time.js';
import { AppError } from '../errors.js';

class LiveKitError extends AppError {
  constructor(action: string, cause: unknown) {
    const status = (cause as { status?: number }).status;
    super('livekit_error', 503, `LiveKit could not ${action}${status ? ` (${status})` : ''}.`, {
      retryable: true,
      cause,
    });
    this.name = 'LiveKitError';
  }
}

export type DialOutcome =
  | { kind: 'answered' }
  | { kind: 'busy'; sipStatusCode: string }
  | { kind: 'no-answer' }
  | { kind: 'failed'; reason: string; sipStatusCode?: string };

async function sdk() {
  const livekit = await import('livekit-server-sdk');
  const { livekit: config } = getConfig();
  return { livekit, config };
}

export async function createAgentRoom(room: string, metadata: string): Promise<void> {
  const { livekit, config } = await sdk();
  const client = new livekit.RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret);
  try {
    // Empty for 2 minutes → closed; a callee who drops has 20 s to come back.
    await client.createRoom({ name: room, metadata, emptyTimeout: 120, departureTimeout: 20 });
  } catch (error) {
    throw new LiveKitError('create the room', error);
  }
}

export async function dispatchAgent(room: string, agentName: string, metadata: string) {
  const { livekit, config } = await sdk();
  const client = new livekit.AgentDispatchClient(config.apiUrl, config.apiKey, config.apiSecret);
  try {
    await client.createDispatch(room, agentName, { metadata });
  } catch (error) {
    throw new LiveKitError('dispatch the agent', error);
  }
}

/**
 * Dials a phone number into the room and waits until it is answered or fails. Busy is SIP 486;
 * no answer comes back as a timed-out request without a SIP code; LiveKit being unreachable or
 * answering 5xx is a LiveKitError (transient), not a failed call.
 */
export async function dialOut(
  room: string,
  phone: string,
  identity: string,
  /** A campaign's own trunk and caller id; else LIVEKIT_SIP_TRUNK_ID and the trunk's number. */
  through: { sipTrunkId: string | null; callerId: string | null } = {
    sipTrunkId: null,
    callerId: null,
  },
): Promise<DialOutcome> {
  const { livekit, config } = await sdk();
  const trunkId = through.sipTrunkId ?? getConfig().agentCalls.sipTrunkId;
  if (!trunkId) {
    return { kind: 'failed', reason: 'no SIP trunk configured (LIVEKIT_SIP_TRUNK_ID)' };
  }
  const client = new livekit.SipClient(config.apiUrl, config.apiKey, config.apiSecret);
  try {
    await client.createSipParticipant(trunkId, phone, room, {
      participantIdentity: identity,
      participantName: 'Phone',
      ...(through.callerId ? { fromNumber: through.callerId } : {}),
      waitUntilAnswered: true,
      // The phone rings as long as a LINE callee's call does.
      ringingTimeout: RING_SECONDS,
      playDialtone: false,
      timeout: RING_SECONDS + 10,
    });
    return { kind: 'answered' };
  } catch (error) {
    return dialFailure(error);
  }
}

/**
 * Whether the phone leg in `room` is answered: its SIP participant's `sip.callStatus` is active
 * (it joins while still ringing, livekit/sip#136). No such participant: not answered.
 */
export async function sipCallActive(room: string, identity: string): Promise<boolean> {
  const { livekit, config } = await sdk();
  const client = new livekit.RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret);
  try {
    const participant = await client.getParticipant(room, identity);
    return participant.attributes['sip.callStatus'] === 'active';
  } catch (error) {
    const { status, code } = error as { status?: number; code?: string };
    if (status === 404 || code === 'not_found') return false;
    throw new LiveKitError('look up the phone participant', error);
  }
}

function dialFailure(error: unknown): DialOutcome {
  const { status, code, message, metadata } = error as {
    status?: number;
    code?: string;
    message?: string;
    metadata?: Record<string, string>;
  };
  const sipStatusCode = metadata?.sip_status_code;
  if (sipStatusCode === '486' || sipStatusCode === '600') return { kind: 'busy', sipStatusCode };
  if (
    !sipStatusCode &&
    (code === 'canceled' || code === 'deadline_exceeded' || /timed out/i.test(message ?? ''))
  ) {
    return { kind: 'no-answer' };
  }
  if (sipStatusCode) {
    const phrase = metadata?.sip_status ? ` ${metadata.sip_status}` : '';
    return { kind: 'failed', reason: `SIP ${sipStatusCode}${phrase}`, sipStatusCode };
  }
  if (status === undefined || status >= 500) throw new LiveKitError('dial the number', error);
  return { kind: 'failed', reason: message ?? `LiveKit answered ${status}` };
}
