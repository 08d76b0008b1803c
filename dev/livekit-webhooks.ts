/**
 * LiveKit webhooks as LiveKit sends them: the event as protobuf JSON, and `Authorization: <JWT>`
 * (HS256 with the API secret, issued by the API key) whose `sha256` claim is the base64 SHA-256 of
 * the body, which is what the SDK's WebhookReceiver checks.
 *
 * SIP participants (livekit/protocol livekit/attrs.go, livekit/sip pkg/sip/types.go): kind SIP,
 * attributes `sip.callID` (SCL_…), `sip.trunkID` (ST_…), `sip.phoneNumber` (the number dialled,
 * left out with hidePhoneNumber), `sip.callStatus` = dialing | ringing | automation | active |
 * hangup. An outbound SIP participant joins while the phone still rings (livekit/sip#136), so
 * `participant_joined` usually says dialing/ringing; there is no webhook for the later attribute
 * change to active, and webhooks carry no SIP status code (livekit/sip#295). A failed or ended
 * call shows as `participant_left` with a disconnect reason: USER_REJECTED (busy, declined),
 * USER_UNAVAILABLE (no answer, 404/480), SIP_TRUNK_FAILURE, CLIENT_INITIATED (hang-up).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AccessToken, ParticipantInfo, WebhookEvent } from 'livekit-server-sdk';

export type WebhookInit = NonNullable<ConstructorParameters<typeof WebhookEvent>[0]> & {
  event: string;
};

export async function signLivekitWebhook(
  apiKey: string,
  apiSecret: string,
  init: WebhookInit,
): Promise<{ body: string; authorization: string }> {
  const message = new WebhookEvent(init);
  // The SDK's WebhookEvent subclass declares `event = ''`, which runs after the generated
  // constructor has copied `init`: set it again.
  (message as { event: string }).event = init.event;
  const body = message.toJsonString();
  const token = new AccessToken(apiKey, apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}

export type SipCallStatus = 'dialing' | 'ringing' | 'automation' | 'active' | 'hangup';

export interface SipParticipantEventInit {
  event: 'participant_joined' | 'participant_left' | 'participant_connection_aborted';
  room: string;
  roomSid?: string;
  identity: string;
  name?: string;
  phoneNumber: string;
  callStatus: SipCallStatus;
  sipCallId?: string;
  trunkId?: string;
  /** For participant_left, e.g. USER_REJECTED, USER_UNAVAILABLE, CLIENT_INITIATED. */
  disconnectReason?: string;
  /** Webhook id; a fresh EV_… unless given. */
  id?: string;
  /** Unix seconds; now unless given. */
  createdAt?: number;
}

/** A webhook about a SIP participant, shaped as LiveKit sends it; sign it with signWebhook. */
export function sipParticipantEvent(init: SipParticipantEventInit): WebhookInit {
  const createdAt = init.createdAt ?? Math.floor(Date.now() / 1000);
  const participant = ParticipantInfo.fromJson({
    sid: `PA_${init.identity}`,
    identity: init.identity,
    name: init.name ?? init.identity,
    kind: 'SIP',
    state: init.event === 'participant_joined' ? 'ACTIVE' : 'DISCONNECTED',
    joinedAt: String(createdAt),
    isPublisher: true,
    attributes: {
      'sip.callID': init.sipCallId ?? `SCL_${init.identity}`,
      'sip.trunkID': init.trunkId ?? 'ST_standin',
      'sip.phoneNumber': init.phoneNumber,
      'sip.callStatus': init.callStatus,
    },
    ...(init.disconnectReason ? { disconnectReason: init.disconnectReason } : {}),
  });
  return {
    event: init.event,
    id: init.id ?? `EV_${randomBytes(6).toString('hex')}`,
    createdAt: BigInt(createdAt),
    room: { name: init.room, sid: init.roomSid ?? `RM_${init.room}` },
    participant,
  };
}
