// The operator's side of a call's room, without React: join with the token the console API gave
// (listen-only, or with the microphone published to take the call over), play what is said into
// `speaker`, and say when the browser blocks sound or the room goes away. Loaded on the first
// Listen in / Take over, so livekit-client is not in the console's chunk.
import { RoomEvent, Track } from 'livekit-client';
import type { OperatorRoomToken } from '../../../api/_lib/console-contract';
import { connectRoom, createRoom } from '../../lib/livekit/connect-room';

export interface OperatorMedia {
  /** Browsers play sound only after a click on the page; true until then. */
  audioBlocked(): boolean;
  startAudio(): Promise<void>;
  leave(): Promise<void>;
}

interface JoinOptions {
  speak: boolean;
  speaker: HTMLElement;
  onAudioBlockedChange: () => void;
  /** The room ended or dropped us (not called for our own leave()). */
  onLeft: () => void;
}

export async function joinOperatorRoom(
  { serverUrl, token }: OperatorRoomToken,
  { speak, speaker, onAudioBlockedChange, onLeft }: JoinOptions,
): Promise<OperatorMedia> {
  const room = createRoom();
  let leaving = false;
  room
    .on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === Track.Kind.Audio) speaker.append(track.attach());
    })
    .on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.remove()))
    .on(RoomEvent.AudioPlaybackStatusChanged, onAudioBlockedChange)
    .on(RoomEvent.Disconnected, () => {
      speaker.replaceChildren();
      if (!leaving) onLeft();
    });
  const leave = async () => {
    leaving = true;
    await room.disconnect();
    room.removeAllListeners();
    speaker.replaceChildren();
  };
  try {
    if ((await connectRoom(room, { url: serverUrl, token })) === 'unreachable') {
      throw new Error("The media server didn't answer.");
    }
    if (speak) await room.localParticipant.setMicrophoneEnabled(true);
  } catch (error) {
    await leave();
    throw error;
  }
  return { audioBlocked: () => !room.canPlaybackAudio, startAudio: () => room.startAudio(), leave };
}
