/**
 * Bad requests to the signed or keyed callbacks (LiveKit, LINE, QStash, the agent worker), unknown
 * paths, oversized bodies.
 */
import { DEV_AGENT_WORKER_KEY } from '../../api/_lib/config';
import {
  anyValue,
  badId,
  breakOne,
  encode,
  INVALID_JSON,
  pathSafe,
  STRINGS,
  uuid,
} from './bad-values';
import { anyUser, badAuth, bearer, withAuth, type Fixtures, type Kind } from './bad-request-kinds';
import type { Rng } from './seeded-random';
import {
  jobUrl,
  lineSignature,
  lineWebhookBody,
  livekitAuthorization,
  qstashSignature,
} from './signed-deliveries';

export const CALLBACK_KINDS: Kind[] = [
  [
    'agent-worker',
    (rng, f) => ({
      what: 'no worker key, a wrong one, or the backend API key',
      method: 'POST',
      path: '/api/agent-worker',
      ...withAuth(
        rng.chance(0.3) ? bearer(f.apiKey) : badAuth(rng, f),
        encode(rng, workerReportOf(rng, f)),
      ),
    }),
  ],
  [
    'agent-worker',
    (rng, f) => ({
      what: 'the worker key with a broken report',
      method: 'POST',
      path: '/api/agent-worker',
      ...withAuth(bearer(DEV_AGENT_WORKER_KEY), encode(rng, brokenWorkerReport(rng, f))),
    }),
  ],
  [
    'webhooks/livekit',
    (rng, f) => ({
      what: 'unsigned or badly signed',
      method: 'POST',
      path: '/api/webhooks/livekit',
      headers: {
        'content-type': 'application/webhook+json',
        ...rng.pick<Record<string, string>>([
          {},
          { authorization: rng.hex(64) },
          { authorization: rng.pick(f.badTokens) },
        ]),
      },
      body: JSON.stringify(livekitEventOf(rng)),
    }),
  ],
  [
    'webhooks/livekit',
    async (rng) => {
      const body = rng.chance(0.3)
        ? rng.pick(INVALID_JSON)
        : JSON.stringify(rng.chance(0.5) ? anyValue(rng) : livekitEventOf(rng));
      return {
        what: 'signed, with a bad body',
        method: 'POST',
        path: '/api/webhooks/livekit',
        headers: {
          'content-type': 'application/webhook+json',
          authorization: await livekitAuthorization(body),
        },
        body,
      };
    },
  ],
  [
    'webhooks/line',
    (rng) => {
      const body = lineWebhookBody(lineEventOf(rng));
      return {
        what: 'unsigned or badly signed',
        method: 'POST',
        path: '/api/webhooks/line',
        headers: {
          'content-type': 'application/json',
          ...rng.pick<Record<string, string>>([
            {},
            { 'x-line-signature': rng.hex(44) },
            { 'x-line-signature': '' },
          ]),
        },
        body,
      };
    },
  ],
  [
    'webhooks/line',
    (rng) => {
      const roll = rng.int(4);
      const body =
        roll === 0
          ? rng.pick(INVALID_JSON)
          : roll === 1
            ? JSON.stringify(rng.chance(0.5) ? anyValue(rng) : { events: anyValue(rng) })
            : lineWebhookBody(lineEventOf(rng));
      return {
        what: 'signed, with a bad body',
        method: 'POST',
        path: '/api/webhooks/line',
        headers: { 'content-type': 'application/json', 'x-line-signature': lineSignature(body) },
        body,
      };
    },
  ],
  [
    'jobs',
    (rng) => ({
      what: 'an unknown job or a bad signature',
      method: rng.pick(['POST', 'GET']),
      path: `/api/jobs/${rng.pick(['ring-timeout', 'agent-ring-timeout', 'execute-retry', 'dial-out', 'nope', 'RING-TIMEOUT', 'ring-timeout.ts'])}`,
      headers: {
        'content-type': 'application/json',
        ...rng.pick<Record<string, string>>([
          {},
          { 'upstash-signature': rng.hex(60) },
          { 'upstash-signature': '' },
        ]),
      },
      body: JSON.stringify({ callId: uuid(rng) }),
    }),
  ],
  [
    'jobs',
    async (rng, f) => {
      const job = rng.pick(['ring-timeout', 'agent-ring-timeout', 'execute-retry', 'dial-out']);
      const body = rng.pick([
        () => JSON.stringify(anyValue(rng)),
        () => rng.pick(INVALID_JSON),
        () => JSON.stringify({ callId: uuid(rng) }),
        () => JSON.stringify({ sid: `ac_${rng.hex(16)}` }),
        () => JSON.stringify({ retryId: String(rng.int(1e9) + 1e6) }),
        () => JSON.stringify({ retryId: '999999999999999999' }),
        () => JSON.stringify({ callId: f.callId, extra: true }),
      ])();
      return {
        what: 'signed, with a payload that is not ours to run',
        method: 'POST',
        path: `/api/jobs/${job}`,
        headers: {
          'content-type': 'application/json',
          'upstash-signature': await qstashSignature(jobUrl(f.baseUrl, job), body),
        },
        body,
      };
    },
  ],
  [
    'unknown',
    (rng) => ({
      what: 'no such function',
      method: rng.pick(['GET', 'POST', 'PUT', 'DELETE']),
      path: rng.pick([
        '/api',
        '/api/',
        '/api/nope',
        '/api/calls/a/b',
        '/api/webhooks',
        '/api/jobs',
        '/api/health/x',
        '/api/token/x',
        '/api/agent-calls/a/b/c',
        '/api/_lib/config',
      ]),
      headers: {},
    }),
  ],
  [
    'oversized',
    (rng, f) => {
      const [path, limit] = rng.pick([
        ['/api/token', 16_384],
        ['/api/calls', 16_384],
        ['/api/agent-calls', 16_384],
        ['/api/webhooks/livekit', 65_536],
        ['/api/webhooks/line', 262_144],
        ['/api/jobs/ring-timeout', 16_384],
      ] as const);
      const body = JSON.stringify({ room: 'x'.repeat(limit + rng.int(limit)) });
      return {
        what: `over ${limit} bytes`,
        method: 'POST',
        path,
        headers: { ...bearer(anyUser(rng, f)), 'content-type': 'application/json' },
        body,
      };
    },
  ],
];

function livekitEventOf(rng: Rng): Record<string, unknown> {
  return {
    event: rng.pick([
      'participant_joined',
      'participant_left',
      'room_finished',
      'track_published',
      'nope',
      '',
    ]),
    id: rng.chance(0.8) ? `EV_${rng.hex(12)}` : anyValue(rng),
    createdAt: rng.pick([
      String(Math.floor(Date.now() / 1000)),
      '0',
      '-1',
      '99999999999',
      // Past what a Date or a timestamptz holds: validly signed, and once a 500.
      '99999999999999999',
      '9223372036854775807',
      'x',
    ]),
    room: {
      name: rng.pick([
        `call-${uuid(rng)}`,
        `agent-ac_${rng.hex(16)}`,
        'conf-jp',
        'x',
        '',
        ...STRINGS,
      ]),
    },
    participant: rng.chance(0.7)
      ? { identity: rng.pick(STRINGS), permission: { hidden: rng.chance(0.5) } }
      : undefined,
  };
}

function lineEventOf(rng: Rng): Record<string, unknown> {
  const userId = rng.chance(0.7) ? `U${rng.hex(32)}` : anyValue(rng);
  const data = rng.pick([
    () => `action=decline-call&call=${uuid(rng)}`,
    () => `action=agent-retry&sid=ac_${rng.hex(16)}`,
    () => `action=agent-not-now&sid=ac_${rng.hex(16)}`,
    () => `action=${pathSafe(rng.pick(STRINGS))}&call=x`,
    () => rng.pick(STRINGS),
  ])();
  return rng.pick([
    { type: 'postback', source: { type: 'user', userId }, postback: { data } },
    { type: 'postback', source: { type: 'group', groupId: rng.hex(10) }, postback: anyValue(rng) },
    { type: rng.pick(['follow', 'unfollow']), source: { type: 'user', userId } },
    {
      type: rng.pick(['follow', 'unfollow']),
      source: { type: 'user', userId },
      timestamp: rng.pick([-1, 1e20, 8.64e15 + 1, 0.5, Date.now() + 864e5, Number.MAX_VALUE]),
      webhookEventId: rng.pick(['', 'x'.repeat(5000), ...STRINGS]),
    },
    { type: rng.pick(['message', 'beacon', 'nope', '']), source: anyValue(rng) },
  ]);
}

function workerReportOf(rng: Rng, f: Fixtures): Record<string, unknown> {
  const at = new Date().toISOString();
  return rng.pick([
    { type: 'hello', agentName: 'liff-calls-agent', speech: { stt: 'a', tts: 'b', llm: null } },
    { type: 'turn', sid: f.agentSid, seq: rng.int(5), speaker: 'agent', text: 'Hello', at },
    { type: 'outcome', sid: f.agentSid, outcome: 'confirmed', at },
  ]);
}

function brokenWorkerReport(rng: Rng, f: Fixtures): unknown {
  const valid = workerReportOf(rng, f);
  if (rng.chance(0.15)) return anyValue(rng);
  if (rng.chance(0.15))
    return { ...valid, sid: rng.chance(0.5) ? `ac_${rng.hex(16)}` : badId(rng) };
  return breakOne(rng, valid, Object.keys(valid));
}

/** Bodies of megabytes, sent with a Content-Length and streamed without one. */
