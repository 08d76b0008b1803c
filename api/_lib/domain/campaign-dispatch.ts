/**
 * The dispatcher's rules (docs/campaigns.md#dispatch), pure: how many leads a step may claim, and
 * when the next step runs. A campaign advances by short steps on a grid of ticks; every publish
 * of a step names its tick in the QStash deduplication id, so a campaign has at most one step per
 * tick however many times steps are published (a duplicate delivery, a wake-up, a resume).
 */
import { nextWindowOpening, type CallingWindow } from './calling-window.js';

/** Seconds between ticks: the shortest gap between two steps of a campaign. */
export const TICK_SECONDS = 5;
/**
 * While calls are live and nothing can be dialled, steps run on a grid of this many seconds: a
 * call ending wakes the campaign at once (the lead's effect), so this is only a safety net, and a
 * grid lets chains of steps started twice meet on the same tick and merge.
 */
export const IDLE_STEP_SECONDS = 60;
/** Dials one step starts at most, so a step stays well inside a function's time limit. */
export const MAX_DIALS_PER_STEP = 25;
/**
 * A lead claimed this long ago with no session for its attempt was claimed by a step that
 * stopped before dialling it: a later step dials it (the (lead, attempt) index keeps it once).
 */
export const DIAL_GRACE_SECONDS = 30;

export const tickOf = (at: Date): number => Math.floor(at.getTime() / 1000 / TICK_SECONDS);
export const tickStart = (tick: number): Date => new Date(tick * TICK_SECONDS * 1000);

/** How many leads a step may claim: what the pace, the free concurrency and one step allow. */
export function stepBudget(input: {
  pacePerMinute: number;
  concurrency: number;
  dialedInLastMinute: number;
  calling: number;
}): number {
  return Math.max(
    0,
    Math.min(
      input.pacePerMinute - input.dialedInLastMinute,
      input.concurrency - input.calling,
      MAX_DIALS_PER_STEP,
    ),
  );
}

/** Waiting leads of one time zone, and when the earliest of them is due (null: now). */
export interface WaitingLeads {
  timeZone: string;
  earliestDue: Date | null;
}

/**
 * When the next step should run after a step at `tick`, or null when the campaign has nothing
 * left (no lead waiting, none on a call): then it is complete.
 *   - leads due now in an open window that this step could not dial (pace, concurrency) → soon;
 *   - otherwise the first moment a waiting lead is due inside its window;
 *   - while calls are live, at least on the idle grid.
 * Always a later tick than this step's.
 */
export function nextStepTick(input: {
  tick: number;
  now: Date;
  window: CallingWindow;
  waiting: WaitingLeads[];
  calling: number;
  /** Leads are due now in an open window and this step left them for want of budget. */
  heldBack: 'pace' | 'concurrency' | null;
}): number | null {
  const { now, window } = input;
  if (input.waiting.length === 0 && input.calling === 0) return null;
  const candidates: number[] = [];
  if (input.heldBack === 'pace') candidates.push(tickOf(now) + 1);
  if (input.calling > 0 || input.heldBack === 'concurrency') candidates.push(idleGridTick(now));
  for (const { timeZone, earliestDue } of input.waiting) {
    const due = earliestDue && earliestDue > now ? earliestDue : now;
    const opening = nextWindowOpening(window, timeZone, due);
    // Due now in an open window: the reason it waits (pace, concurrency) says when, if it has one.
    if (opening > now || input.heldBack === null) candidates.push(ceilTick(opening));
  }
  return Math.max(input.tick + 1, Math.min(...candidates));
}

/** The first tick at or after `at`. */
function ceilTick(at: Date): number {
  return Math.ceil(at.getTime() / 1000 / TICK_SECONDS);
}

/** The next tick on the idle grid after `now` (the sweep's, too: it merges with any chain). */
export function idleGridTick(now: Date): number {
  const perGrid = IDLE_STEP_SECONDS / TICK_SECONDS;
  return (Math.floor(tickOf(now) / perGrid) + 1) * perGrid;
}
