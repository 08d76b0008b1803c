import type { Lines } from '../script-types';

export const en: Lines = {
  greetByName: 'Hello {name}.',
  greet: 'Hello.',
  youHaveACall: 'You have a call from {company}. This is its automated assistant.',
  reminderIntro: 'This is an automated payment reminder from {company}.',
  invoiceFull: 'Invoice {invoice} for {amount} is due on {due}.',
  invoiceAmountOnly: 'A payment of {amount} is due soon.',
  invoiceUnknown: 'You have a payment due soon.',
  askPayByDue: 'Can you pay by {due}? Please say yes, no, or later.',
  askPayGeneric: 'Can you pay on time? Please say yes, no, or later.',
  thanksConfirmed: 'Thank you. We have noted that you will pay on time. Goodbye.',
  understoodDeclined: 'Understood. Someone from our team will contact you. Goodbye.',
  willCallBack: 'No problem. We will call you back later. Goodbye.',
  reask: 'Sorry, I did not catch that.',
  noAnswerGoodbye: 'I could not hear an answer. We will try again another time. Goodbye.',
  surveyIntro: 'We have three short questions about {company}. Please answer yes or no.',
  surveyQ1: 'Were you happy with our service?',
  surveyQ2: 'Was it easy to reach us?',
  surveyQ3: 'Would you recommend us to a friend?',
  surveyThanks: 'Thank you for your answers. Goodbye.',
  goodbye: 'Goodbye.',
};
