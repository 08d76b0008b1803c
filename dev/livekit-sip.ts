/**
 * Outbound SIP calls in the LiveKit stand-in (`livekit.SIP/CreateSIPParticipant`), with the
 * outcome each dialled number is told to have. With `waitUntilAnswered` LiveKit holds the request
 * until the callee answers and reports busy / no answer / a SIP failure as a Twirp error
 * (livekit-twirp.ts); without it, it answers as soon as the participant is created and a later
 * failure shows only as the participant leaving, so then busy, no-answer and SIP-status outcomes
 * answer with the participant info too (a plain HTTP failure still fails). An answered callee is
 * in the room as an active SIP participant.
 *
 * A dial through a trunk LiveKit does not have is refused at once, waiting or not, with Twirp
 * not_found "requested sip trunk does not exist" (HTTP 404), as the real livekit-server v1.13.5
 * answers (tests/browser/real-media/phone-calls.test.ts); the stand-in used to dial through any.
 */
import { ParticipantInfo, SIPParticipantInfo } from 'livekit-server-sdk';
import { livekitId, text, type Body } from './livekit-rooms';
import { sipNoAnswer, sipDialFailure, twirpCodeFor, twirpError } from './livekit-twirp';

/**
 * 'answer' (the default), 'busy' (SIP 486), 'no-answer' (the ringing timeout), a failure (a SIP
 * status from the callee's side, and/or an HTTP status such as a 5xx), or a delay before another
 * outcome ('answer' unless `then` says otherwise).
 */
export type SipOutcome =
  'answer' | 'busy' | 'no-answer' | SipFailure | { delayMs: number; then?: SipOutcome };

export type SipFailure = { sipStatus?: string; message?: string } & (
  { sipStatusCode: number; status?: number } | { status: number; sipStatusCode?: number }
);

/** `trunks`: the ids of the outbound trunks this LiveKit has. */
export function createSipDialer(
  join: (room: string, participant: ParticipantInfo) => void,
  trunks: readonly string[],
) {
  const outcomes = new Map<string, SipOutcome>();

  async function dial(body: Body, outcome: SipOutcome): Promise<Response> {
    const waits = body.waitUntilAnswered === true;
    if (typeof outcome === 'string') {
      if (outcome === 'answer' || !waits) return answer(body, outcome === 'answer');
      return outcome === 'busy' ? sipDialFailure(486) : sipNoAnswer();
    }
    if ('delayMs' in outcome) {
      await new Promise((resolve) => setTimeout(resolve, outcome.delayMs));
      return dial(body, outcome.then ?? 'answer');
    }
    if (outcome.sipStatusCode === undefined) {
      const status = outcome.status ?? 500;
      return twirpError(
        twirpCodeFor(status),
        outcome.message ?? 'injected failure',
        undefined,
        status,
      );
    }
    return waits ? sipDialFailure(outcome.sipStatusCode, outcome) : answer(body, false);
  }

  function answer(body: Body, answered: boolean): Response {
    const roomName = text(body.roomName);
    const sipCallId = livekitId('SCL_');
    const participant = ParticipantInfo.fromJson({
      identity: text(body.participantIdentity) || 'sip-participant',
      name: text(body.participantName),
      metadata: text(body.participantMetadata),
      kind: 'SIP',
      isPublisher: true,
      attributes: {
        ...(body.participantAttributes as Record<string, string> | undefined),
        'sip.callID': sipCallId,
        'sip.trunkID': text(body.sipTrunkId),
        ...(body.hidePhoneNumber ? {} : { 'sip.phoneNumber': text(body.sipCallTo) }),
        'sip.callStatus': 'active',
      },
    });
    if (answered) join(roomName, participant);
    const info = new SIPParticipantInfo({
      participantId: participant.sid || livekitId('PA_'),
      participantIdentity: participant.identity,
      roomName,
      sipCallId,
    });
    return Response.json(info.toJson());
  }

  return {
    /** What calls to `number` ('*': any number without its own outcome) will do from now on. */
    setOutcome(number: string, outcome: SipOutcome) {
      outcomes.set(number, outcome);
    },
    CreateSIPParticipant(body: Body) {
      if (!trunks.includes(text(body.sipTrunkId))) {
        return twirpError('not_found', 'requested sip trunk does not exist');
      }
      const number = text(body.sipCallTo);
      return dial(body, outcomes.get(number) ?? outcomes.get('*') ?? 'answer');
    },
  };
}
