/**
 * The sipp phone (dev/sip-phone.ts, tests/sip/phone-*.xml) does what each scenario says, checked
 * with a sipp caller that dials it as livekit-sip would (tests/support/sip-caller.ts), on the veth
 * pair inside the tests' network namespace: the SIP responses, who hangs up and when, and the
 * RTP the phone sends (its recorded reply, byte for byte; its key press as an RFC 2833 event).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { freePort } from '../../../dev/livekit-server';
import {
  findSipp,
  startSipPhone,
  type PhoneBehaviour,
  type SipPhone,
} from '../../../dev/sip-phone';
import { callPhone, type CallRecord } from '../../support/sip-caller';

const PHONE_IP = process.env.LIFF_CALLS_TEST_PEER_IP ?? '127.0.0.1';
const CALLER_IP = process.env.LIFF_CALLS_TEST_IP ?? '127.0.0.1';
if (!findSipp() && process.env.CI) throw new Error('No sipp (Debian package sip-tester).');

describe.skipIf(!findSipp())('the sipp phone', () => {
  let phone: SipPhone | undefined;
  afterEach(async () => {
    await phone?.stop();
    phone = undefined;
  });

  /** Starts the phone, dials it, and returns the call once both sides are done. */
  const dial = async (behaviour: PhoneBehaviour, ringMs = 300) => {
    const port = await freePort('udp');
    phone = await startSipPhone({ behaviour, ip: PHONE_IP, port, ringMs, timeoutS: 30 });
    const call = await callPhone({ from: CALLER_IP, to: `${PHONE_IP}:${port}` });
    const result = await phone.done;
    expect(result, 'the phone ended its scenario cleanly').toEqual({ code: 0, errors: '' });
    expect(call.code, 'the caller got what it expected').toBe(0);
    return call;
  };
  const received = (call: CallRecord) =>
    call.messages.filter((m) => m.direction === 'received').map((m) => m.line.split(' sip:')[0]);
  const timeOf = (call: CallRecord, line: string) =>
    call.messages.find((m) => m.line.startsWith(line))!.at;

  test('answers and says its recorded reply (espeak-ng, G.711 μ-law), then waits for the BYE', async () => {
    const call = await dial({ kind: 'speak', text: 'Yes, I will pay tomorrow.' });
    expect(received(call)).toEqual(['SIP/2.0 180 Ringing', 'SIP/2.0 200 OK', 'SIP/2.0 200 OK']);
    const reply = phone!.reply!;
    expect(reply.length).toBeGreaterThan(8000); // over a second of speech at 8000 bytes/s
    // All of it, in 20 ms packets of 160 bytes: sipp fills the last packet up.
    expect(call.pcmu.length).toBe(Math.ceil(reply.length / 160) * 160);
    expect(call.pcmu.subarray(0, reply.length).equals(reply)).toBe(true);
    expect(call.keys).toEqual([]);
  });

  test('answers and presses 1 on the keypad (RFC 2833)', async () => {
    const call = await dial({ kind: 'keys' });
    expect(received(call)).toEqual(['SIP/2.0 180 Ringing', 'SIP/2.0 200 OK', 'SIP/2.0 200 OK']);
    expect(call.keys).toEqual([1]);
  });

  test('answers, then hangs up by itself after the time it was given', async () => {
    const call = await dial({ kind: 'hang-up', afterMs: 2000 });
    expect(received(call)).toEqual(['SIP/2.0 180 Ringing', 'SIP/2.0 200 OK', 'BYE']);
    const talked = timeOf(call, 'BYE') - timeOf(call, 'SIP/2.0 200 OK');
    expect(talked).toBeGreaterThanOrEqual(2000);
    expect(talked).toBeLessThan(3500);
  });

  test('rings until the caller gives up: the CANCEL is confirmed and the INVITE ends 487', async () => {
    const call = await dial({ kind: 'no-answer' });
    expect(received(call)).toEqual([
      'SIP/2.0 180 Ringing',
      'SIP/2.0 200 OK',
      'SIP/2.0 487 Request Terminated',
    ]);
    expect(
      call.messages.filter((m) => m.direction === 'sent').map((m) => m.line.split(' ')[0]),
    ).toEqual(['INVITE', 'CANCEL', 'ACK']);
  });

  test.each([
    [486, 'Busy Here'],
    [480, 'Temporarily Unavailable'],
    [503, 'Service Unavailable'],
  ] as const)('refuses with %i %s after ringing', async (sipStatus, reason) => {
    const call = await dial({ kind: 'refuse', sipStatus }, 500);
    expect(received(call)).toEqual(['SIP/2.0 180 Ringing', `SIP/2.0 ${sipStatus} ${reason}`]);
    const rang = timeOf(call, `SIP/2.0 ${sipStatus}`) - timeOf(call, 'SIP/2.0 180');
    expect(rang).toBeGreaterThanOrEqual(500);
  });
});
