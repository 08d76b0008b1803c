import type { Lines } from '../script-types';

export const ko: Lines = {
  greetByName: '{name}님, 안녕하세요.',
  greet: '안녕하세요.',
  youHaveACall: '{company}에서 전화가 왔습니다. 자동 안내 도우미입니다.',
  reminderIntro: '{company}의 자동 결제 안내 전화입니다.',
  invoiceFull: '청구서 {invoice}, 금액 {amount}의 납부 기한은 {due}입니다.',
  invoiceAmountOnly: '곧 {amount}의 납부 기한이 다가옵니다.',
  invoiceUnknown: '곧 납부 기한이 다가오는 청구가 있습니다.',
  askPayByDue: '{due}까지 납부하실 수 있나요? 예, 아니요, 또는 나중에라고 말씀해 주세요.',
  askPayGeneric: '기한 내에 납부하실 수 있나요? 예, 아니요, 또는 나중에라고 말씀해 주세요.',
  thanksConfirmed: '감사합니다. 기한 내 납부로 기록했습니다. 안녕히 계세요.',
  understoodDeclined: '알겠습니다. 담당자가 연락드리겠습니다. 안녕히 계세요.',
  willCallBack: '알겠습니다. 나중에 다시 전화드리겠습니다. 안녕히 계세요.',
  reask: '죄송합니다, 잘 듣지 못했습니다.',
  noAnswerGoodbye: '답변을 듣지 못했습니다. 다음에 다시 연락드리겠습니다. 안녕히 계세요.',
  surveyIntro: '{company}에 대한 짧은 질문 세 가지를 드리겠습니다. 예 또는 아니요로 답해 주세요.',
  surveyQ1: '저희 서비스에 만족하셨나요?',
  surveyQ2: '저희에게 연락하기 쉬우셨나요?',
  surveyQ3: '친구에게 저희를 추천하시겠어요?',
  surveyThanks: '답변해 주셔서 감사합니다. 안녕히 계세요.',
  goodbye: '안녕히 계세요.',
};
