/**
 * The deploy artifact: `vercel build`'s `.vercel/output` functions, imported by plain Node as
 * Vercel's runtime imports them (the dev server's function host pointed at the output), answer
 * every flow's happy path against the database. `npm run test:deploy` with TEST_VERCEL_OUTPUT
 * naming the output folder (`.ci/run` builds it).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { API_KEY, dispatchWithApiKey, sessionsOf } from '../support/agent-calls';
import { act, livekitEvent, sendLivekitWebhook, startedCallId, statusOf } from '../support/calls';
import { useTestEnvironment } from '../support/use-test-environment';
import { DEV_AGENT_WORKER_KEY as WORKER_KEY } from '../../api/_lib/config';

const output = process.env.TEST_VERCEL_OUTPUT;
if (!output) throw new Error('Set TEST_VERCEL_OUTPUT to a vercel build output (.vercel/output).');

const FUNCTION_PATHS = [
  ['GET', '/api/health'],
  ['POST', '/api/token'],
  ['GET', '/api/calls'],
  ['GET', `/api/calls/${randomUUID()}`],
  ['GET', '/api/agent-calls'],
  ['GET', '/api/agent-calls/AC_none'],
  ['POST', '/api/webhooks/livekit'],
  ['POST', '/api/webhooks/line'],
  ['POST', '/api/jobs/ring-timeout'],
  ['POST', '/api/agent-worker'],
  ['GET', '/api/console/campaigns'],
] as const;

describe('vercel build output under plain Node', () => {
  const env = useTestEnvironment({
    signIn: ['alice', 'bob', 'carol'],
    env: { AGENT_API_KEY: API_KEY, LIVEKIT_AGENT_NAME: 'reminder-agent' },
  });

  test.each(FUNCTION_PATHS)(
    '%s %s loads and answers without a server error',
    async (method, path) => {
      const response = await env.api(path, { method });
      expect(response.status, await response.clone().text()).toBeLessThan(500);
      expect(response.headers.get('content-type')).toContain('application/json');
    },
  );

  test('health reports the database up', async () => {
    const response = await env.api('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  test('a conference token is minted', async () => {
    const { alice } = env.users;
    const response = await env.api('/api/token', { as: alice, body: { room: 'conf-jp' } });
    expect(response.status).toBe(200);
    expect((await response.json()).token).toMatch(/^ey/);
  });

  test('a 1:1 call rings, is accepted, connects from LiveKit webhooks and ends', async () => {
    const { alice, bob } = env.users;
    const id = await startedCallId(env, alice, bob);
    expect(await statusOf(env, id)).toBe('ringing');
    expect(env.line.pushes(bob.userId).length).toBeGreaterThan(0);
    expect((await act(env, bob, id, 'accept')).status).toBe(200);
    for (const user of [alice, bob]) {
      const response = await sendLivekitWebhook(
        env,
        await livekitEvent(env, 'participant_joined', id, user),
      );
      expect(response.status).toBe(200);
    }
    expect(await statusOf(env, id)).toBe('connected');
    expect((await act(env, alice, id, 'end')).status).toBe(200);
    expect(await statusOf(env, id)).toBe('ended');
    const listed = await (await env.api('/api/calls', { as: bob })).json();
    expect(listed.calls.map((call: { id: string }) => call.id)).toContain(id);
  });

  test('the ring time-out job marks an unanswered call missed', async () => {
    const { alice, carol } = env.users;
    const id = await startedCallId(env, alice, carol);
    const attempts = await env.qstash.advance(61);
    expect(attempts.map((attempt) => attempt.status)).toContain(200);
    expect(await statusOf(env, id)).toBe('missed');
  });

  test('a LINE postback declines a call', async () => {
    const { bob, carol } = env.users;
    const id = await startedCallId(env, carol, bob);
    const response = await env.line.deliverWebhook([
      {
        type: 'postback',
        source: { type: 'user', userId: bob.userId },
        postback: { data: `action=decline-call&call=${id}` },
      },
    ]);
    expect(response.status).toBe(200);
    expect(await statusOf(env, id)).toBe('declined');
  });

  test('a backend dispatches an agent call, misses it, and the callee is called again', async () => {
    const { carol } = env.users;
    const response = await dispatchWithApiKey(env, { to: { lineUserId: carol.userId } });
    expect(response.status).toBe(201);
    const { sid } = (await response.json()).agentCall;
    const status = await fetch(`${env.url}/api/agent-calls/${sid}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect((await status.json()).agentCall.status).toBe('ringing');
    await env.qstash.advance(61);
    const retry = await env.api(`/api/agent-calls/${sid}`, {
      as: carol,
      body: { action: 'schedule-retry' },
    });
    expect(retry.status).toBe(200);
    await env.qstash.advance(301);
    const sessions = await sessionsOf(env, carol);
    expect(sessions.at(-1)).toMatchObject({ retry_count: 1, original_sid: sid });
  });

  test("the agent worker reports a turn and the outcome of a backend's call", async () => {
    const { bob } = env.users;
    const { sid } = (
      await (await dispatchWithApiKey(env, { to: { lineUserId: bob.userId } })).json()
    ).agentCall;
    const report = (body: object) =>
      fetch(`${env.url}/api/agent-worker`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WORKER_KEY}` },
        body: JSON.stringify(body),
      });
    const at = new Date().toISOString();
    const turn = await report({ type: 'turn', sid, seq: 0, speaker: 'agent', text: 'Hello', at });
    expect(turn.status).toBe(200);
    const outcome = await report({ type: 'outcome', sid, outcome: 'confirmed', at });
    expect(await outcome.json()).toEqual({ outcome: 'confirmed' });
  });

  test('the console (through its rewrite): an admin creates a campaign, imports a CSV of national numbers and starts it', async () => {
    const { alice } = env.users;
    const created = await env.api('/api/console/campaigns', {
      as: alice,
      body: { name: 'Deploy check', script: 'greeting', language: 'th', defaultCountry: 'TH' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()).campaign;
    const imported = await fetch(`${env.url}/api/console/campaigns/${id}/leads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await env.idTokenFor(alice)}`,
        'content-type': 'text/csv',
      },
      body: '\uFEFFphone,customer_name\n081-234-5678,"Somchai\nJaidee"\nnot a number,x\n',
    });
    expect(await imported.json()).toMatchObject({ import: { added: 1, rejected: 1 } });
    const started = await env.api(`/api/console/campaigns/${id}/actions`, {
      as: alice,
      body: { action: 'start' },
    });
    expect((await started.json()).campaign.status).toBe('running');
    const leads = await env.api(`/api/console/campaigns/${id}/leads`, { as: alice });
    expect((await leads.json()).leads).toMatchObject([{ phone: '+66812345678' }]);
  });

  test('the console: a LINE user who is not an operator gets 403', async () => {
    const response = await env.api('/api/console/campaigns', { as: env.users.bob });
    expect(response.status).toBe(403);
  });
});

describe('what each function carries', () => {
  test('Node 22, the maxDuration vercel.json asks for, and no dev-only packages', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const pkg = JSON.parse(await readFile('package.json', 'utf8'));
    const vercel = JSON.parse(await readFile('vercel.json', 'utf8'));
    const devOnly = Object.keys(pkg.devDependencies);
    const functionsDir = join(output!, 'functions', 'api');
    const funcs = (await readdir(functionsDir, { recursive: true })).filter((e) =>
      e.endsWith('.func'),
    );
    expect(funcs).toHaveLength(FUNCTION_PATHS.length);
    for (const func of funcs) {
      const config = JSON.parse(
        await readFile(join(functionsDir, func, '.vc-config.json'), 'utf8'),
      );
      // The first pattern that names the file wins, as in vercel build (api/jobs/**: the dial-out
      // job holds a phone's whole ring).
      const file = `api/${func.replace(/\.func$/, '.ts')}`;
      const [, own] = Object.entries(vercel.functions as Record<string, { maxDuration: number }>)
        .filter(([pattern]) => globToRegExp(pattern).test(file))
        .at(0)!;
      expect(config, func).toMatchObject({ runtime: 'nodejs22.x', maxDuration: own.maxDuration });
      const packages = await readdir(join(functionsDir, func, 'node_modules'));
      expect(
        packages.filter((name) => devOnly.includes(name)),
        func,
      ).toEqual([]);
    }
  });
});

describe('routing in the output', () => {
  test('/api/console/<path> is routed to the console function with its path', async () => {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const config = JSON.parse(await readFile(join(output!, 'config.json'), 'utf8'));
    const path = '/api/console/campaigns/4d3c/leads';
    const route = (config.routes as { src?: string; dest?: string }[]).find(
      (candidate) => candidate.src && candidate.dest && new RegExp(candidate.src).test(path),
    );
    expect(route?.dest).toMatch(/^\/api\/console\?path=\$\d$/);
    const [, captured] = new RegExp(route!.src!).exec(path)!;
    expect(captured).toBe('campaigns/4d3c/leads');
  });
});

/** vercel.json's `functions` globs: `**` any folders, `*` any name. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${pattern}$`);
}
