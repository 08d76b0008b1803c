import type { Lines } from '../script-types';

export const zhTW: Lines = {
  greetByName: '{name}您好。',
  greet: '您好。',
  youHaveACall: '您有一通來自{company}的來電，這是自動語音助理。',
  reminderIntro: '這是{company}的自動繳費提醒。',
  invoiceFull: '帳單{invoice}，金額{amount}，繳費期限是{due}。',
  invoiceAmountOnly: '您有一筆{amount}的款項即將到期。',
  invoiceUnknown: '您有一筆款項即將到期。',
  askPayByDue: '請問您能在{due}之前繳費嗎？請回答可以、不行，或稍後。',
  askPayGeneric: '請問您能按時繳費嗎？請回答可以、不行，或稍後。',
  thanksConfirmed: '謝謝您，已記錄您會按時繳費。再見。',
  understoodDeclined: '了解，我們的專員會與您聯絡。再見。',
  willCallBack: '沒問題，我們稍後再打給您。再見。',
  reask: '抱歉，我沒有聽清楚。',
  noAnswerGoodbye: '我沒有聽到您的回答，我們改天再與您聯絡。再見。',
  surveyIntro: '關於{company}，我們有三個簡短的問題，請回答是或不是。',
  surveyQ1: '您對我們的服務滿意嗎？',
  surveyQ2: '聯絡我們方便嗎？',
  surveyQ3: '您會推薦我們給朋友嗎？',
  surveyThanks: '謝謝您的回答。再見。',
  goodbye: '再見。',
};
