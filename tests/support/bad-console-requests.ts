/** Bad requests to the campaign console (/api/console/*): Alice is its admin in the test world. */
import { anyValue, badId, breakOne, encode, pathSafe, STRINGS, uuid } from './bad-values';
import { anyUser, badAuth, bearer, withAuth, type Kind } from './bad-request-kinds';
import type { Rng } from './seeded-random';

const SETTINGS = { name: 'Fuzz', script: 'survey', language: 'th', defaultCountry: 'TH' };
const CSV_LINES = [
  'phone,customer_name',
  'line_user_id',
  '090-1234-5678,"Sato',
  '"a""b",c,d',
  '\uFEFFphone',
  'phone,phone',
  '081-234-5678,Somchai',
  '\u0000,\u0000',
  'shoe_size',
];

/** A CSV-ish body: lines drawn from the above and junk, sometimes bytes that are not UTF-8. */
function anyCsv(rng: Rng): string | Uint8Array {
  if (rng.chance(0.2))
    return new Uint8Array(Array.from({ length: rng.int(64) }, () => rng.int(256)));
  return Array.from({ length: rng.int(6) }, () =>
    rng.chance(0.7) ? rng.pick(CSV_LINES) : String(rng.pick(STRINGS)),
  ).join(rng.pick(['\n', '\r\n', '\r']));
}

const operator = (rng: Rng, path: string, method: string, body?: unknown) => ({
  method,
  path,
  ...(body === undefined ? { headers: {} } : encode(rng, body)),
});

export const CONSOLE_KINDS: Kind[] = [
  [
    'console',
    (rng, f) => ({
      what: 'bad auth',
      ...withAuth(badAuth(rng, f), operator(rng, '/api/console/campaigns', 'GET')),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'not an operator',
      ...withAuth(
        bearer(rng.pick([f.tokens.bob, f.tokens.carol])),
        operator(rng, `/api/console/${rng.pick(['campaigns', 'operators', 'do-not-call'])}`, 'GET'),
      ),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'a path or method it has not',
      ...withAuth(
        bearer(f.tokens.alice),
        operator(
          rng,
          `/api/console/${pathSafe(String(rng.pick(STRINGS)))}/${badId(rng)}`,
          rng.pick(['GET', 'POST', 'PATCH', 'DELETE']),
        ),
      ),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'campaign settings with one broken',
      ...withAuth(
        bearer(f.tokens.alice),
        operator(
          rng,
          '/api/console/campaigns',
          'POST',
          breakOne(
            rng,
            { ...SETTINGS, pacePerMinute: 5, window: { startHour: 1, endHour: 2, days: [7] } },
            ['name', 'script', 'language', 'defaultCountry', 'pacePerMinute', 'window'],
          ),
        ),
      ),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'a change or action that is junk',
      ...withAuth(
        bearer(anyUser(rng, f)),
        rng.chance(0.5)
          ? operator(rng, `/api/console/campaigns/${f.campaignId}`, 'PATCH', anyValue(rng))
          : operator(
              rng,
              `/api/console/campaigns/${rng.chance(0.5) ? f.campaignId : uuid(rng)}/actions`,
              'POST',
              {
                action: anyValue(rng),
              },
            ),
      ),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'a CSV that is not one',
      method: 'POST',
      path: `/api/console/campaigns/${rng.chance(0.8) ? f.campaignId : badId(rng)}/leads`,
      headers: {
        ...bearer(f.tokens.alice),
        'content-type': rng.pick([
          'text/csv',
          'text/csv; charset=utf-8',
          'application/json',
          'text/plain',
        ]),
      },
      body: anyCsv(rng),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'do-not-call junk',
      ...withAuth(
        bearer(f.tokens.alice),
        rng.chance(0.6)
          ? operator(rng, '/api/console/do-not-call', 'POST', {
              callees: anyValue(rng),
              defaultCountry: rng.chance(0.5) ? anyValue(rng) : 'JP',
            })
          : operator(rng, `/api/console/do-not-call/${badId(rng)}`, 'DELETE'),
      ),
    }),
  ],
  [
    'console',
    (rng, f) => ({
      what: 'monitor, call actions, results and analytics junk',
      ...withAuth(
        bearer(anyUser(rng, f)),
        rng.chance(0.5)
          ? operator(
              rng,
              `/api/console/calls/${badId(rng)}/${rng.pick(['listen', 'take-over', 'hang-up'])}`,
              rng.pick(['POST', 'GET']),
            )
          : operator(
              rng,
              rng.pick([
                `/api/console/campaigns/${rng.chance(0.5) ? f.campaignId : uuid(rng)}/${rng.pick(['monitor', 'results', 'export.csv'])}`,
                `/api/console/campaigns/${f.campaignId}/leads/${badId(rng)}`,
                `/api/console/analytics?days=${pathSafe(String(rng.pick(STRINGS)))}`,
                `/api/console/analytics?timeZone=${pathSafe(String(rng.pick(STRINGS)))}`,
              ]),
              'GET',
            ),
      ),
    }),
  ],
];
