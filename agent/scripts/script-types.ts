/**
 * The words of the agent's conversations, as data. A script is a few steps; a step says some
 * lines and then either ends the call with an outcome or listens for a short reply. The engine
 * (conversation.ts) walks it; nothing here does I/O.
 */

export const LANGUAGES = ['ko', 'ja', 'en', 'th', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SCRIPT_NAMES = ['greeting', 'reminder', 'survey'] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/** What the outcome report tells the server (the contract's five values). */
export type Outcome = 'confirmed' | 'declined' | 'call_back_later' | 'no_response' | 'completed';

/** A short reply as the recogniser (or the keypad) understood it. */
export type Answer = 'yes' | 'no' | 'later';
export type Reply = Answer | 'silence' | 'unclear';

/** Every line a script may say; each language file has every one (the type checks it). */
export type LineKey =
  | 'greetByName'
  | 'greet'
  | 'youHaveACall'
  | 'reminderIntro'
  | 'invoiceFull'
  | 'invoiceAmountOnly'
  | 'invoiceUnknown'
  | 'askPayByDue'
  | 'askPayGeneric'
  | 'thanksConfirmed'
  | 'understoodDeclined'
  | 'willCallBack'
  | 'reask'
  | 'noAnswerGoodbye'
  | 'surveyIntro'
  | 'surveyQ1'
  | 'surveyQ2'
  | 'surveyQ3'
  | 'surveyThanks'
  | 'goodbye';

export type Lines = Record<LineKey, string>;

/** What a line may mention; each is optional (a backend's context may lack any of them). */
export interface CallFacts {
  name?: string;
  company?: string;
  invoice?: string;
  amount?: string;
  due?: string;
}

/** A line to say, or the first of several whose facts are all known (the last needs none). */
export type Say = LineKey | { firstKnown: { line: LineKey; needs: (keyof CallFacts)[] }[] };

export type Next = { end: Outcome; say?: Say[] } | { goto: string; say?: Say[] };

export interface Step {
  say: Say[];
  /** Absent: the call ends after the lines with `end`. */
  listen?: Record<Answer, Next>;
  end?: Outcome;
}

export interface Script {
  start: string;
  steps: Record<string, Step>;
}
