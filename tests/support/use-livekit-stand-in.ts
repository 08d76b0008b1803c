/**
 * The LiveKit server-API stand-in, fresh for each test and served on a loopback port, as the
 * livekit-server-sdk clients of the stand-in's own tests reach it.
 */
import type { TwirpError } from 'livekit-server-sdk';
import { afterEach, beforeEach } from 'vitest';
import { createLivekitStandIn, type LivekitStandIn } from '../../dev/livekit-stand-in';
import { serveOnLoopback, type LoopbackServer } from '../../dev/serve-stand-in';

export const KEY = 'test-key';
export const SECRET = 'test-secret-for-the-livekit-stand-in';
/** The one SIP outbound trunk the stand-in has. */
export const TRUNK = 'ST_trunk';

export interface ServedLivekitStandIn extends LivekitStandIn {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** As the app's LIVEKIT_URL: the SDK turns ws:// into http:// for Twirp. */
  url: string;
}

/** Filled in before each test with that test's stand-in. */
export function useLivekitStandIn(): ServedLivekitStandIn {
  const livekit = {} as ServedLivekitStandIn;
  let server: LoopbackServer | undefined;
  beforeEach(async () => {
    const standIn = createLivekitStandIn({ apiKey: KEY, apiSecret: SECRET, sipTrunks: [TRUNK] });
    server = await serveOnLoopback(standIn.handle);
    Object.assign(livekit, standIn, {
      origin: server.origin,
      url: server.origin.replace(/^http/, 'ws'),
    });
  });
  afterEach(() => server?.close());
  return livekit;
}

/** The error of an SDK call that must fail. */
export const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as TwirpError,
  );
