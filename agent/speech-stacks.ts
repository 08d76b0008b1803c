/**
 * Which voice the worker uses. Offline by default: eSpeak NG speaks every language;
 * pocketsphinx understands English yes / no / later only (Debian ships no other model), so in
 * ko, ja, th and zh-TW a spoken reply is heard only when it is one of those English words, and a
 * phone's keypad (1 yes, 2 no, 3 later) works in every language.
 */
import { espeak } from './voice/espeak';
import { openaiSpeech } from './voice/openai-speech';
import { pocketsphinx } from './voice/pocketsphinx';
import type { SpeechStack } from './voice/speech';

const ESPEAK_SAMPLE_RATE = 22_050;

const offlineSpeech: SpeechStack = {
  name: { stt: 'pocketsphinx', tts: 'espeak-ng', llm: null },
  understands:
    'spoken English "yes", "no", "later" in every language (pocketsphinx en-us); on phone calls also the keypad: 1 yes, 2 no, 3 later',
  sampleRate: ESPEAK_SAMPLE_RATE,
  async speak(text, language) {
    const speech = await espeak(text, language);
    if (speech.sampleRate !== ESPEAK_SAMPLE_RATE) {
      throw new Error(`espeak-ng spoke at ${speech.sampleRate} Hz, not ${ESPEAK_SAMPLE_RATE}.`);
    }
    return speech;
  },
  transcribe: (utterance) => pocketsphinx(utterance),
};

/** OPENAI_API_KEY switches on OpenAI's voice (openai-speech.ts); otherwise the offline one. */
export function activeSpeech(env: NodeJS.ProcessEnv = process.env): SpeechStack {
  return env.OPENAI_API_KEY ? openaiSpeech(env.OPENAI_API_KEY) : offlineSpeech;
}
