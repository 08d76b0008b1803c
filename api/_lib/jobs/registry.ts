/**
 * Every job QStash delivers, by the name in its URL (`/api/jobs/:job`): the payload it carries and
 * the use case that runs it. The endpoint looks the name up here and runs that entry, nothing else:
 *   ring-timeout {callId}        a 1:1 call still ringing after 60 s
 *   agent-ring-timeout {sid}     an agent call still ringing after 60 s
 *   agent-join-check {sid}       an agent call whose room no agent joined 20 s after the dispatch
 *   execute-retry {retryId}      "call me again" is due
 *   dial-out {sid}               dial a phone agent call and record how the dial ended
 *   sweep {}                     every minute (a QStash schedule): resolve what is stranded
 *   campaign-step {campaignId, tick}  one step of a running campaign (campaigns/campaign-step.ts)
 * A signed payload of the wrong shape for its job is acknowledged as skipped: QStash signed it, so
 * it came through our own publish, and delivering it again cannot make it fit.
 *
 * Deploying the split of `agent-ring-timeout` out of `ring-timeout`: an agent time-out published
 * before it (`ring-timeout {sid}`) is skipped when it arrives. Its session is not stranded: the
 * sweep misses every call still ringing past its deadline within the next minute or two
 * (sweep.ts; tests/api/jobs.test.ts "published before the split", tests/api/sweeper.test.ts).
 */
import * as z from 'zod/mini';
import { agentJoinCheck } from '../agent-calls/agent-join-check.js';
import { agentRingTimeout } from '../agent-calls/agent-ring-timeout.js';
import { dialPhone } from '../agent-calls/dial-phone.js';
import { executeRetry } from '../agent-calls/execute-retry.js';
import { ringTimeout } from '../calls/ring-timeout.js';
import { campaignStep } from '../campaigns/campaign-step.js';
import { sweep } from './sweep.js';
import { AGENT_CALL_SID, UUID } from '../domain/ids.js';

interface Job<Payload> {
  payload: z.ZodMiniType<Payload>;
  /** Runs the job on a delivery's parsed body; a body that is not a `Payload` is skipped. */
  run(body: unknown): Promise<object>;
}

function job<Payload>(
  payload: z.ZodMiniType<Payload>,
  useCase: (payload: Payload) => Promise<object>,
): Job<Payload> {
  return {
    payload,
    async run(body) {
      const parsed = payload.safeParse(body);
      return parsed.success ? useCase(parsed.data) : { done: true, skipped: 'invalid payload' };
    },
  };
}

const sid = z.string().check(z.regex(AGENT_CALL_SID));

export const JOBS = {
  'ring-timeout': job(z.strictObject({ callId: z.uuid() }), ({ callId }) => ringTimeout(callId)),
  'agent-ring-timeout': job(z.strictObject({ sid }), ({ sid }) => agentRingTimeout(sid)),
  'agent-join-check': job(z.strictObject({ sid }), ({ sid }) => agentJoinCheck(sid)),
  'execute-retry': job(
    z.strictObject({ retryId: z.string().check(z.regex(/^\d{1,18}$/)) }),
    ({ retryId }) => executeRetry(retryId),
  ),
  'dial-out': job(z.strictObject({ sid }), ({ sid }) => dialPhone(sid)),
  sweep: job(z.strictObject({}), () => sweep()),
  'campaign-step': job(
    z.strictObject({
      campaignId: z.string().check(z.regex(UUID)),
      tick: z.int().check(z.minimum(0)),
    }),
    (payload) => campaignStep(payload),
  ),
};

export type JobName = keyof typeof JOBS;
export type JobPayload<Name extends JobName> = z.output<(typeof JOBS)[Name]['payload']>;

export function isJobName(name: string | null): name is JobName {
  return name !== null && Object.hasOwn(JOBS, name);
}
