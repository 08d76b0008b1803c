/**
 * One call's transcript, said twice: as live captions in the room (a text stream on LiveKit's
 * transcription topic, which livekit-client hands to `registerTextStreamHandler`) and as turns
 * reported to the app, numbered from 0. `liff.speaker` tells the page whose words they are
 * (captions of the callee's replies are sent by the agent, who recognised them).
 */
import type { Room } from '@livekit/rtc-node';
import type { ServerReports } from './server-reports';

const CAPTION_TOPIC = 'lk.transcription';
/** The longest turn the app stores. */
const MAX_TEXT = 2_000;

export interface CallTranscript {
  add(speaker: 'agent' | 'callee', text: string): Promise<void>;
  /** The reports in flight, to await before the outcome. */
  settled(): Promise<void>;
}

export function callTranscript(room: Room, sid: string, reports: ServerReports): CallTranscript {
  let seq = 0;
  const inFlight: Promise<unknown>[] = [];
  return {
    async add(speaker, text) {
      const turn = {
        type: 'turn',
        sid,
        seq: seq++,
        speaker,
        text: text.slice(0, MAX_TEXT),
      } as const;
      inFlight.push(reports.send({ ...turn, at: new Date().toISOString() }));
      await room
        .localParticipant!.sendText(turn.text, {
          topic: CAPTION_TOPIC,
          attributes: {
            'lk.transcription_final': 'true',
            'lk.segment_id': `${sid}-${turn.seq}`,
            'liff.speaker': speaker,
          },
        })
        .catch((error: unknown) => console.error('[agent] caption not sent:', error));
    },
    async settled() {
      await Promise.all(inFlight);
    },
  };
}
