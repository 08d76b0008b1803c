/**
 * The numbers of a set of agent calls (a campaign's, or every call outside campaigns), folded from
 * groups the database has already counted: one group per (hour of day, attempt, answered,
 * outcome), so a campaign of 100,000 calls reaches this as at most a few thousand rows.
 *
 * - Answered means the callee joined (`answered_at` is set), whatever happened after.
 * - The average duration is over answered calls that ended (their `duration_seconds`, from the
 *   answer to the end); a call still in progress has none yet.
 * - Minutes dialed, the cost proxy: from the dial (the session's creation) to its end, or to now
 *   while live, over every call. The SIP trunk and LiveKit bill connected minutes, which this
 *   bounds from above; ringing time is in it because an agent holds a room and a worker for it.
 */
import { AGENT_OUTCOMES, type AgentOutcome } from './agent-conversation.js';

export interface CallGroup {
  /** Hour of day of the dial, 0–23, in the stats' time zone. */
  hour: number;
  attempt: number;
  answered: boolean;
  outcome: AgentOutcome | null;
  calls: number;
  /** Of these calls, how many have a duration (ended after an answer) … */
  timed: number;
  /** … and its sum, in seconds. */
  durationSeconds: number;
  /** Seconds from dial to end (or now), summed. */
  dialedSeconds: number;
}

/** The numbers of a set of calls, as the console shows them (console-contract.ts). */
export interface CallStats {
  /** Calls dialed (agent call sessions). */
  calls: number;
  answered: number;
  /** answered / calls, 0 when no calls. */
  answerRate: number;
  averageDurationSeconds: number | null;
  /** Minutes from dial to end over every call: the cost proxy. */
  minutesDialed: number;
  /** Conversation outcomes of answered calls. */
  outcomes: Record<AgentOutcome, number>;
  /** By the hour of day the call was dialed (0–23, in `timeZone`), every hour present. */
  byHour: { hour: number; calls: number; answered: number }[];
  /** By attempt (1, 2, 3 …): calls made as that attempt and how many were answered. */
  byAttempt: { attempt: number; calls: number; answered: number }[];
  timeZone: string;
}

/** `attempts`: attempts listed even with no calls (1 … the campaign's maximum). */
export function callStats(groups: CallGroup[], timeZone: string, attempts = 1): CallStats {
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, calls: 0, answered: 0 }));
  const highest = Math.max(attempts, ...groups.map((group) => group.attempt));
  const byAttempt = Array.from({ length: highest }, (_, i) => ({
    attempt: i + 1,
    calls: 0,
    answered: 0,
  }));
  const outcomes = Object.fromEntries(AGENT_OUTCOMES.map((o) => [o, 0])) as CallStats['outcomes'];
  let calls = 0;
  let answered = 0;
  let timed = 0;
  let durationSeconds = 0;
  let dialedSeconds = 0;
  for (const group of groups) {
    const answeredCalls = group.answered ? group.calls : 0;
    calls += group.calls;
    answered += answeredCalls;
    timed += group.timed;
    durationSeconds += group.durationSeconds;
    dialedSeconds += group.dialedSeconds;
    byHour[group.hour]!.calls += group.calls;
    byHour[group.hour]!.answered += answeredCalls;
    byAttempt[group.attempt - 1]!.calls += group.calls;
    byAttempt[group.attempt - 1]!.answered += answeredCalls;
    if (group.answered && group.outcome) outcomes[group.outcome] += group.calls;
  }
  return {
    calls,
    answered,
    answerRate: calls === 0 ? 0 : answered / calls,
    averageDurationSeconds: timed === 0 ? null : durationSeconds / timed,
    minutesDialed: dialedSeconds / 60,
    outcomes,
    byHour,
    byAttempt,
    timeZone,
  };
}
