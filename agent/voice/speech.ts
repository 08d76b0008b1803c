import type { Language } from '../scripts/script-types';

/** Mono 16-bit audio. */
export interface Speech {
  samples: Int16Array;
  sampleRate: number;
}

/**
 * The voice the worker talks and listens with: offline (eSpeak NG + pocketsphinx) or a cloud
 * stack. `name` is what the worker reports in its `hello` and prints at start.
 */
export interface SpeechStack {
  name: { stt: string; tts: string; llm: string | null };
  /** Which replies the recogniser understands, printed at start (the offline one: English). */
  understands: string;
  /** The rate of what `speak` returns (the agent's track is opened at it). */
  sampleRate: number;
  speak(text: string, language: Language): Promise<Speech>;
  /** The words in one utterance (16 kHz mono), or '' when nothing was recognised. */
  transcribe(utterance: Int16Array, language: Language): Promise<string>;
}
