/**
 * The cloud voice, switched on by OPENAI_API_KEY: OpenAI's text-to-speech and transcription
 * through `@livekit/agents-plugin-openai`, used line by line and utterance by utterance like the
 * offline stack, so the same script decides (no model interprets the call: the replies are yes,
 * no or later in the callee's language, matched by replies.ts).
 */
import * as openai from '@livekit/agents-plugin-openai';
import { AudioFrame } from '@livekit/rtc-node';
import type { Language } from '../scripts/script-types';
import type { Speech, SpeechStack } from './speech';
import { SAMPLE_RATE } from './utterances';

/** The plugin's TTS speaks 24 kHz mono. */
const OPENAI_TTS_SAMPLE_RATE = 24_000;
/** OpenAI's transcription takes ISO 639-1 codes. */
const TRANSCRIBE_LANGUAGE: Record<Language, string> = {
  en: 'en',
  ko: 'ko',
  ja: 'ja',
  th: 'th',
  'zh-TW': 'zh',
};

export function openaiSpeech(apiKey: string): SpeechStack {
  const tts = new openai.TTS({ apiKey, model: 'gpt-4o-mini-tts', voice: 'alloy' });
  const stts = new Map<Language, openai.STT>();
  const sttFor = (language: Language) => {
    let stt = stts.get(language);
    if (!stt) {
      stt = new openai.STT({
        apiKey,
        language: TRANSCRIBE_LANGUAGE[language],
        model: 'gpt-4o-mini-transcribe',
      });
      stts.set(language, stt);
    }
    return stt;
  };
  return {
    name: { stt: 'openai', tts: 'openai', llm: null },
    understands:
      "yes / no / later in the callee's language or English (OpenAI transcription); on phone calls also the keypad",
    sampleRate: OPENAI_TTS_SAMPLE_RATE,
    async speak(text): Promise<Speech> {
      const parts: Int16Array[] = [];
      for await (const { frame } of tts.synthesize(text)) parts.push(frame.data);
      const samples = new Int16Array(parts.reduce((n, part) => n + part.length, 0));
      let at = 0;
      for (const part of parts) {
        samples.set(part, at);
        at += part.length;
      }
      return { samples, sampleRate: OPENAI_TTS_SAMPLE_RATE };
    },
    async transcribe(utterance, language) {
      const frame = new AudioFrame(utterance, SAMPLE_RATE, 1, utterance.length);
      const event = await sttFor(language).recognize(frame);
      return event.alternatives?.[0]?.text.trim() ?? '';
    },
  };
}
