import { describe, expect, test } from 'vitest';
import {
  beginConversation,
  hearReply,
  type Conversation,
  type Turn,
} from '../../agent/scripts/conversation';
import { LINES } from '../../agent/scripts/lines';
import { SCRIPTS } from '../../agent/scripts/scripts';
import {
  LANGUAGES,
  SCRIPT_NAMES,
  type CallFacts,
  type LineKey,
  type Reply,
  type ScriptName,
} from '../../agent/scripts/script-types';

const FULL: CallFacts = {
  name: 'Alice',
  company: 'Acme',
  invoice: 'INV-001',
  amount: '$100.00',
  due: 'January 15, 2024',
};

/** Plays `replies` against a script in English; returns every turn and the outcome. */
function play(script: ScriptName, replies: Reply[], facts: CallFacts = FULL) {
  let { conversation, turn } = beginConversation(script, 'en', facts);
  const turns: Turn[] = [turn];
  for (const reply of replies) {
    expect(turn.listen).toBe(true);
    ({ conversation, turn } = hearReply(conversation, reply));
    turns.push(turn);
  }
  return { turns, outcome: turn.outcome, said: turns.flatMap((t) => t.lines) };
}

describe('the payment reminder: greet by name, state the invoice, ask, act on the answer', () => {
  test('it opens with the name, the invoice, its amount and due date, and asks', () => {
    const [first] = play('reminder', []).turns;
    expect(first).toEqual({
      lines: [
        'Hello Alice.',
        'This is an automated payment reminder from Acme.',
        'Invoice INV-001 for $100.00 is due on January 15, 2024.',
        'Can you pay by January 15, 2024? Please say yes, no, or later.',
      ],
      listen: true,
      outcome: null,
    });
  });

  test.each([
    [['yes'], 'confirmed', 'Thank you. We have noted that you will pay on time. Goodbye.'],
    [['no'], 'declined', 'Understood. Someone from our team will contact you. Goodbye.'],
    [['later'], 'call_back_later', 'No problem. We will call you back later. Goodbye.'],
    [
      ['silence', 'yes'],
      'confirmed',
      'Thank you. We have noted that you will pay on time. Goodbye.',
    ],
    [['unclear', 'later'], 'call_back_later', 'No problem. We will call you back later. Goodbye.'],
    [['silence', 'silence'], 'no_response', LINES.en.noAnswerGoodbye],
    [['unclear', 'silence'], 'no_response', LINES.en.noAnswerGoodbye],
  ] as [Reply[], string, string][])('replies %j → %s', (replies, outcome, last) => {
    const { turns, outcome: ended } = play('reminder', replies);
    expect(ended).toBe(outcome);
    expect(turns.at(-1)).toEqual({ lines: [last], listen: false, outcome });
  });

  test('an unclear reply is asked again once: "sorry", then the question alone', () => {
    const { turns } = play('reminder', ['unclear']);
    expect(turns[1]!.lines).toEqual([
      'Sorry, I did not catch that.',
      'Can you pay by January 15, 2024? Please say yes, no, or later.',
    ]);
  });

  test.each([
    [{ company: 'Acme' }, ['Hello.', 'You have a payment due soon.', LINES.en.askPayGeneric]],
    [
      { company: 'Acme', name: 'Bo', amount: '¥500' },
      ['Hello Bo.', 'A payment of ¥500 is due soon.', LINES.en.askPayGeneric],
    ],
    [
      { company: 'Acme', invoice: 'X', due: 'May 1' },
      [
        'Hello.',
        'You have a payment due soon.',
        'Can you pay by May 1? Please say yes, no, or later.',
      ],
    ],
  ] as [CallFacts, string[]][])('missing context %o says it generically', (facts, lines) => {
    const said = play('reminder', [], facts).turns[0]!.lines;
    expect(said.filter((line) => !line.startsWith('This is an automated'))).toEqual(lines);
    expect(said.join(' ')).not.toMatch(/undefined|\{/);
  });
});

describe('the greeting: "you have a call", then the call ends', () => {
  test('greets by name when known and completes without listening', () => {
    expect(play('greeting', []).turns).toEqual([
      {
        lines: ['Hello Alice.', LINES.en.youHaveACall.replace('{company}', 'Acme'), 'Goodbye.'],
        listen: false,
        outcome: 'completed',
      },
    ]);
    expect(play('greeting', [], { company: 'Acme' }).said[0]).toBe('Hello.');
  });
});

describe('the survey: three yes-or-no questions', () => {
  test.each([
    [['yes', 'no', 'yes'], 'completed'],
    [['no', 'no', 'no'], 'completed'],
    [['silence', 'yes', 'unclear', 'no', 'yes'], 'completed'],
    [['yes', 'later'], 'call_back_later'],
    [['yes', 'yes', 'later'], 'call_back_later'],
    [['later'], 'call_back_later'],
    [['yes', 'silence', 'silence'], 'no_response'],
  ] as [Reply[], string][])('replies %j → %s', (replies, outcome) => {
    expect(play('survey', replies).outcome).toBe(outcome);
  });

  test('each question is asked in turn, and a re-ask on one question does not carry over', () => {
    const { said } = play('survey', ['silence', 'yes', 'silence', 'no', 'yes']);
    expect(said.filter((line) => line.endsWith('?'))).toEqual([
      LINES.en.surveyQ1,
      LINES.en.surveyQ1,
      LINES.en.surveyQ2,
      LINES.en.surveyQ2,
      LINES.en.surveyQ3,
    ]);
  });
});

test('a conversation that has ended does not listen', () => {
  const { conversation } = beginConversation('greeting', 'en', FULL);
  expect(() => hearReply(conversation as Conversation, 'yes')).toThrow(/not listening/);
});

describe('every language has every line, and each line names only facts its step requires', () => {
  const keys = Object.keys(LINES.en) as LineKey[];
  test.each(LANGUAGES)('%s', (language) => {
    expect(Object.keys(LINES[language]).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(LINES[language][key].trim()).not.toBe('');
    // The same placeholders as English, so a choice's `needs` holds in every language.
    for (const key of keys) {
      expect(placeholders(LINES[language][key]), `${language} ${key}`).toEqual(
        placeholders(LINES.en[key]),
      );
    }
  });

  test.each(LANGUAGES.flatMap((l) => SCRIPT_NAMES.map((s) => [l, s] as const)))(
    '%s %s renders every path with no fact missing',
    (language, script) => {
      for (const replies of [
        ['yes', 'yes', 'yes'],
        ['silence', 'silence'],
        ['later'],
      ] as Reply[][]) {
        let { conversation, turn } = beginConversation(script, language, { company: 'Acme' });
        const said = [...turn.lines];
        for (const reply of replies) {
          if (!turn.listen) break;
          ({ conversation, turn } = hearReply(conversation, reply));
          said.push(...turn.lines);
        }
        expect(turn.outcome).not.toBeNull();
        for (const line of said) expect(line).not.toMatch(/[{}]|undefined/);
      }
    },
  );

  test('every choice of lines ends with one that needs no fact', () => {
    for (const script of Object.values(SCRIPTS)) {
      for (const step of Object.values(script.steps)) {
        for (const say of step.say) {
          if (typeof say !== 'string') expect(say.firstKnown.at(-1)!.needs).toEqual([]);
        }
      }
    }
  });
});

const placeholders = (line: string) => [...line.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
