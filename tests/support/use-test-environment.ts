/**
 * The test environment of one test file, started before its first test and closed after its last:
 *
 *   const env = useTestEnvironment({ signIn: ['alice', 'bob'], env: { AGENT_API_KEY: API_KEY } });
 *
 * `env` is filled in by the file's first `beforeAll`, so tests and later hooks use it as it is
 * (`env.users`, `env.api(…)`); at the top level of the file it is still empty. Files of 1:1 call
 * or agent-call tests use `useCallTestEnvironment` or `useAgentCallTestEnvironment`, which also
 * clear what the previous test left live.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { AGENT_SETTINGS, clearEarlierAgentCalls } from './agent-calls';
import { clearEarlierCalls, signIn } from './calls';
import { changeEnvironment } from './process-environment';
import { startTestEnvironment, type TestEnvironment } from './test-environment';

export interface TestEnvironmentOptions {
  /** Dev users who open the app first, so they have contact ids and can be rung. */
  signIn?: (keyof TestEnvironment['users'])[];
  /**
   * Variables the handlers read that the test world leaves unset (the agent's API key and name,
   * the SIP trunk), for this file only. Set before the server starts: with TEST_VERCEL_OUTPUT the
   * functions run in a process of their own, whose environment is fixed when it starts.
   */
  env?: Record<string, string>;
}

export function useTestEnvironment(options: TestEnvironmentOptions = {}): TestEnvironment {
  const env = {} as TestEnvironment;
  let restoreEnvironment = () => {};
  beforeAll(async () => {
    restoreEnvironment = changeEnvironment(options.env ?? {});
    Object.assign(env, await startTestEnvironment());
    await signIn(env, ...(options.signIn ?? []).map((name) => env.users[name]));
  });
  afterAll(async () => {
    restoreEnvironment();
    await env.close?.();
  });
  return env;
}

const EVERYONE: TestEnvironmentOptions['signIn'] = ['alice', 'bob', 'carol'];

/**
 * A file of 1:1 call tests: Alice, Bob and Carol signed in unless `signIn` names fewer, and before
 * each test none of their calls live and no push left over (clearEarlierCalls).
 */
export function useCallTestEnvironment(options: TestEnvironmentOptions = {}): TestEnvironment {
  const env = useTestEnvironment({ signIn: EVERYONE, ...options });
  beforeEach(() => clearEarlierCalls(env));
  return env;
}

/**
 * A file of agent-call tests: the agent side set up (AGENT_SETTINGS, plus `env`), Alice, Bob and
 * Carol signed in unless `signIn` names fewer, and before each test no agent call live and no push
 * left over (clearEarlierAgentCalls).
 */
export function useAgentCallTestEnvironment(options: TestEnvironmentOptions = {}): TestEnvironment {
  const env = useTestEnvironment({
    signIn: EVERYONE,
    ...options,
    env: { ...AGENT_SETTINGS, ...options.env },
  });
  beforeEach(() => clearEarlierAgentCalls(env));
  return env;
}
