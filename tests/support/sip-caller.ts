/**
 * Test scaffolding that dials a sipp phone (dev/sip-phone.ts) the way livekit-sip would, with
 * sipp itself (tests/sip/caller.xml), and reports what came back: the SIP messages both ways, in
 * order, with their times (sipp's -trace_msg log), and the RTP the phone sent to the caller's
 * media port, which a UDP socket here receives: the G.711 μ-law payloads and the RFC 2833 keys.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findSipp } from '../../dev/sip-phone';

export interface SipMessage {
  direction: 'sent' | 'received';
  /** The start line: "INVITE sip:… SIP/2.0" or "SIP/2.0 486 Busy Here". */
  line: string;
  at: number;
}

export interface CallRecord {
  code: number | null;
  messages: SipMessage[];
  /** Payload type 0 (PCMU) payloads, in arrival order, joined. */
  pcmu: Buffer;
  /** RFC 2833 event codes (payload type 101), one per key press: 1 is the key "1". */
  keys: number[];
}

const CALLER = resolve(import.meta.dirname, '../sip/caller.xml');
const TELEPHONE_EVENT = 101;

export async function callPhone(options: { from: string; to: string }): Promise<CallRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'sip-caller-'));
  const rtp = createSocket('udp4');
  const pcmu: Buffer[] = [];
  const keys: number[] = [];
  let lastKeyTimestamp: number | undefined;
  rtp.on('message', (packet) => {
    const payloadType = packet[1]! & 0x7f;
    const payload = packet.subarray(12 + 4 * (packet[0]! & 0x0f));
    if (payloadType === 0) pcmu.push(payload);
    // An RFC 2833 key is sent as several packets sharing one RTP timestamp: count it once.
    const timestamp = packet.readUInt32BE(4);
    if (payloadType === TELEPHONE_EVENT && timestamp !== lastKeyTimestamp) {
      lastKeyTimestamp = timestamp;
      keys.push(payload[0]!);
    }
  });
  await new Promise<void>((done) => rtp.bind(0, options.from, done));
  const log = join(dir, 'messages.log');
  const args = [
    ...['-sf', CALLER, options.to, '-i', options.from, '-key', 'rtp_port'],
    String(rtp.address().port),
    ...['-m', '1', '-timeout', '30s', '-timeout_error', '-nostdin'],
    ...['-trace_msg', '-message_file', log],
  ];
  const child = spawn(findSipp()!, args, { cwd: dir, stdio: 'ignore' });
  const killer = setTimeout(() => child.kill('SIGKILL'), 35_000);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(killer);
  // RTP sent just before the last SIP message may still be on its way.
  await new Promise((done) => setTimeout(done, 200));
  rtp.close();
  const messages = readMessages(readFileSync(log, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { code, messages, pcmu: Buffer.concat(pcmu), keys };
}

/** sipp's message log: a dashed line with the time, "UDP message sent|received …", the message. */
function readMessages(log: string): SipMessage[] {
  const entries = log.split(/^-{10,} /m).slice(1);
  return entries.map((entry) => {
    const [stamp = '', kind = '', , line = ''] = entry.split('\n');
    return {
      direction: kind.includes('sent') ? 'sent' : 'received',
      line: line.trim(),
      at: Date.parse(stamp.trim().replace(' ', 'T') + 'Z'),
    };
  });
}
