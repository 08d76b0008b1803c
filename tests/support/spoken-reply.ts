/**
 * A recorded spoken reply for Chromium's fake microphone (`--use-file-for-fake-audio-capture`),
 * made at test time with the worker's own offline voice (eSpeak NG). Chromium loops the file, so
 * the words are followed by silence: each loop is one utterance the worker can end-point.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { espeak } from '../../agent/voice/espeak';

const SILENCE_AFTER_S = 2.5;

export async function recordSpokenReply(words: string, folder: string): Promise<string> {
  const { samples, sampleRate } = await espeak(words, 'en');
  const padded = new Int16Array(samples.length + Math.round(sampleRate * SILENCE_AFTER_S));
  padded.set(samples);
  return writeWav(join(folder, `reply-${words.replace(/\W+/g, '-')}.wav`), padded, sampleRate);
}

/** A microphone that hears nothing: without a file Chromium's fake capture beeps. */
export function recordSilence(folder: string): Promise<string> {
  const sampleRate = 16_000;
  return writeWav(join(folder, 'reply-silence.wav'), new Int16Array(sampleRate), sampleRate);
}

async function writeWav(path: string, samples: Int16Array, sampleRate: number) {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  await writeFile(path, Buffer.concat([header, data]));
  return path;
}
