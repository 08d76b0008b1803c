/**
 * The three conversations. The greeting is the "you have a call" announcement; the reminder is a
 * payment reminder (greet by name, state the invoice, amount and due date, ask whether they can
 * pay by then, act on yes / no / later); the survey is three yes-or-no questions. An unclear or
 * missing reply is asked once more (conversation.ts), then ends as no_response.
 */
import type { Next, Say, Script, ScriptName } from './script-types';

const greetByName: Say = {
  firstKnown: [
    { line: 'greetByName', needs: ['name'] },
    { line: 'greet', needs: [] },
  ],
};

const callBack: Next = { end: 'call_back_later', say: ['willCallBack'] };

export const SCRIPTS: Record<ScriptName, Script> = {
  greeting: {
    start: 'hello',
    steps: { hello: { say: [greetByName, 'youHaveACall', 'goodbye'], end: 'completed' } },
  },
  reminder: {
    start: 'ask',
    steps: {
      ask: {
        say: [
          greetByName,
          'reminderIntro',
          {
            firstKnown: [
              { line: 'invoiceFull', needs: ['invoice', 'amount', 'due'] },
              { line: 'invoiceAmountOnly', needs: ['amount'] },
              { line: 'invoiceUnknown', needs: [] },
            ],
          },
          {
            firstKnown: [
              { line: 'askPayByDue', needs: ['due'] },
              { line: 'askPayGeneric', needs: [] },
            ],
          },
        ],
        listen: {
          yes: { end: 'confirmed', say: ['thanksConfirmed'] },
          no: { end: 'declined', say: ['understoodDeclined'] },
          later: callBack,
        },
      },
    },
  },
  survey: {
    start: 'q1',
    steps: {
      q1: {
        say: [greetByName, 'surveyIntro', 'surveyQ1'],
        listen: { yes: { goto: 'q2' }, no: { goto: 'q2' }, later: callBack },
      },
      q2: {
        say: ['surveyQ2'],
        listen: { yes: { goto: 'q3' }, no: { goto: 'q3' }, later: callBack },
      },
      q3: {
        say: ['surveyQ3'],
        listen: {
          yes: { end: 'completed', say: ['surveyThanks'] },
          no: { end: 'completed', say: ['surveyThanks'] },
          later: callBack,
        },
      },
    },
  },
};
