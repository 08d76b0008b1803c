/**
 * Offline text-to-speech: Debian's `espeak-ng` binary, one process per line, WAV on stdout. A
 * robotic voice, but it needs no account and no network, and it speaks all five languages
 * (Japanese from kana; see scripts/lines/ja.ts).
 */
import { spawn } from 'node:child_process';
import type { Language } from '../scripts/script-types';
import type { Speech } from './speech';

/** eSpeak NG's voice per language: Mandarin (`cmn`) reads the zh-TW lines. */
const VOICES: Record<Language, string> = {
  en: 'en-us',
  ko: 'ko',
  ja: 'ja',
  th: 'th',
  'zh-TW': 'cmn',
};

export async function espeak(text: string, language: Language): Promise<Speech> {
  const wav = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('espeak-ng', ['-v', VOICES[language], '-s', '150', '--stdout', '--stdin']);
    const chunks: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(chunks))
        : reject(new Error(`espeak-ng exited ${code}: ${errors.trim()}`)),
    );
    child.stdin.end(text);
  });
  return readWav(wav);
}

/**
 * The samples of a 16-bit mono WAV. eSpeak streams to stdout, so its header's sizes are
 * placeholders: the data runs to the end of the output.
 */
function readWav(wav: Buffer): Speech {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('Not a WAV file.');
  }
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') sampleRate = wav.readUInt32LE(offset + 12);
    if (id === 'data') {
      const start = offset + 8;
      const end = start + Math.min(size, wav.length - start);
      const bytes = wav.subarray(start, end - ((end - start) % 2));
      const samples = new Int16Array(bytes.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      return { samples, sampleRate };
    }
    offset += 8 + size;
  }
  throw new Error('The WAV file has no data.');
}
