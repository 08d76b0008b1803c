/**
 * A phone agent call against the real livekit-server, with the Redis it keeps SIP state in (a
 * redis-server of the test's own, inside the network namespace). livekit-sip itself cannot be
 * built here (the Go module proxy refuses github.com/livekit/sip), so what is checked is what the
 * real server answers without it, and that the app turns each answer into a clear state:
 * - the outbound trunk to the phone is stored, as the dev server would create it;
 * - an unknown trunk: 404 not_found "requested sip trunk does not exist" → failed, with that text;
 * - a known trunk with no SIP service listening: 503 unavailable "no response from servers",
 *   after about a second → failed at once, not ringing into silence until the ring time-out.
 */
import { SipClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findRedisServer, startRedisServer, type RedisServer } from '../../../dev/redis-server';
import {
  AGENT_SETTINGS,
  dispatchWithApiKey,
  sessionOf,
  startedAgentCall,
} from '../../support/agent-calls';
import { changeEnvironment } from '../../support/process-environment';
import { canRunRealMedia } from '../../support/real-media';
import { startTestEnvironment, type TestEnvironment } from '../../support/test-environment';

const PHONE_NUMBER = '+819055550100';
/** livekit.UDP (@livekit/protocol, which the SDK does not re-export). */
const UDP = 1;
const canRun = canRunRealMedia && findRedisServer() !== undefined;
if (canRunRealMedia && !canRun && process.env.CI) throw new Error('No redis-server for SIP tests.');

describe.skipIf(!canRun)('a phone agent call against the real livekit-server', () => {
  let redis: RedisServer;
  let env: TestEnvironment;
  let sip: SipClient;
  let trunkId: string;
  let restoreEnvironment: (() => void) | undefined;

  beforeAll(async () => {
    redis = await startRedisServer();
    restoreEnvironment = changeEnvironment(AGENT_SETTINGS);
    env = await startTestEnvironment({ livekit: 'real', livekitRedis: redis.address });
    const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
    sip = new SipClient(LIVEKIT_URL!.replace(/^ws/, 'http'), LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
    // Where the sipp phone answers inside the namespace (tests/support/offline.sh).
    const phone = `${process.env.LIFF_CALLS_TEST_PEER_IP ?? '127.0.0.1'}:5060`;
    const trunk = await sip.createSipOutboundTrunk('sipp phone', phone, [PHONE_NUMBER], {
      transport: UDP,
    });
    trunkId = trunk.sipTrunkId;
  });

  afterAll(async () => {
    restoreEnvironment?.();
    await env?.close();
    await redis?.close();
  });

  /** Starts a phone call with the API key and lets the dial-out job (due at once) run. */
  const dialWith = async (trunk: string) => {
    // Put back by restoreEnvironment, which restores AGENT_SETTINGS' trunk variable too.
    changeEnvironment({ LIVEKIT_SIP_TRUNK_ID: trunk });
    const call = await startedAgentCall(
      await dispatchWithApiKey(env, { to: { phone: '+81 90 5555 0100' } }),
    );
    expect(call.status).toBe('ringing');
    const started = Date.now();
    await env.qstash.deliverDue();
    return { ...(await sessionOf(env, call.sid)), dialSeconds: (Date.now() - started) / 1000 };
  };

  test('livekit-server keeps the outbound trunk to the phone in Redis', async () => {
    const trunks = await sip.listSipOutboundTrunk();
    expect(trunks.map((t) => [t.sipTrunkId, t.address, t.numbers, t.transport])).toEqual([
      [trunkId, expect.stringMatching(/:5060$/), [PHONE_NUMBER], UDP],
    ]);
  });

  test('an unknown trunk: LiveKit says so (404) and the call fails with its words', async () => {
    const call = await dialWith('ST_no_such_trunk');
    expect(call).toMatchObject({ status: 'failed', sip_status_code: null });
    expect(call.failure_reason).toBe('requested sip trunk does not exist');
  });

  test('no SIP service behind the trunk: the call fails within seconds, not at the ring time-out', async () => {
    const call = await dialWith(trunkId);
    expect(call).toMatchObject({ status: 'failed', sip_status_code: null });
    // LiveKit answers 503 "no response from servers": transient for LiveKit, final for this call.
    expect(call.failure_reason).toBe('LiveKit could not dial the number (503).');
    expect(call.dialSeconds).toBeLessThan(15);
  });
});
