/**
 * Hears the callee's short replies: their audio track, end-pointed into utterances
 * (utterances.ts) and transcribed by the speech stack, or a key pressed on a phone (DTMF from the
 * SIP participant). Speech is heard only while listening: what the callee says while the agent
 * speaks is dropped (no barge-in), so the agent's own voice coming back through a speaker is not
 * taken for a reply. A key pressed during the question is kept for it.
 */
import {
  AudioStream,
  RoomEvent,
  TrackKind,
  type RemoteParticipant,
  type RemoteTrack,
  type Room,
} from '@livekit/rtc-node';
import type { Language, Reply } from '../scripts/script-types';
import { answerForKey, answerIn } from './replies';
import type { SpeechStack } from './speech';
import { SAMPLE_RATE, utteranceDetector, type UtteranceDetector } from './utterances';

export interface Heard {
  reply: Reply;
  /** What the callee said or keyed, for the transcript; null when nothing was heard. */
  text: string | null;
}

export interface ReplyListener {
  /** Waits up to `ms` for a reply to start (then for it to end). */
  listen(ms: number, signal: AbortSignal): Promise<Heard>;
  close(): void;
}

export function listenToCallee(
  room: Room,
  callee: RemoteParticipant,
  stack: SpeechStack,
  language: Language,
): ReplyListener {
  let detector: UtteranceDetector = utteranceDetector();
  let waiting: ((heard: Heard) => void) | null = null;
  const streams: AudioStream[] = [];
  let transcribing = 0;

  const heardWords = async (utterance: Int16Array) => {
    // The listen this utterance belongs to: once it has ended (a key, a hang-up), the words
    // must not answer the next question.
    const listening = waiting;
    transcribing += 1;
    const words = await stack
      .transcribe(utterance, language)
      .catch((error: unknown) => {
        console.error('[agent] recognition failed:', error);
        return '';
      })
      .finally(() => (transcribing -= 1));
    listening?.({ reply: answerIn(words, language) ?? 'unclear', text: words || null });
  };

  const readTrack = async (track: RemoteTrack) => {
    const stream = new AudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1 });
    streams.push(stream);
    for await (const frame of stream) {
      if (!waiting) continue;
      for (const utterance of detector.push(frame.data)) void heardWords(utterance);
    }
  };

  const onTrack = (track: RemoteTrack, _: unknown, participant: RemoteParticipant) => {
    if (participant.identity !== callee.identity || track.kind !== TrackKind.KIND_AUDIO) return;
    readTrack(track).catch((error: unknown) => console.error('[agent] callee audio:', error));
  };
  // A key pressed while the agent is still asking counts as the answer (as on any phone menu).
  let keyAhead: string | null = null;
  const keyed = (digit: string): Heard => ({
    reply: answerForKey(digit) ?? 'unclear',
    text: `(keypad ${digit})`,
  });
  const onKey = (_code: number, digit: string, participant: RemoteParticipant) => {
    if (participant.identity !== callee.identity) return;
    if (waiting) waiting(keyed(digit));
    else keyAhead = digit;
  };
  room.on(RoomEvent.TrackSubscribed, onTrack);
  room.on(RoomEvent.DtmfReceived, onKey);
  for (const publication of callee.trackPublications.values()) {
    if (publication.track) onTrack(publication.track, publication, callee);
  }

  return {
    listen(ms, signal) {
      detector = utteranceDetector();
      return new Promise<Heard>((resolve) => {
        let answered = false;
        const done = (heard: Heard) => {
          if (answered) return;
          answered = true;
          clearInterval(timer);
          signal.removeEventListener('abort', aborted);
          waiting = null;
          resolve(heard);
        };
        const aborted = () => done({ reply: 'silence', text: null });
        const deadline = Date.now() + ms;
        // At the deadline, a reply still being spoken or transcribed is let finish (utterances
        // are cut at 5 s).
        const timer = setInterval(() => {
          if (Date.now() >= deadline && !detector.speaking && transcribing === 0) aborted();
        }, 100);
        signal.addEventListener('abort', aborted, { once: true });
        waiting = done;
        if (keyAhead !== null) done(keyed(keyAhead));
        keyAhead = null;
      });
    },
    close() {
      room.off(RoomEvent.TrackSubscribed, onTrack);
      room.off(RoomEvent.DtmfReceived, onKey);
      for (const stream of streams) void stream.cancel().catch(() => undefined);
    },
  };
}
