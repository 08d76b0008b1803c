import { describe, expect, test } from 'vitest';
import { activeSpeech } from '../../agent/speech-stacks';
import { answerForKey, answerIn } from '../../agent/voice/replies';
import { SAMPLE_RATE, utteranceDetector } from '../../agent/voice/utterances';

describe('what a short reply means', () => {
  test.each([
    ['yes', 'en', 'yes'],
    ['yes i can', 'en', 'yes'],
    ['sure thanks', 'en', 'yes'],
    ['no', 'en', 'no'],
    ['no i can not', 'en', 'no'],
    ['not now', 'en', 'later'],
    ['call me later', 'en', 'later'],
    ['hello', 'en', undefined],
    ['', 'en', undefined],
    ['yes', 'ko', 'yes'],
    ['네, 가능합니다', 'ko', 'yes'],
    ['아니요', 'ko', 'no'],
    ['나중에 전화 주세요', 'ko', 'later'],
    ['はい', 'ja', 'yes'],
    ['いいえ', 'ja', 'no'],
    ['後でお願いします', 'ja', 'later'],
    ['ได้ค่ะ', 'th', 'yes'],
    ['ไม่ได้', 'th', 'no'],
    ['ไว้ก่อน', 'th', 'later'],
    ['可以', 'zh-TW', 'yes'],
    ['不是', 'zh-TW', 'no'],
    ['稍後再打', 'zh-TW', 'later'],
    ['later', 'zh-TW', 'later'],
  ] as const)('%j in %s → %s', (words, language, answer) => {
    expect(answerIn(words, language)).toBe(answer);
  });

  test.each([
    ['1', 'yes'],
    ['2', 'no'],
    ['3', 'later'],
    ['4', undefined],
    ['#', undefined],
  ])('keypad %s → %s', (digit, answer) => {
    expect(answerForKey(digit)).toBe(answer);
  });
});

describe('end-pointing the callee audio into utterances by energy', () => {
  const ms = (n: number) => Math.round((SAMPLE_RATE * n) / 1000);
  const silence = (n: number) => new Int16Array(ms(n));
  const tone = (n: number, amplitude = 3000) =>
    Int16Array.from({ length: ms(n) }, (_, i) => Math.round(amplitude * Math.sin(i / 3)));

  test('a word between silences is one utterance, cut after 700 ms of quiet, with pre-roll', () => {
    const detector = utteranceDetector();
    expect(detector.push(silence(500))).toEqual([]);
    expect(detector.push(tone(400))).toEqual([]);
    expect(detector.speaking).toBe(true);
    expect(detector.push(silence(600))).toEqual([]);
    const [utterance, ...more] = detector.push(silence(200));
    expect(more).toEqual([]);
    expect(detector.speaking).toBe(false);
    // 200 ms before, the word, then 700 ms of quiet.
    expect(utterance!.length).toBe(ms(200 + 400 + 700));
  });

  test('quiet noise and clicks shorter than 60 ms are not speech', () => {
    const detector = utteranceDetector();
    expect(detector.push(tone(2000, 200))).toEqual([]);
    expect(detector.push(tone(40))).toEqual([]);
    expect(detector.push(silence(1000))).toEqual([]);
    expect(detector.speaking).toBe(false);
  });

  test('speech already under way when listening begins is not a reply; the next one is', () => {
    const detector = utteranceDetector();
    // The tail of "call me later", talked over the question: its start is not in the utterance.
    expect(detector.push(tone(300))).toEqual([]);
    expect(detector.push(silence(150))).toEqual([]);
    expect(detector.push(tone(300))).toEqual([]);
    expect(detector.push(silence(1000))).toEqual([]);
    expect(detector.speaking).toBe(false);
    expect(detector.push(tone(400))).toEqual([]);
    const [utterance] = detector.push(silence(800));
    expect(utterance!.length).toBe(ms(200 + 400 + 700));
  });

  test('speech that never pauses is cut at 5 s; samples may arrive in any frame size', () => {
    const detector = utteranceDetector();
    const long = tone(6000);
    const ended = detector.push(silence(200));
    for (let at = 0; at < long.length; at += 333)
      ended.push(...detector.push(long.slice(at, at + 333)));
    expect(ended.map((u) => u.length)).toEqual([ms(5000)]);
  });
});

describe('the speech stack', () => {
  test('offline unless OPENAI_API_KEY is set', () => {
    expect(activeSpeech({}).name).toEqual({ stt: 'pocketsphinx', tts: 'espeak-ng', llm: null });
    expect(activeSpeech({ OPENAI_API_KEY: 'sk-test' }).name).toEqual({
      stt: 'openai',
      tts: 'openai',
      llm: null,
    });
  });
});
