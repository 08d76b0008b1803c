/**
 * What a reply means: words the recogniser heard, or a key pressed on a phone's keypad. English
 * words are understood in every call (the offline recogniser knows no other language); a cloud
 * recogniser also returns the callee's own language, matched by the words of that language.
 * Within a language "later" is tried first, then "no", then "yes": "not now" is a later, and
 * Thai "ไม่ได้" (cannot) holds "ได้" (can).
 */
import type { Answer, Language } from '../scripts/script-types';

type Words = [Answer, RegExp][];

const ENGLISH: Words = [
  ['later', /\b(later|not now|call (me )?back|busy)\b/],
  ['no', /\b(no|nope|not|can't|cannot)\b/],
  ['yes', /\b(yes|yeah|yep|sure|okay|ok|of course|i can|i will)\b/],
];

const OWN: Record<Exclude<Language, 'en'>, Words> = {
  ko: [
    ['later', /나중|다음에|바빠/],
    ['no', /아니|못|안 돼|안돼/],
    ['yes', /네|예|응|가능|할 수 있/],
  ],
  ja: [
    ['later', /あとで|後で|のちほど|今は無理|いまはむり/],
    ['no', /いいえ|いや|無理|むり|できません/],
    ['yes', /はい|ええ|うん|できます|大丈夫|だいじょうぶ/],
  ],
  th: [
    ['later', /ภายหลัง|ทีหลัง|ไว้ก่อน/],
    ['no', /ไม่/],
    ['yes', /ได้|ใช่|ค่ะ|ครับ/],
  ],
  'zh-TW': [
    ['later', /稍後|晚點|等一下|再說|以後/],
    ['no', /不/],
    ['yes', /可以|是|好|沒問題|会|會/],
  ],
};

/** The answer in `words`, in the callee's language or in English. */
export function answerIn(words: string, language: Language): Answer | undefined {
  const text = words.toLowerCase();
  const lists = language === 'en' ? [ENGLISH] : [OWN[language], ENGLISH];
  for (const list of lists) {
    const found = list.find(([, pattern]) => pattern.test(text));
    if (found) return found[0];
  }
  return undefined;
}

/** DTMF: 1 = yes, 2 = no, 3 = later. */
export function answerForKey(digit: string): Answer | undefined {
  return ({ '1': 'yes', '2': 'no', '3': 'later' } as const)[digit as '1' | '2' | '3'];
}

export const REPLY_GRAMMAR = `#JSGF V1.0;
grammar reply;
public <reply> = [<polite>] <answer> [<polite>];
<answer> = yes | yeah | yep | sure | okay | of course | i can | yes i can | yes i will
  | no | nope | no i can not | i can not
  | later | call me later | call me back | call back later | not now | i am busy;
<polite> = please | thank you | thanks;
`;
