/**
 * Offline recognition of short replies: Debian 12's pocketsphinx (`pocketsphinx_continuous`, the
 * 5prealpha CLI; `pocketsphinx` 5's new CLI is not in Debian 12) with its en-us model, decoding
 * one end-pointed utterance (raw 16 kHz mono PCM) against a small grammar of replies. A grammar
 * rather than keyword spotting: on one-word utterances keyword spotting misses most of them,
 * while noise against the grammar decodes to nothing. English only (the only model Debian has).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPLY_GRAMMAR } from './replies';

const MODEL = '/usr/share/pocketsphinx/model/en-us';
const run = promisify(execFile);

export async function pocketsphinx(utterance: Int16Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'liff-calls-reply-'));
  try {
    const grammar = join(dir, 'reply.gram');
    const audio = join(dir, 'reply.raw');
    await writeFile(grammar, REPLY_GRAMMAR);
    await writeFile(
      audio,
      new Uint8Array(utterance.buffer, utterance.byteOffset, utterance.byteLength),
    );
    const { stdout } = await run('pocketsphinx_continuous', [
      ...['-infile', audio, '-jsgf', grammar, '-logfn', '/dev/null'],
      ...['-hmm', join(MODEL, 'en-us'), '-dict', join(MODEL, 'cmudict-en-us.dict')],
    ]);
    return stdout.trim().split('\n').at(-1)?.trim() ?? '';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
