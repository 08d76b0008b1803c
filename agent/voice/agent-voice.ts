/**
 * The agent's microphone: one audio track it publishes, fed with synthesized speech. Lines are
 * queued in 20 ms frames (a whole number of samples at eSpeak's 22 050 Hz) and awaited until
 * played out, so the caption, the report and the voice of a line go together.
 *
 * The first line waits for the callee's side to subscribe: the agent is told of the callee when
 * they join, but their page (or the SIP bridge) may take seconds more to receive audio on a slow
 * phone, and a greeting spoken before that is lost to them while its caption still shows.
 */
import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  TrackPublishOptions,
  TrackSource,
  type Room,
} from '@livekit/rtc-node';
import type { Speech } from './speech';

export interface AgentVoice {
  /** Once someone receives the voice, or after `waitMs` (then the agent speaks anyway). */
  untilHeard(waitMs: number, signal: AbortSignal): Promise<void>;
  say(speech: Speech, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export async function publishAgentVoice(room: Room, sampleRate: number): Promise<AgentVoice> {
  const source = new AudioSource(sampleRate, 1);
  const track = LocalAudioTrack.createAudioTrack('agent-voice', source);
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_MICROPHONE;
  const publication = await room.localParticipant!.publishTrack(track, options);
  const frameSamples = sampleRate / 50;
  return {
    async untilHeard(waitMs, signal) {
      const givenUp = AbortSignal.any([signal, AbortSignal.timeout(waitMs)]);
      if (givenUp.aborted) return;
      const gaveUp = new Promise((resolve) =>
        givenUp.addEventListener('abort', resolve, { once: true }),
      );
      await Promise.race([publication.waitForSubscription(), gaveUp]);
    },
    async say({ samples, sampleRate: rate }, signal) {
      if (rate !== sampleRate)
        throw new Error(`Speech at ${rate} Hz, the track is ${sampleRate} Hz.`);
      for (let at = 0; at < samples.length && !signal.aborted; at += frameSamples) {
        const data = new Int16Array(frameSamples);
        data.set(samples.subarray(at, at + frameSamples));
        await source.captureFrame(new AudioFrame(data, sampleRate, 1, frameSamples));
      }
      if (signal.aborted) source.clearQueue();
      else await source.waitForPlayout();
    },
    async close() {
      await source.close();
    },
  };
}
