import type { Lines } from '../script-types';

// eSpeak NG reads kana but spells out kanji as "Chinese letter": the lines keep to kana, which
// also reads naturally in captions for short phone prompts.
export const ja: Lines = {
  greetByName: '{name}さま、こんにちは。',
  greet: 'こんにちは。',
  youHaveACall: '{company}から おでんわです。じどう あんない アシスタントです。',
  reminderIntro: '{company}からの おしはらいの ごあんないです。',
  invoiceFull: 'せいきゅうしょ {invoice}、{amount}の おしはらい きげんは {due}です。',
  invoiceAmountOnly: 'まもなく {amount}の おしはらい きげんです。',
  invoiceUnknown: 'まもなく おしはらい きげんの ごせいきゅうが あります。',
  askPayByDue:
    '{due}までに おしはらい いただけますか。はい、いいえ、または あとで、と おこたえください。',
  askPayGeneric:
    'きげんまでに おしはらい いただけますか。はい、いいえ、または あとで、と おこたえください。',
  thanksConfirmed:
    'ありがとうございます。きげんまでの おしはらいと うけたまわりました。しつれいします。',
  understoodDeclined: 'しょうちしました。たんとうしゃから ごれんらく します。しつれいします。',
  willCallBack: 'しょうちしました。のちほど また おでんわします。しつれいします。',
  reask: 'もうしわけありません、ききとれませんでした。',
  noAnswerGoodbye:
    'おこたえが ききとれませんでした。また あらためて ごれんらく します。しつれいします。',
  surveyIntro:
    '{company}について みじかい しつもんを みっつ します。はい か いいえ で おこたえください。',
  surveyQ1: 'サービスに まんぞく いただけましたか。',
  surveyQ2: 'わたしたちに れんらく しやすかったですか。',
  surveyQ3: 'おともだちに すすめたいと おもいますか。',
  surveyThanks: 'ごかいとう ありがとうございました。しつれいします。',
  goodbye: 'しつれいします。',
};
