/**
 * The LINE messages of 1:1 calls, in the recipient's language. Pure: the caller passes the links
 * (LIFF URLs) and gets Messaging API message objects back.
 */
import type { Language } from '../i18n/language.js';
import type { LineMessage } from './push.js';

const TEXT: Record<
  Language,
  {
    incoming: (name: string, video: boolean) => string;
    hint: string;
    accept: string;
    decline: string;
    missedByCallee: (name: string) => string;
    missedByCaller: (name: string) => string;
    callBack: string;
  }
> = {
  en: {
    incoming: (name, video) => `${name} is ${video ? 'video' : 'voice'} calling you`,
    hint: 'Answer within 60 seconds',
    accept: 'Accept',
    decline: 'Decline',
    missedByCallee: (name) => `You missed a call from ${name}.`,
    missedByCaller: (name) => `${name} didn't answer.`,
    callBack: 'Call back',
  },
  ja: {
    incoming: (name, video) => `${name}さんから${video ? 'ビデオ' : '音声'}通話の着信`,
    hint: '60秒以内に応答してください',
    accept: '応答',
    decline: '拒否',
    missedByCallee: (name) => `${name}さんからの不在着信があります。`,
    missedByCaller: (name) => `${name}さんは応答しませんでした。`,
    callBack: '折り返す',
  },
  ko: {
    incoming: (name, video) => `${name}님의 ${video ? '영상' : '음성'} 통화`,
    hint: '60초 안에 받아 주세요',
    accept: '받기',
    decline: '거절',
    missedByCallee: (name) => `${name}님의 부재중 전화가 있습니다.`,
    missedByCaller: (name) => `${name}님이 받지 않았습니다.`,
    callBack: '다시 걸기',
  },
  th: {
    incoming: (name, video) => `${name} กำลัง${video ? 'วิดีโอคอล' : 'โทรหา'}คุณ`,
    hint: 'รับสายภายใน 60 วินาที',
    accept: 'รับสาย',
    decline: 'ปฏิเสธ',
    missedByCallee: (name) => `คุณมีสายที่ไม่ได้รับจาก ${name}`,
    missedByCaller: (name) => `${name} ไม่ได้รับสาย`,
    callBack: 'โทรกลับ',
  },
  'zh-TW': {
    incoming: (name, video) => `${name} 來電（${video ? '視訊' : '語音'}）`,
    hint: '請在 60 秒內接聽',
    accept: '接聽',
    decline: '拒絕',
    missedByCallee: (name) => `你有一通來自 ${name} 的未接來電。`,
    missedByCaller: (name) => `${name} 未接聽。`,
    callBack: '回撥',
  },
};

export interface IncomingCallMessage {
  language: Language;
  callerName: string;
  callerPictureUrl: string | null;
  media: 'video' | 'audio';
  acceptUrl: string;
  declineData: string;
}

export function incomingCallMessage(m: IncomingCallMessage): LineMessage {
  const t = TEXT[m.language];
  const title = t.incoming(m.callerName, m.media === 'video');
  return {
    type: 'flex',
    altText: `${title} — ${t.hint}`,
    contents: {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'horizontal',
        spacing: 'md',
        contents: [
          ...(m.callerPictureUrl
            ? [
                {
                  type: 'image' as const,
                  url: m.callerPictureUrl,
                  size: 'xs',
                  aspectMode: 'cover' as const,
                  flex: 0,
                },
              ]
            : []),
          {
            type: 'box',
            layout: 'vertical',
            contents: [
              { type: 'text', text: title, weight: 'bold', wrap: true },
              { type: 'text', text: t.hint, size: 'sm', color: '#888888', wrap: true },
            ],
          },
        ],
      },
      footer: {
        type: 'box',
        layout: 'horizontal',
        spacing: 'md',
        contents: [
          {
            type: 'button',
            style: 'secondary',
            action: { type: 'postback', label: t.decline, data: m.declineData },
          },
          {
            type: 'button',
            style: 'primary',
            color: '#06C755',
            action: { type: 'uri', label: t.accept, uri: m.acceptUrl },
          },
        ],
      },
    },
  };
}

export function missedCallMessage(m: {
  language: Language;
  otherName: string;
  role: 'caller' | 'callee';
  callBackUrl: string;
}): LineMessage {
  const t = TEXT[m.language];
  const text = m.role === 'callee' ? t.missedByCallee(m.otherName) : t.missedByCaller(m.otherName);
  return {
    type: 'template',
    altText: text,
    template: {
      type: 'buttons',
      text,
      actions: [{ type: 'uri', label: t.callBack, uri: m.callBackUrl }],
    },
  };
}
