/**
 * The LINE messages of agent calls (docs/flows.md#agent-call), in the callee's language. Button
 * labels stay within LINE's 20 characters.
 */
import type { Language } from '../i18n/language.js';
import type { LineMessage } from './push.js';

const TEXT: Record<
  Language,
  {
    incoming: string;
    accept: string;
    notNow: string;
    missed: string;
    callAgain: (minutes: number) => string;
    scheduled: (minutes: number) => string;
    gaveUp: string;
  }
> = {
  en: {
    incoming: 'Incoming call — please accept within 60 seconds',
    accept: 'Accept',
    notNow: 'Not now',
    missed: 'You missed a call.',
    callAgain: (m) => `Call me in ${m} min`,
    scheduled: (m) => `We'll call you in about ${m} minutes.`,
    gaveUp:
      'We tried to call you again, but you were on another call. Tap below when you are free.',
  },
  ja: {
    incoming: '着信があります。60秒以内に応答してください',
    accept: '応答',
    notNow: '今は出られない',
    missed: '不在着信がありました。',
    callAgain: (m) => `${m}分後にかけ直して`,
    scheduled: (m) => `約${m}分後にお電話します。`,
    gaveUp: 'もう一度おかけしましたが、通話中でした。',
  },
  ko: {
    incoming: '전화가 왔습니다. 60초 안에 받아 주세요',
    accept: '받기',
    notNow: '나중에',
    missed: '부재중 전화가 있습니다.',
    callAgain: (m) => `${m}분 후 다시 받기`,
    scheduled: (m) => `약 ${m}분 후에 전화드리겠습니다.`,
    gaveUp: '다시 전화드렸지만 통화 중이셨습니다.',
  },
  th: {
    incoming: 'มีสายเรียกเข้า — กรุณารับสายภายใน 60 วินาที',
    accept: 'รับสาย',
    notNow: 'ไม่ใช่ตอนนี้',
    missed: 'คุณมีสายที่ไม่ได้รับ',
    callAgain: (m) => `โทรใหม่ใน ${m} นาที`,
    scheduled: (m) => `เราจะโทรหาคุณในอีกประมาณ ${m} นาที`,
    gaveUp: 'เราโทรหาคุณอีกครั้งแล้ว แต่คุณติดสายอื่นอยู่',
  },
  'zh-TW': {
    incoming: '來電 — 請在 60 秒內接聽',
    accept: '接聽',
    notNow: '現在不方便',
    missed: '你有一通未接來電。',
    callAgain: (m) => `${m} 分鐘後再打`,
    scheduled: (m) => `我們將在約 ${m} 分鐘後來電。`,
    gaveUp: '我們再次來電，但你正在通話中。',
  },
};

/**
 * The ring: who is calling (`serviceName`, config SERVICE_NAME) as the title and at the start of
 * the notification text (altText, what the phone's lock screen shows).
 */
export function incomingAgentCallMessage(m: {
  language: Language;
  serviceName: string;
  acceptUrl: string;
  notNowData: string;
}): LineMessage {
  const t = TEXT[m.language];
  return {
    type: 'template',
    altText: `${m.serviceName}: ${t.incoming}`,
    template: {
      type: 'buttons',
      title: m.serviceName,
      text: t.incoming,
      actions: [
        { type: 'uri', label: t.accept, uri: m.acceptUrl },
        { type: 'postback', label: t.notNow, data: m.notNowData },
      ],
    },
  };
}

/** The missed-call notice; the retry button only while retries are left. */
export function missedAgentCallMessage(m: {
  language: Language;
  retryData: string | undefined;
  retryMinutes: number;
}): LineMessage {
  const t = TEXT[m.language];
  if (!m.retryData) return { type: 'text', text: t.missed };
  return {
    type: 'template',
    altText: t.missed,
    template: {
      type: 'buttons',
      text: t.missed,
      actions: [{ type: 'postback', label: t.callAgain(m.retryMinutes), data: m.retryData }],
    },
  };
}

export const retryScheduledMessage = (language: Language, minutes: number): LineMessage => ({
  type: 'text',
  text: TEXT[language].scheduled(minutes),
});

export const retryGaveUpMessage = (language: Language): LineMessage => ({
  type: 'text',
  text: TEXT[language].gaveUp,
});
