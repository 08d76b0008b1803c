/**
 * What every kind of bad request is made from: the fixtures it may use (real users, tokens, a
 * live call and agent call), the request it yields, and the ways to (mis)authenticate it.
 */
import type { Rng } from './seeded-random';

export interface Fixtures {
  baseUrl: string;
  /** LINE user ids (what backends send), and contact ids (how LIFF users name each other). */
  users: { alice: string; bob: string; carol: string };
  contacts: { alice: string; bob: string; carol: string };
  tokens: { alice: string; bob: string; carol: string };
  apiKey: string;
  /** ID tokens that must not verify: expired, other audience or issuer, tampered, unknown key. */
  badTokens: string[];
  /** A ringing call from Alice to Bob, and a ringing agent call to Alice. */
  callId: string;
  agentSid: string;
  /** A draft campaign of Alice's (the console's admin). */
  campaignId: string;
}

export interface RequestSpec {
  endpoint: string;
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
}

export type Draft = Omit<RequestSpec, 'endpoint' | 'label'> & { what: string };
export type Kind = [endpoint: string, make: (rng: Rng, f: Fixtures) => Draft | Promise<Draft>];

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function badAuth(rng: Rng, f: Fixtures): Record<string, string> {
  const choice = rng.int(8);
  if (choice === 0) return {};
  if (choice === 1) return { authorization: 'Bearer' };
  if (choice === 2) return { authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` };
  if (choice === 3) return bearer(`${rng.hex(40)}.${rng.hex(40)}.${rng.hex(40)}`);
  if (choice === 4) return bearer('x'.repeat(4000));
  if (choice === 5) return bearer(`${f.apiKey}x`);
  return bearer(rng.pick(f.badTokens));
}

export const anyUser = (rng: Rng, f: Fixtures) =>
  rng.pick([f.tokens.alice, f.tokens.bob, f.tokens.carol]);

export function withAuth<Request extends { headers: Record<string, string>; body?: string }>(
  auth: Record<string, string>,
  request: Request,
): Request {
  return { ...request, headers: { ...request.headers, ...auth } };
}
