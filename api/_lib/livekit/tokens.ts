/** Join tokens for LiveKit rooms, minted with the official server SDK. */
import { getConfig } from '../config.js';
import type { RoomToken } from '../contract.js';

/** Long enough to connect and reconnect; LiveKit refreshes the token of a connected participant. */
const JOIN_TOKEN_TTL_SECONDS = 10 * 60;

export interface JoinGrant {
  room: string;
  identity: string;
  name: string;
  /** Limits what may be published (an audio call publishes the microphone only). */
  sources?: ('camera' | 'microphone' | 'screen_share' | 'screen_share_audio')[];
  /**
   * A hidden participant that neither publishes nor subscribes: the callee's ringing screen sits
   * in the room only to learn at once when the caller cancels (the room closes).
   */
  listenOnly?: boolean;
  /**
   * A hidden participant that subscribes and publishes nothing, not even data: an operator
   * listening in to an agent call, unseen by the callee and the agent.
   */
  listensHidden?: boolean;
  /**
   * How long LiveKit waits for a dropped participant to come back before it reports them gone
   * (participant_left); applies when this token's join creates the room.
   */
  departureTimeoutSeconds?: number;
}

/** What the app gets: the token, where to use it, and who it names. */
export type JoinToken = RoomToken;

export async function mintJoinToken(grant: JoinGrant): Promise<JoinToken> {
  // Imported here, not at the top: the SDK is heavy and most functions never mint a token.
  const { AccessToken, RoomConfiguration, TrackSource } = await import('livekit-server-sdk');
  const { livekit } = getConfig();
  const accessToken = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: grant.identity,
    name: grant.name,
    ttl: JOIN_TOKEN_TTL_SECONDS,
  });
  const sourceMap = {
    camera: TrackSource.CAMERA,
    microphone: TrackSource.MICROPHONE,
    screen_share: TrackSource.SCREEN_SHARE,
    screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
  };
  const publishes = !grant.listenOnly && !grant.listensHidden;
  accessToken.addGrant({
    room: grant.room,
    roomJoin: true,
    roomCreate: false,
    roomAdmin: false,
    roomList: false,
    canPublish: publishes,
    canSubscribe: !grant.listenOnly,
    canPublishData: publishes,
    hidden: grant.listenOnly === true || grant.listensHidden === true,
    canUpdateOwnMetadata: false,
    ...(grant.sources ? { canPublishSources: grant.sources.map((s) => sourceMap[s]) } : {}),
  });
  if (grant.departureTimeoutSeconds !== undefined) {
    accessToken.roomConfig = new RoomConfiguration({
      departureTimeout: grant.departureTimeoutSeconds,
    });
  }
  return {
    token: await accessToken.toJwt(),
    url: livekit.url,
    room: grant.room,
    identity: grant.identity,
    name: grant.name,
    expiresAt: new Date(Date.now() + JOIN_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}
