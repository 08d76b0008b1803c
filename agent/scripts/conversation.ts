/**
 * Walks a script (scripts.ts): which lines to say now, whether to listen, and the outcome once it
 * ends. Pure: the worker feeds it replies and does the speaking and listening.
 *
 *   step ──say lines──► listen ──yes/no/later──► next step, or end with the script's outcome
 *                          └──silence/unclear──► re-ask the question once ──again──► no_response
 */
import { LINES } from './lines';
import { SCRIPTS } from './scripts';
import type {
  CallFacts,
  Language,
  Next,
  Outcome,
  Reply,
  Say,
  ScriptName,
  Step,
} from './script-types';

export interface Conversation {
  script: ScriptName;
  language: Language;
  facts: CallFacts;
  step: string;
  /** The question of this step has been asked a second time. */
  reasked: boolean;
}

/** What the agent does next: say `lines`, then listen for a reply or end with `outcome`. */
export type Turn =
  | { lines: string[]; listen: true; outcome: null }
  | { lines: string[]; listen: false; outcome: Outcome };

export function beginConversation(
  script: ScriptName,
  language: Language,
  facts: CallFacts,
): { conversation: Conversation; turn: Turn } {
  const conversation = { script, language, facts, step: SCRIPTS[script].start, reasked: false };
  return { conversation, turn: enterStep(conversation, []) };
}

export function hearReply(
  conversation: Conversation,
  reply: Reply,
): { conversation: Conversation; turn: Turn } {
  const step = stepOf(conversation);
  if (!step.listen) throw new Error(`The ${conversation.step} step is not listening.`);
  if (reply === 'silence' || reply === 'unclear') {
    if (conversation.reasked) {
      return { conversation, turn: ending(conversation, ['noAnswerGoodbye'], 'no_response') };
    }
    const question = step.say.at(-1)!;
    const again = { ...conversation, reasked: true };
    return { conversation: again, turn: listening(again, ['reask', question]) };
  }
  const next: Next = step.listen[reply];
  if ('end' in next) return { conversation, turn: ending(conversation, next.say ?? [], next.end) };
  const moved = { ...conversation, step: next.goto, reasked: false };
  return { conversation: moved, turn: enterStep(moved, next.say ?? []) };
}

function enterStep(conversation: Conversation, before: Say[]): Turn {
  const step = stepOf(conversation);
  const says = [...before, ...step.say];
  if (step.listen) return listening(conversation, says);
  return ending(conversation, says, step.end ?? 'completed');
}

function stepOf(conversation: Conversation): Step {
  const step = SCRIPTS[conversation.script].steps[conversation.step];
  if (!step) throw new Error(`The ${conversation.script} script has no ${conversation.step} step.`);
  return step;
}

const listening = (c: Conversation, says: Say[]): Turn => ({
  lines: render(c, says),
  listen: true,
  outcome: null,
});

const ending = (c: Conversation, says: Say[], outcome: Outcome): Turn => ({
  lines: render(c, says),
  listen: false,
  outcome,
});

function render({ language, facts }: Conversation, says: Say[]): string[] {
  return says.map((say) => {
    const key =
      typeof say === 'string'
        ? say
        : say.firstKnown.find((choice) => choice.needs.every((fact) => facts[fact]))!.line;
    return LINES[language][key].replace(/\{(\w+)\}/g, (_, fact: keyof CallFacts) => facts[fact]!);
  });
}
