/**
 * The agent's microphone: one audio track it publishes, fed with synthesized speech. Lines are
 * queued in 20 ms frames (a whole number of samples at eSpeak's 22 050 Hz) and awaited until
 * played out, so the caption, the report and the voice of a line go together.
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
  say(speech: Speech, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export async function publishAgentVoice(room: Room, sampleRate: number): Promise<AgentVoice> {
  const source = new AudioSource(sampleRate, 1);
  const track = LocalAudioTrack.createAudioTrack('agent-voice', source);
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_MICROPHONE;
  await room.localParticipant!.publishTrack(track, options);
  const frameSamples = sampleRate / 50;
  return {
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
