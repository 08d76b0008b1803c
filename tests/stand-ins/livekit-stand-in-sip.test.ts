/** The LiveKit stand-in dialling out by SIP: each outcome as LiveKit's SDK reports it. */
import { RoomServiceClient, SipCallError, SipClient } from 'livekit-server-sdk';
import { describe, expect, test } from 'vitest';
import { failureOf, KEY, SECRET, TRUNK, useLivekitStandIn } from '../support/use-livekit-stand-in';

const ROOM = 'agent-S1';
const PHONE = '+819012345678';

const livekit = useLivekitStandIn();
const roomService = () => new RoomServiceClient(livekit.url, KEY, SECRET);

describe('SIP dial-out', () => {
  const dial = (number = PHONE, options: { waitUntilAnswered?: boolean } = {}, trunk = TRUNK) =>
    new SipClient(livekit.url, KEY, SECRET).createSipParticipant(trunk, number, ROOM, {
      participantIdentity: 'phone-S1',
      participantName: 'Alice',
      waitUntilAnswered: true,
      ringingTimeout: 30,
      playDialtone: true,
      ...options,
    });

  test('an answered call returns the participant, who is then in the room as SIP', async () => {
    const info = await dial();
    expect(info).toMatchObject({ participantIdentity: 'phone-S1', roomName: ROOM });
    expect(info.sipCallId).toMatch(/^SCL_/);
    expect(info.participantId).toMatch(/^PA_/);
    expect(livekit.calls('CreateSIPParticipant')[0]).toMatchObject({
      service: 'SIP',
      body: { sipTrunkId: TRUNK, sipCallTo: PHONE, roomName: ROOM, waitUntilAnswered: true },
      status: 200,
    });

    const [callee] = await roomService().listParticipants(ROOM);
    expect(callee?.toJson()).toMatchObject({
      identity: 'phone-S1',
      sid: info.participantId,
      kind: 'SIP',
    });
    expect(callee?.attributes).toMatchObject({
      'sip.callStatus': 'active',
      'sip.phoneNumber': PHONE,
      'sip.callID': info.sipCallId,
    });
  });

  test.each([true, false])(
    'a trunk it does not have is not_found at once, as livekit-server answers (waiting: %s)',
    async (waitUntilAnswered) => {
      const error = await failureOf(dial(PHONE, { waitUntilAnswered }, 'ST_other'));
      expect(error).not.toBeInstanceOf(SipCallError);
      expect(error).toMatchObject({
        status: 404,
        code: 'not_found',
        message: 'requested sip trunk does not exist',
      });
      expect(livekit.participants(ROOM)).toEqual([]);
    },
  );

  test('busy is a SipCallError with SIP status 486, and nobody joins', async () => {
    livekit.sipOutcome(PHONE, 'busy');
    const error = await failureOf(dial());
    expect(error).toBeInstanceOf(SipCallError);
    expect(error).toMatchObject({
      sipStatusCode: 486,
      sipStatus: 'Busy Here',
      status: 429,
      code: 'resource_exhausted',
    });
    expect(livekit.participants(ROOM)).toEqual([]);
  });

  test('no answer is the ringing timeout: a canceled Twirp error without a SIP status', async () => {
    livekit.sipOutcome(PHONE, 'no-answer');
    const error = await failureOf(dial());
    expect(error).not.toBeInstanceOf(SipCallError);
    expect(error).toMatchObject({ status: 408, code: 'canceled' });
    expect(error.message).toBe('sip request timed out');
    expect(error.metadata).toBeUndefined();
  });

  test('other SIP failures keep their status and LiveKit’s Twirp code', async () => {
    livekit.sipOutcome('*', { sipStatusCode: 503 });
    livekit.sipOutcome(PHONE, { sipStatusCode: 404 });
    const notFound = await failureOf(dial());
    expect(notFound).toBeInstanceOf(SipCallError);
    expect(notFound).toMatchObject({ sipStatusCode: 404, status: 404, code: 'not_found' });

    const unavailable = await failureOf(dial('+819099999999'));
    expect(unavailable).toMatchObject({
      sipStatusCode: 503,
      sipStatus: 'Service Unavailable',
      status: 412,
      code: 'failed_precondition',
    });
  });

  test('a plain HTTP failure carries no SIP status', async () => {
    livekit.sipOutcome(PHONE, { status: 500, message: 'sip not connected' });
    const error = await failureOf(dial());
    expect(error).not.toBeInstanceOf(SipCallError);
    expect(error).toMatchObject({ status: 500, code: 'internal', message: 'sip not connected' });
  });

  test('a delayed outcome holds the request, as a ringing phone does', async () => {
    livekit.sipOutcome(PHONE, { delayMs: 150, then: 'no-answer' });
    const started = Date.now();
    const pending = failureOf(dial());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(livekit.calls('CreateSIPParticipant')[0]?.status).toBeUndefined();
    expect(await pending).toMatchObject({ status: 408 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('without waitUntilAnswered LiveKit answers before the callee does', async () => {
    livekit.sipOutcome(PHONE, 'busy');
    const info = await dial(PHONE, { waitUntilAnswered: false });
    expect(info.participantIdentity).toBe('phone-S1');
    expect(livekit.participants(ROOM)).toEqual([]);
  });

  test('failNext answers a 5xx once, then calls go through again', async () => {
    livekit.failNext(503);
    const error = await failureOf(dial());
    expect(error).not.toBeInstanceOf(SipCallError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable' });
    await expect(dial()).resolves.toMatchObject({ participantIdentity: 'phone-S1' });
  });
});
