/** Bad requests to the user and API-key endpoints: health, token, calls, agent calls. */
import { anyValue, badId, breakOne, encode, pathSafe, STRINGS, uuid } from './bad-values';
import { anyUser, badAuth, bearer, withAuth, type Fixtures, type Kind } from './bad-request-kinds';
import type { Rng } from './seeded-random';

export const USER_KINDS: Kind[] = [
  [
    'health',
    (rng) => ({
      what: 'wrong method',
      method: rng.pick(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
      path: '/api/health',
      ...encode(rng, anyValue(rng)),
    }),
  ],
  [
    'health',
    (rng, f) => ({
      what: 'junk query and headers',
      method: 'GET',
      path: `/api/health?x=${pathSafe(rng.pick(STRINGS))}`,
      headers: { ...badAuth(rng, f), 'accept-language': rng.pick(['zz', '*;q=x', ',,,', '']) },
    }),
  ],
  [
    'token',
    (rng, f) => ({
      what: 'bad auth',
      method: 'POST',
      path: '/api/token',
      ...withAuth(badAuth(rng, f), encode(rng, { room: 'conf-jp' })),
    }),
  ],
  [
    'token',
    (rng, f) => ({
      what: 'a room of the wrong type',
      method: 'POST',
      path: '/api/token',
      ...withAuth(bearer(anyUser(rng, f)), encode(rng, { room: anyValue(rng) })),
    }),
  ],
  [
    'token',
    (rng, f) => ({
      what: 'a room that is not yours',
      method: 'POST',
      path: '/api/token',
      ...withAuth(
        bearer(f.tokens.carol),
        encode(rng, {
          room: rng.pick([
            `call-${f.callId}`,
            `agent-${f.agentSid}`,
            `call-${uuid(rng)}`,
            `agent-ac_${rng.hex(16)}`,
            `conf-${'x'.repeat(49)}`,
            `call-${f.callId.toUpperCase()}`,
          ]),
        }),
      ),
    }),
  ],
  [
    'calls',
    (rng, f) => ({
      what: 'bad auth',
      method: rng.pick(['GET', 'POST']),
      path: '/api/calls',
      ...withAuth(badAuth(rng, f), { headers: {} }),
    }),
  ],
  [
    'calls',
    (rng, f) => ({
      what: 'a broken start',
      method: 'POST',
      path: '/api/calls',
      ...withAuth(
        { ...bearer(anyUser(rng, f)), 'idempotency-key': `key-${rng.hex(12)}` },
        encode(
          rng,
          breakOne(rng, { calleeContactId: f.contacts.bob, media: 'video' }, [
            'calleeContactId',
            'media',
          ]),
        ),
      ),
    }),
  ],
  [
    'calls',
    (rng, f) => ({
      what: 'a bad Idempotency-Key',
      method: 'POST',
      path: '/api/calls',
      ...withAuth(
        {
          ...bearer(f.tokens.carol),
          ...rng.pick<Record<string, string>>([
            {},
            { 'idempotency-key': '' },
            { 'idempotency-key': 'short' },
            { 'idempotency-key': 'k'.repeat(201) },
            { 'idempotency-key': 'has spaces in it' },
            { 'idempotency-key': 'caf\u00e9-latin1-key' },
          ]),
        },
        encode(rng, { calleeContactId: f.contacts.bob, media: rng.pick(['video', 'audio']) }),
      ),
    }),
  ],
  [
    'calls',
    (rng, f) => ({
      what: 'calling yourself, a stranger, or someone by their LINE id',
      method: 'POST',
      path: '/api/calls',
      headers: {
        ...bearer(f.tokens.alice),
        'idempotency-key': `key-${rng.hex(12)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        calleeContactId: rng.pick([f.contacts.alice, rng.hex(22), f.users.bob]),
        media: 'audio',
      }),
    }),
  ],
  [
    'calls/:id',
    (rng, f) => ({
      what: 'a bad id',
      method: rng.pick(['GET', 'POST']),
      path: `/api/calls/${rng.chance(0.8) ? badId(rng) : uuid(rng)}`,
      ...withAuth(bearer(anyUser(rng, f)), encode(rng, { action: 'accept' })),
    }),
  ],
  [
    'calls/:id',
    (rng, f) => ({
      what: 'an unknown action',
      method: 'POST',
      path: `/api/calls/${f.callId}`,
      ...withAuth(
        bearer(rng.pick([f.tokens.alice, f.tokens.bob])),
        encode(rng, rng.chance(0.5) ? { action: anyValue(rng) } : anyValue(rng)),
      ),
    }),
  ],
  [
    'calls/:id',
    (rng, f) => ({
      what: 'not a party',
      method: rng.pick(['GET', 'POST']),
      path: `/api/calls/${f.callId}`,
      ...withAuth(
        bearer(f.tokens.carol),
        encode(rng, { action: rng.pick(['accept', 'decline', 'cancel', 'end']) }),
      ),
    }),
  ],
  [
    'calls/:id',
    (rng, f) => ({
      what: 'wrong method or bad auth',
      method: rng.pick(['PUT', 'PATCH', 'DELETE', 'GET', 'POST']),
      path: `/api/calls/${f.callId}`,
      ...withAuth(badAuth(rng, f), encode(rng, { action: 'end' })),
    }),
  ],
  [
    'agent-calls',
    (rng, f) => ({
      what: 'a broken dispatch with the API key',
      method: 'POST',
      path: '/api/agent-calls',
      ...withAuth(bearer(f.apiKey), encode(rng, brokenDispatch(rng, f))),
    }),
  ],
  [
    'agent-calls',
    (rng, f) => ({
      what: 'a user calling someone else, or a broken body',
      method: 'POST',
      path: '/api/agent-calls',
      ...withAuth(
        bearer(f.tokens.bob),
        encode(
          rng,
          rng.chance(0.5) ? { to: { lineUserId: f.users.carol } } : brokenDispatch(rng, f),
        ),
      ),
    }),
  ],
  [
    'agent-calls',
    (rng, f) => ({
      what: 'bad auth',
      method: rng.pick(['GET', 'POST']),
      path: '/api/agent-calls',
      ...withAuth(badAuth(rng, f), encode(rng, { to: { lineUserId: f.users.bob } })),
    }),
  ],
  [
    'agent-calls/:sid',
    (rng, f) => ({
      what: 'a bad sid',
      method: rng.pick(['GET', 'POST']),
      path: `/api/agent-calls/${rng.chance(0.8) ? badId(rng) : `ac_${rng.hex(16)}`}`,
      ...withAuth(
        bearer(rng.chance(0.5) ? f.apiKey : anyUser(rng, f)),
        encode(rng, { action: 'cancel' }),
      ),
    }),
  ],
  [
    'agent-calls/:sid',
    (rng, f) => ({
      what: 'an unknown action, or a call back while it rings',
      method: 'POST',
      path: `/api/agent-calls/${f.agentSid}`,
      ...withAuth(
        bearer(f.tokens.alice),
        encode(rng, { action: rng.chance(0.3) ? 'schedule-retry' : anyValue(rng) }),
      ),
    }),
  ],
  [
    'agent-calls/:sid',
    (rng, f) => ({
      what: 'not the callee, or the API key where a user must act',
      method: 'POST',
      path: `/api/agent-calls/${f.agentSid}`,
      ...withAuth(
        bearer(rng.pick([f.tokens.bob, f.tokens.carol, f.apiKey])),
        encode(rng, { action: rng.pick(['cancel', 'schedule-retry']) }),
      ),
    }),
  ],
];

function brokenDispatch(rng: Rng, f: Fixtures): unknown {
  const valid = { to: { lineUserId: f.users.carol }, context: { orderId: 'A-1' }, language: 'ja' };
  switch (rng.int(5)) {
    case 0:
      return breakOne(rng, valid, ['to', 'language']);
    case 1:
      return {
        ...valid,
        to: rng.pick([{}, { phone: rng.pick(STRINGS) }, { ...valid.to, phone: '+819012345678' }]),
      };
    case 2:
      return {
        ...valid,
        context: rng.pick([[1], 'ctx', 7, { ['k'.repeat(65)]: 1 }, { big: 'y'.repeat(5000) }]),
      };
    case 3:
      // Strings Postgres cannot store in jsonb: a NUL, an unpaired surrogate.
      return { ...valid, context: { note: rng.pick(['\u0000', 'a\u0000', '\ud800', '\udc00x']) } };
    default:
      return {
        to: { phone: rng.pick(['090-1234-5678', '+0123', 'call me', '+81 90 1234 5678 9999 12']) },
      };
  }
}
