/**
 * What every lifecycle is (docs/lifecycle-engine.md): its states, split into live and terminal;
 * the facts about the room its decisions depend on, with every value each can take; and a pure
 * `transition` from a state, an event and the facts to the next state (or a refusal).
 *
 * The database applies an event in the same statement that locks the row and works the facts
 * out, so it cannot call `transition`; `decisionTable` evaluates it ahead of time for every state
 * and every combination of facts, and the statement looks its answer up there. The order of the
 * facts is the key order of `facts`, here and in the statement alike.
 *
 * What must happen outside the database after a change (close the room, tell someone) is data
 * too: `effects` names them for a change, and the use case that applied the event runs them with
 * `runEffects`, once, only when the change was recorded (a duplicate or refused event has none).
 */
export type FactValue = string | boolean;

export type Decision<State extends string> =
  { ok: true; status: State; reason?: string } | { ok: false };

export interface Lifecycle<
  State extends string,
  Event extends { type: string },
  Facts extends Record<string, FactValue>,
  Effect extends string = string,
> {
  name: string;
  live: readonly State[];
  terminal: readonly State[];
  facts: { readonly [Name in keyof Facts]: readonly Facts[Name][] };
  transition(state: State, event: Event, facts: Facts): Decision<State>;
  effects(change: Change<State, Event>): Effect[];
}

/** A change the store recorded: the state it was in, the state it is in, and why. */
export interface Change<State extends string, Event extends { type: string }> {
  from: State;
  to: State;
  event: Event;
}

/** One decision: from a state, with the facts in `facts` order, to a state (null: refused). */
export interface DecisionRow<State extends string> {
  from: State;
  facts: FactValue[];
  to: State | null;
  reason: string | null;
}

/** `transition` for one event in every state and every combination of facts. */
export function decisionTable<
  State extends string,
  Event extends { type: string },
  Facts extends Record<string, FactValue>,
>(lifecycle: Lifecycle<State, Event, Facts>, event: Event): DecisionRow<State>[] {
  const names = factNames(lifecycle);
  const combinations = names.reduce<FactValue[][]>(
    (partial, name) =>
      partial.flatMap((values) => lifecycle.facts[name]!.map((value) => [...values, value])),
    [[]],
  );
  return [...lifecycle.live, ...lifecycle.terminal].flatMap((from) =>
    combinations.map((values) => {
      const facts = Object.fromEntries(names.map((name, i) => [name, values[i]])) as Facts;
      const decision = lifecycle.transition(from, event, facts);
      return {
        from,
        facts: values,
        to: decision.ok ? decision.status : null,
        reason: decision.ok ? (decision.reason ?? null) : null,
      };
    }),
  );
}

/** The facts' names, in the one order both the decision keys and the statement use. */
export function factNames<Facts extends Record<string, FactValue>>(lifecycle: {
  facts: { readonly [Name in keyof Facts]: readonly Facts[Name][] };
}): (keyof Facts & string)[] {
  return Object.keys(lifecycle.facts);
}

/** Runs the effects a change asks for, in order, each with the record as it now is. */
export async function runEffects<
  State extends string,
  Event extends { type: string },
  Effect extends string,
  Entity,
>(
  lifecycle: { effects(change: Change<State, Event>): Effect[] },
  change: Change<State, Event>,
  record: Entity,
  handlers: { readonly [Name in Effect]: (record: Entity) => Promise<void> },
): Promise<void> {
  for (const effect of lifecycle.effects(change)) await handlers[effect](record);
}
