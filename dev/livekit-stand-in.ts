/**
 * A stand-in for the LiveKit server API (Twirp over HTTP, as livekit-server-sdk speaks it), for
 * tests and for `npm run dev` without `livekit-server`. Served at `/twirp/livekit.<Service>/<Method>`:
 *   RoomService         CreateRoom, ListRooms, DeleteRoom, UpdateRoomMetadata, ListParticipants,
 *                       GetParticipant, RemoveParticipant, UpdateParticipant, SendData
 *   AgentDispatchService CreateDispatch, ListDispatch, DeleteDispatch
 *   SIP                 CreateSIPParticipant, through the trunks it is given (outcomes on
 *                       demand: livekit-sip.ts)
 *   Ingress             CreateIngress, ListIngress, DeleteIngress
 * It checks the Authorization token the SDK signs for each method as LiveKit does
 * (livekit-twirp.ts), answers protobuf JSON built with the SDK's own message classes, records
 * every call with the status it answered, fails on demand (`failNext`, `sipOutcome`), and signs
 * webhooks the way LiveKit does (livekit-webhooks.ts). Media is out of scope: for that, run
 * `livekit-server --dev`. Unknown methods answer Twirp `bad_route`, as LiveKit does.
 *
 * An agent worker is running, as with the real stack in dev: a dispatch brings an agent
 * participant (kind AGENT, identity `agent-AJ_…` as LiveKit names a job's participant) into the
 * room, and `participant_joined` is POSTed to `webhookUrl`, signed. Unlike LiveKit, where the
 * agent joins a moment after CreateDispatch answered, the webhook is delivered before it answers,
 * so a test never races it. `agentWorker(false)`: no worker runs, and dispatches go unanswered.
 * RemoveParticipant reports the participant gone (`participant_left`) the same way.
 */
import { AgentDispatch, IngressInfo, ParticipantInfo, type Room } from 'livekit-server-sdk';
import { createRoomStore, livekitId, text, type Body, type ParticipantInit } from './livekit-rooms';
import { createSipDialer, type SipOutcome } from './livekit-sip';
import * as twirp from './livekit-twirp';
import { signLivekitWebhook, type WebhookInit } from './livekit-webhooks';

export type { SipOutcome, WebhookInit };

export interface TwirpCall {
  service: string;
  method: string;
  body: Record<string, unknown>;
  /** The HTTP status answered; undefined while the stand-in still holds the request. */
  status?: number;
}

export interface LivekitStandIn {
  handle(request: Request): Promise<Response>;
  /** Every call that reached a known method, authorized or not, in arrival order. */
  calls(method?: string): TwirpCall[];
  /** The next `count` authorized calls, to any method, answer this HTTP status as a Twirp error. */
  failNext(status: number, count?: number): void;
  /** What CreateSIPParticipant to `number` ('*': any other number) does from now on. */
  sipOutcome(number: string, outcome: SipOutcome): void;
  rooms(): Room[];
  participants(room: string): ParticipantInfo[];
  /** Someone joins `room` (creating it, as joining does in LiveKit). */
  addParticipant(room: string, participant: ParticipantInit): ParticipantInfo;
  /** Agent dispatches created and not deleted (deleting their room keeps them here). */
  dispatches(room?: string): AgentDispatch[];
  /** Ingresses created and not deleted (deleting their room keeps them here). */
  ingresses(room?: string): IngressInfo[];
  /** A signed webhook delivery, as LiveKit would POST it. */
  signWebhook(event: WebhookInit): Promise<{ body: string; authorization: string }>;
  /** Whether an agent worker answers dispatches from now on (it does, until told otherwise). */
  agentWorker(running: boolean): void;
}

type Handler = (body: Body) => Response | Promise<Response>;

export function createLivekitStandIn(options: {
  apiKey: string;
  apiSecret: string;
  /** Where the stand-in POSTs the webhooks it sends itself (an agent joining); none without. */
  webhookUrl?: string;
  /** The SIP outbound trunks it has: a dial through any other is refused (404), as LiveKit does. */
  sipTrunks?: string[];
}): LivekitStandIn {
  const recorded: TwirpCall[] = [];
  const failures: number[] = [];
  const store = createRoomStore();
  const sip = createSipDialer(store.join, options.sipTrunks ?? []);
  let dispatches: AgentDispatch[] = [];
  let ingresses: IngressInfo[] = [];
  let workerRunning = true;

  /** The worker takes the job: its participant joins the room, and LiveKit says so by webhook. */
  async function agentJoins(dispatch: AgentDispatch) {
    const participant = store.join(
      dispatch.room,
      ParticipantInfo.fromJson({
        identity: `agent-${livekitId('AJ_')}`,
        name: dispatch.agentName,
        kind: 'AGENT',
        isPublisher: true,
        attributes: { 'lk.agent.state': 'initializing' },
      }),
    );
    await deliver('participant_joined', dispatch.room, participant);
  }

  /** LiveKit's webhook about a participant of `room`, POSTed to `webhookUrl` when there is one. */
  async function deliver(event: string, room: string, participant: ParticipantInfo) {
    if (!options.webhookUrl) return;
    const delivery = await signLivekitWebhook(options.apiKey, options.apiSecret, {
      event,
      id: livekitId('EV_'),
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
      room: { name: room },
      participant,
    });
    // As LiveKit, a receiver that is down loses the event; the call itself succeeded.
    await fetch(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/webhook+json',
        authorization: delivery.authorization,
      },
      body: delivery.body,
    }).catch(() => undefined);
  }

  /** Removing a participant disconnects it, and LiveKit reports it gone (participant_left). */
  async function removeParticipant(body: Body) {
    const room = text(body.room);
    const participant = store.participants(room).find((p) => p.identity === text(body.identity));
    const response = await store.handlers.RemoveParticipant(body);
    if (participant && response.ok) await deliver('participant_left', room, participant);
    return response;
  }

  const agentDispatch = {
    async CreateDispatch(body: Body) {
      const dispatch = new AgentDispatch({
        id: livekitId('AD_'),
        agentName: text(body.agentName),
        room: text(body.room),
        metadata: text(body.metadata),
        state: { createdAt: BigInt(Date.now()) * 1_000_000n },
      });
      dispatches.push(dispatch);
      if (workerRunning) await agentJoins(dispatch);
      return Response.json(dispatch.toJson());
    },
    ListDispatch(body: Body) {
      const listed = dispatches.filter(
        (d) => d.room === text(body.room) && (!text(body.dispatchId) || d.id === body.dispatchId),
      );
      return Response.json({ agentDispatches: listed.map((d) => d.toJson()) });
    },
    DeleteDispatch(body: Body) {
      const dispatch = dispatches.find((d) => d.id === body.dispatchId && d.room === body.room);
      if (!dispatch) return twirp.twirpError('not_found', 'dispatch not found');
      dispatches = dispatches.filter((d) => d !== dispatch);
      return Response.json(dispatch.toJson());
    },
  };

  const ingress = {
    CreateIngress(body: Body) {
      // RTMP_INPUT is the enum's zero value, which protobuf JSON leaves out.
      const inputType = text(body.inputType) || 'RTMP_INPUT';
      const pulls = inputType === 'URL_INPUT';
      const info = IngressInfo.fromJson({
        ingressId: livekitId('IN_'),
        name: text(body.name),
        inputType,
        url: pulls ? text(body.url) : 'rtmp://127.0.0.1:1935/x',
        streamKey: pulls ? '' : livekitId(''),
        roomName: text(body.roomName),
        participantIdentity: text(body.participantIdentity),
        participantName: text(body.participantName),
        participantMetadata: text(body.participantMetadata),
        reusable: !pulls,
        state: { status: pulls ? 'ENDPOINT_BUFFERING' : 'ENDPOINT_INACTIVE' },
      });
      ingresses.push(info);
      // A URL ingress starts pulling at once and publishes into the room as its participant.
      if (pulls) store.join(info.roomName, ingressParticipant(info));
      return Response.json(info.toJson());
    },
    ListIngress(body: Body) {
      const listed = ingresses.filter(
        (i) =>
          (!text(body.roomName) || i.roomName === body.roomName) &&
          (!text(body.ingressId) || i.ingressId === body.ingressId),
      );
      return Response.json({ items: listed.map((i) => i.toJson()) });
    },
    DeleteIngress(body: Body) {
      const info = ingresses.find((i) => i.ingressId === body.ingressId);
      if (!info) return twirp.twirpError('not_found', 'ingress does not exist');
      ingresses = ingresses.filter((i) => i !== info);
      return Response.json(info.toJson());
    },
  };

  const { handlers: rooms } = store;
  const routes: Record<string, [twirp.Permission, Handler]> = {
    'RoomService/CreateRoom': [twirp.roomCreate, rooms.CreateRoom],
    'RoomService/ListRooms': [twirp.roomList, rooms.ListRooms],
    'RoomService/DeleteRoom': [twirp.roomCreate, rooms.DeleteRoom],
    'RoomService/UpdateRoomMetadata': [twirp.roomAdmin, rooms.UpdateRoomMetadata],
    'RoomService/ListParticipants': [twirp.roomAdmin, rooms.ListParticipants],
    'RoomService/GetParticipant': [twirp.roomAdmin, rooms.GetParticipant],
    'RoomService/RemoveParticipant': [twirp.roomAdmin, removeParticipant],
    'RoomService/UpdateParticipant': [twirp.roomAdmin, rooms.UpdateParticipant],
    'RoomService/SendData': [twirp.roomAdmin, rooms.SendData],
    'AgentDispatchService/CreateDispatch': [twirp.roomAdmin, agentDispatch.CreateDispatch],
    'AgentDispatchService/ListDispatch': [twirp.roomAdmin, agentDispatch.ListDispatch],
    'AgentDispatchService/DeleteDispatch': [twirp.roomAdmin, agentDispatch.DeleteDispatch],
    'SIP/CreateSIPParticipant': [twirp.sipCall, sip.CreateSIPParticipant],
    'Ingress/CreateIngress': [twirp.ingressAdmin, ingress.CreateIngress],
    'Ingress/ListIngress': [twirp.ingressAdmin, ingress.ListIngress],
    'Ingress/DeleteIngress': [twirp.ingressAdmin, ingress.DeleteIngress],
  };

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const [, service = '', method = ''] = /\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(path) ?? [];
    const route = routes[`${service}/${method}`];
    if (request.method !== 'POST' || !route) {
      return twirp.twirpError('bad_route', `no handler for path "${path}"`);
    }
    const body = await readBody(request);
    if (!body) return twirp.twirpError('malformed', 'the json request could not be decoded');
    const call: TwirpCall = { service, method, body };
    recorded.push(call);
    const response = await respond(request, route, body);
    call.status = response.status;
    return response;
  }

  async function respond(
    request: Request,
    [permitted, handler]: [twirp.Permission, Handler],
    body: Body,
  ) {
    const authorization = request.headers.get('authorization');
    const claims = await twirp.readClaims(authorization, options.apiKey, options.apiSecret);
    if (claims === 'invalid') return twirp.invalidToken();
    if (!permitted(claims, body)) return twirp.permissionDenied();
    const failure = failures.shift();
    if (failure) {
      return twirp.twirpError(twirp.twirpCodeFor(failure), 'injected failure', undefined, failure);
    }
    return handler(body);
  }

  return {
    handle,
    calls: (method) => recorded.filter((call) => !method || call.method === method),
    failNext(status, count = 1) {
      failures.push(...Array.from({ length: count }, () => status));
    },
    sipOutcome: sip.setOutcome,
    rooms: store.rooms,
    participants: store.participants,
    addParticipant: (room, participant) => store.join(room, new ParticipantInfo(participant)),
    dispatches: (room) => dispatches.filter((d) => !room || d.room === room),
    ingresses: (room) => ingresses.filter((i) => !room || i.roomName === room),
    signWebhook: (init) => signLivekitWebhook(options.apiKey, options.apiSecret, init),
    agentWorker(running) {
      workerRunning = running;
    },
  };
}

async function readBody(request: Request): Promise<Body | undefined> {
  const body: unknown = await request.json().catch(() => undefined);
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Body)
    : undefined;
}

function ingressParticipant(info: IngressInfo) {
  return ParticipantInfo.fromJson({
    identity: info.participantIdentity,
    name: info.participantName,
    metadata: info.participantMetadata,
    kind: 'INGRESS',
    isPublisher: true,
    attributes: { 'ingress.ingressID': info.ingressId },
  });
}
