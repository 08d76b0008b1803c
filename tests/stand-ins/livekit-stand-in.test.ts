import {
  AccessToken,
  AgentDispatchClient,
  DataPacket_Kind,
  IngressClient,
  IngressInput,
  RoomServiceClient,
  SipClient,
  TwirpError,
  WebhookReceiver,
  type VideoGrant,
} from 'livekit-server-sdk';
import { describe, expect, test } from 'vitest';
import { sipParticipantEvent } from '../../dev/livekit-webhooks';
import { failureOf, KEY, SECRET, useLivekitStandIn } from '../support/use-livekit-stand-in';

const ROOM = 'agent-S1';
const PHONE = '+819012345678';

const livekit = useLivekitStandIn();
const roomService = () => new RoomServiceClient(livekit.url, KEY, SECRET);
/** A client that sends this token instead of signing its own. */
const withToken = async (grant: VideoGrant) => {
  const token = new AccessToken(KEY, SECRET);
  token.addGrant(grant);
  return { token: await token.toJwt() };
};

describe('rooms', () => {
  test('createRoom remembers the room and its metadata; deleting it twice is not_found', async () => {
    const rooms = roomService();
    const metadata = JSON.stringify({ session_sid: 'S1' });
    const room = await rooms.createRoom({
      name: ROOM,
      emptyTimeout: 60,
      departureTimeout: 10,
      metadata,
    });
    expect(room).toMatchObject({ name: ROOM, emptyTimeout: 60, departureTimeout: 10, metadata });
    expect(room.sid).toMatch(/^RM_\w{12}$/);
    expect(livekit.rooms().map((r) => [r.name, r.metadata])).toEqual([[ROOM, metadata]]);
    expect(livekit.calls('CreateRoom')).toMatchObject([
      { service: 'RoomService', body: { name: ROOM, metadata }, status: 200 },
    ]);

    await rooms.deleteRoom(ROOM);
    expect(livekit.rooms()).toEqual([]);
    const error = await failureOf(rooms.deleteRoom(ROOM));
    expect(error).toBeInstanceOf(TwirpError);
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'requested room does not exist',
    });
    expect(livekit.calls('DeleteRoom').map((call) => call.status)).toEqual([200, 404]);
  });

  test('listParticipants shows who is in the room, and nobody in an unknown one', async () => {
    livekit.addParticipant('conf-jp', { identity: 'U1', name: 'Alice' });
    const rooms = roomService();
    expect((await rooms.listParticipants('conf-jp')).map((p) => p.identity)).toEqual(['U1']);
    expect(await rooms.listParticipants('conf-kr')).toEqual([]);

    await rooms.sendData('conf-jp', new TextEncoder().encode('hi'), DataPacket_Kind.RELIABLE, {
      topic: 'call-state',
    });
    expect(livekit.calls('SendData')[0]?.body).toMatchObject({
      room: 'conf-jp',
      topic: 'call-state',
    });
  });
});

test('removeParticipant takes someone out of the room; removing them again is not_found', async () => {
  livekit.addParticipant(ROOM, { identity: 'agent-AJ_1', kind: 4 });
  const rooms = roomService();
  await rooms.removeParticipant(ROOM, 'agent-AJ_1');
  expect(livekit.participants(ROOM)).toEqual([]);
  const error = await failureOf(rooms.removeParticipant(ROOM, 'agent-AJ_1'));
  expect(error).toMatchObject({ status: 404, code: 'not_found' });
});

test('agent dispatch: the metadata round-trips, and the dispatch can be listed and deleted', async () => {
  const agents = new AgentDispatchClient(livekit.url, KEY, SECRET);
  const metadata = JSON.stringify({ callee_name: 'Alice', language: 'ja', context: { a: 1 } });
  const dispatch = await agents.createDispatch(ROOM, 'phone-agent', { metadata });
  expect(dispatch).toMatchObject({ agentName: 'phone-agent', room: ROOM, metadata });
  expect(dispatch.id).toMatch(/^AD_/);
  expect(JSON.parse(livekit.dispatches(ROOM)[0]!.metadata)).toEqual(JSON.parse(metadata));

  expect((await agents.listDispatch(ROOM)).map((d) => d.id)).toEqual([dispatch.id]);
  await agents.deleteDispatch(dispatch.id, ROOM);
  expect(await agents.listDispatch(ROOM)).toEqual([]);
  expect(livekit.dispatches()).toEqual([]);
});

test('ingress: a URL ingress is created and publishes into its room', async () => {
  const ingress = await new IngressClient(livekit.url, KEY, SECRET).createIngress(
    IngressInput.URL_INPUT,
    {
      name: 'greeting',
      roomName: ROOM,
      participantIdentity: 'greeting',
      participantName: 'Greeting',
      url: 'https://example.test/greeting.ogg',
    },
  );
  // The SDK does not export IngressState_Status: compare enum names through protobuf JSON.
  expect(ingress.toJson()).toMatchObject({
    name: 'greeting',
    inputType: 'URL_INPUT',
    url: 'https://example.test/greeting.ogg',
    roomName: ROOM,
    participantIdentity: 'greeting',
    state: { status: 'ENDPOINT_BUFFERING' },
  });
  expect(ingress.ingressId).toMatch(/^IN_/);
  expect(livekit.ingresses(ROOM).map((i) => i.ingressId)).toEqual([ingress.ingressId]);
  expect(livekit.participants(ROOM).map((p) => p.identity)).toEqual(['greeting']);
});

describe('authorization', () => {
  test('a token signed with the wrong secret gets a bare 401, and nothing is created', async () => {
    const rooms = new RoomServiceClient(livekit.url, KEY, 'not-the-secret');
    const error = await failureOf(rooms.createRoom({ name: ROOM }));
    expect(error).toBeInstanceOf(TwirpError);
    expect(error).toMatchObject({ status: 401, code: undefined });
    expect(livekit.rooms()).toEqual([]);
    expect(livekit.calls('CreateRoom')).toMatchObject([{ status: 401 }]);
  });

  test('a token without the grant the method needs is refused with unauthenticated', async () => {
    const listOnly = await withToken({ roomList: true });
    const created = new RoomServiceClient(livekit.url, undefined, undefined, listOnly).createRoom({
      name: ROOM,
    });
    expect(await failureOf(created)).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      message: 'permissions denied',
    });

    const otherRoom = await withToken({ roomAdmin: true, room: 'agent-S2' });
    const agents = new AgentDispatchClient(livekit.url, undefined, undefined, otherRoom);
    expect(await failureOf(agents.createDispatch(ROOM, 'phone-agent'))).toMatchObject({
      status: 401,
    });
    const sip = new SipClient(livekit.url, undefined, undefined, otherRoom);
    expect(await failureOf(sip.createSipParticipant('ST_trunk', PHONE, ROOM))).toMatchObject({
      status: 401,
    });
    const ingress = new IngressClient(livekit.url, undefined, undefined, otherRoom);
    const createIngress = ingress.createIngress(IngressInput.URL_INPUT, {
      roomName: ROOM,
      participantIdentity: 'greeting',
      url: 'https://example.test/greeting.ogg',
    });
    expect(await failureOf(createIngress)).toMatchObject({ status: 401 });
    expect(livekit.dispatches()).toEqual([]);
    expect(livekit.ingresses()).toEqual([]);
  });

  test('no token at all, and an unknown method', async () => {
    const post = (method: string) =>
      fetch(`${livekit.origin}/twirp/livekit.RoomService/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    const anonymous = await post('ListRooms');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ code: 'unauthenticated', msg: 'permissions denied' });
    const unknown = await post('Teleport');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'bad_route' });
  });
});

describe('webhooks', () => {
  test('signWebhook verifies with the SDK’s WebhookReceiver; a changed body does not', async () => {
    const delivery = await livekit.signWebhook({
      event: 'room_finished',
      id: 'EV_1',
      createdAt: 1_700_000_000n,
      room: { name: ROOM, sid: 'RM_1' },
    });
    const receiver = new WebhookReceiver(KEY, SECRET);
    const event = await receiver.receive(delivery.body, delivery.authorization);
    expect(event).toMatchObject({ event: 'room_finished', id: 'EV_1', room: { name: ROOM } });
    await expect(
      receiver.receive(delivery.body.replace(ROOM, 'agent-S2'), delivery.authorization),
    ).rejects.toThrow(/sha256/);
  });

  test('SIP participant events carry kind SIP and the sip.* attributes', async () => {
    const receiver = new WebhookReceiver(KEY, SECRET);
    const receive = async (init: Parameters<typeof sipParticipantEvent>[0]) => {
      const delivery = await livekit.signWebhook(sipParticipantEvent(init));
      return receiver.receive(delivery.body, delivery.authorization);
    };
    const base = { room: ROOM, identity: 'phone-S1', phoneNumber: PHONE } as const;
    const joined = await receive({ ...base, event: 'participant_joined', callStatus: 'ringing' });
    expect(joined.event).toBe('participant_joined');
    expect(joined.participant?.toJson()).toMatchObject({ identity: 'phone-S1', kind: 'SIP' });
    expect(joined.participant?.attributes).toMatchObject({
      'sip.callStatus': 'ringing',
      'sip.phoneNumber': PHONE,
    });
    const left = await receive({
      ...base,
      event: 'participant_left',
      callStatus: 'hangup',
      disconnectReason: 'USER_REJECTED',
    });
    expect(left.participant?.toJson()).toMatchObject({
      disconnectReason: 'USER_REJECTED',
      state: 'DISCONNECTED',
    });
    expect(left.participant?.attributes['sip.callStatus']).toBe('hangup');
  });
});
