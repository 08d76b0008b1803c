/**
 * The rooms and participants behind the LiveKit stand-in's RoomService, answering as
 * livekit/livekit pkg/service/roomservice.go does: CreateRoom returns the room (creating it, or
 * updating the settings given of one that exists), DeleteRoom / UpdateRoomMetadata of an unknown
 * room → `not_found` "requested room does not exist", ListParticipants of an unknown room → none.
 * A participant joining (a SIP callee, an ingress) creates its room, as joining does in LiveKit.
 * Defaults are livekit-server's: empty timeout 300 s, departure timeout 20 s.
 */
import { randomBytes } from 'node:crypto';
import { type ParticipantInfo, ParticipantInfo_State, Room } from 'livekit-server-sdk';
import { twirpError } from './livekit-twirp';

export type Body = Record<string, unknown>;
export type ParticipantInit = NonNullable<ConstructorParameters<typeof ParticipantInfo>[0]>;

/** An id as LiveKit writes them: a prefix such as RM_, PA_, AD_, IN_, SCL_ and 12 characters. */
export function livekitId(prefix: string): string {
  return prefix + randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const noSuchRoom = () => twirpError('not_found', 'requested room does not exist');

export function createRoomStore() {
  const rooms = new Map<string, Room>();
  const members = new Map<string, Map<string, ParticipantInfo>>();

  function open(name: string): Room {
    let room = rooms.get(name);
    if (!room) {
      const now = Date.now();
      room = new Room({
        name,
        sid: livekitId('RM_'),
        emptyTimeout: 300,
        departureTimeout: 20,
        creationTime: BigInt(Math.floor(now / 1000)),
        creationTimeMs: BigInt(now),
      });
      rooms.set(name, room);
      members.set(name, new Map());
    }
    return room;
  }

  const participantsOf = (room: string) => [...(members.get(room)?.values() ?? [])];
  const roomJson = (room: Room) => {
    room.numParticipants = participantsOf(room.name).length;
    return Response.json(room.toJson());
  };
  const participantIn = (body: Body) => members.get(text(body.room))?.get(text(body.identity));

  function join(roomName: string, participant: ParticipantInfo): ParticipantInfo {
    open(roomName);
    const now = Date.now();
    participant.sid ||= livekitId('PA_');
    participant.state ||= ParticipantInfo_State.ACTIVE;
    participant.joinedAt ||= BigInt(Math.floor(now / 1000));
    participant.joinedAtMs ||= BigInt(now);
    members.get(roomName)!.set(participant.identity, participant);
    return participant;
  }

  const handlers = {
    CreateRoom(body: Body) {
      const name = text(body.name);
      if (!name) return twirpError('invalid_argument', 'no room name');
      const room = open(name);
      for (const key of ['emptyTimeout', 'departureTimeout', 'maxParticipants'] as const) {
        if (typeof body[key] === 'number') room[key] = body[key];
      }
      if (text(body.metadata)) room.metadata = text(body.metadata);
      return roomJson(room);
    },
    ListRooms(body: Body) {
      const names = Array.isArray(body.names) && body.names.length ? body.names : undefined;
      const listed = [...rooms.values()].filter((room) => !names || names.includes(room.name));
      return Response.json({ rooms: listed.map((room) => room.toJson()) });
    },
    DeleteRoom(body: Body) {
      const name = text(body.room);
      if (!rooms.delete(name)) return noSuchRoom();
      members.delete(name);
      return Response.json({});
    },
    UpdateRoomMetadata(body: Body) {
      const room = rooms.get(text(body.room));
      if (!room) return noSuchRoom();
      room.metadata = text(body.metadata);
      return roomJson(room);
    },
    ListParticipants(body: Body) {
      const participants = participantsOf(text(body.room));
      return Response.json({ participants: participants.map((p) => p.toJson()) });
    },
    GetParticipant(body: Body) {
      const participant = participantIn(body);
      if (!participant) return twirpError('not_found', 'participant does not exist');
      return Response.json(participant.toJson());
    },
    RemoveParticipant(body: Body) {
      if (!participantIn(body)) return twirpError('not_found', 'participant not found');
      members.get(text(body.room))!.delete(text(body.identity));
      return Response.json({});
    },
    UpdateParticipant(body: Body) {
      const participant = participantIn(body);
      if (!participant) return twirpError('not_found', 'participant does not exist');
      if (text(body.metadata)) participant.metadata = text(body.metadata);
      if (text(body.name)) participant.name = text(body.name);
      // LiveKit merges attributes; an empty value removes the key.
      for (const [key, value] of Object.entries((body.attributes ?? {}) as Body)) {
        if (text(value)) participant.attributes[key] = text(value);
        else delete participant.attributes[key];
      }
      return Response.json(participant.toJson());
    },
    SendData: () => Response.json({}),
  };

  return {
    handlers,
    join,
    rooms: () => [...rooms.values()],
    participants: participantsOf,
  };
}
