/**
 * The phone at the other end of a SIP call: `sipp` (Debian's sip-tester) playing one of the
 * scenarios in tests/sip/, for one call, then exiting by itself. What it can do, as a callee of
 * livekit-sip would: answer and say a recorded reply, answer and press a key (RFC 2833), answer
 * and hang up after a while, ring until the caller gives up, or refuse (486 Busy Here,
 * 480 Temporarily Unavailable, 503 Service Unavailable). The recorded reply is spoken by
 * espeak-ng and turned by sox into what sipp 3.6's rtp_stream sends: raw G.711 μ-law at 8 kHz.
 * Every run is bounded: sipp's own -timeout, and a kill a few seconds after it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findOnPath } from './livekit-binary';

export type PhoneBehaviour =
  | { kind: 'speak'; text: string }
  | { kind: 'keys' }
  | { kind: 'hang-up'; afterMs: number }
  | { kind: 'no-answer' }
  | { kind: 'refuse'; sipStatus: 486 | 480 | 503 };

export interface SipPhoneInit {
  behaviour: PhoneBehaviour;
  /** The address and UDP port it answers on (inside the tests' namespace: the veth peer). */
  ip: string;
  port: number;
  /** How long it rings before answering or refusing (not for 'no-answer'). */
  ringMs?: number;
  /** sipp gives up (and fails) after this long without finishing its one call. */
  timeoutS?: number;
}

export interface PhoneResult {
  /** sipp's exit code: 0 when the call went the way the scenario says. */
  code: number | null;
  /** What sipp reported going wrong (its -trace_err file), empty when nothing did. */
  errors: string;
}

export interface SipPhone {
  /** The recorded reply the phone says (μ-law bytes), for 'speak'. */
  reply: Buffer | undefined;
  /** Resolves when the one call is over and sipp has exited. */
  done: Promise<PhoneResult>;
  stop(): Promise<void>;
}

const SCENARIOS = resolve(import.meta.dirname, '../tests/sip');
const SCENARIO_OF: Record<PhoneBehaviour['kind'], string> = {
  speak: 'phone-speak.xml',
  keys: 'phone-keys.xml',
  'hang-up': 'phone-hangup.xml',
  'no-answer': 'phone-no-answer.xml',
  refuse: 'phone-reject.xml',
};

export function findSipp(): string | undefined {
  return findOnPath('sipp');
}

export async function startSipPhone(init: SipPhoneInit): Promise<SipPhone> {
  const sipp = findSipp();
  if (!sipp) throw new Error('No sipp on PATH (Debian: apt-get install sip-tester).');
  const { behaviour } = init;
  const dir = mkdtempSync(join(tmpdir(), 'sip-phone-'));
  const reply = behaviour.kind === 'speak' ? recordReply(dir, behaviour.text) : undefined;
  const timeoutS = init.timeoutS ?? 90;
  const args = [
    ...['-sf', join(SCENARIOS, SCENARIO_OF[behaviour.kind])],
    ...['-i', init.ip, '-p', String(init.port), '-mi', init.ip],
    ...['-m', '1', '-timeout', `${timeoutS}s`, '-timeout_error', '-nostdin', '-trace_err'],
    ...scenarioVariables(behaviour, init.ringMs ?? 1000),
  ];
  const child = spawn(sipp, args, { cwd: dir, stdio: 'ignore' });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const killer = setTimeout(() => child.kill('SIGKILL'), (timeoutS + 5) * 1000);
  const done = new Promise<PhoneResult>((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(killer);
      process.off('exit', killOnExit);
      const errors = readdirSync(dir)
        .filter((file) => file.endsWith('_errors.log'))
        .map((file) => readFileSync(join(dir, file), 'utf8'))
        .join('');
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, errors });
    });
  });
  await untilListening(init.port, done);
  return {
    reply,
    done,
    async stop() {
      child.kill('SIGKILL');
      await done;
    },
  };
}

/** Each scenario's `-set` variables (tests/sip/*.xml declare them as Global). */
function scenarioVariables(behaviour: PhoneBehaviour, ringMs: number): string[] {
  const ring = ['-set', 'ring_ms', String(ringMs)];
  switch (behaviour.kind) {
    case 'no-answer':
      return [];
    case 'hang-up':
      return [...ring, '-set', 'talk_ms', String(behaviour.afterMs)];
    case 'refuse':
      return [...ring, '-set', 'reply', String(behaviour.sipStatus)];
    default:
      return ring;
  }
}

/** espeak-ng's WAV → reply.ul in sipp's working folder, which phone-speak.xml streams. */
function recordReply(dir: string, text: string): Buffer {
  const wav = join(dir, 'reply.wav');
  const ulaw = join(dir, 'reply.ul');
  execFileSync('espeak-ng', ['-v', 'en', '-w', wav, text], { timeout: 20_000 });
  execFileSync('sox', [wav, '-r', '8000', '-c', '1', '-t', 'ul', ulaw], { timeout: 20_000 });
  return readFileSync(ulaw);
}

/**
 * sipp has bound its SIP port once the kernel lists a UDP socket on it (/proc/net/udp, this
 * network namespace's). Reading, not binding: a probe bind could take the port from sipp.
 */
async function untilListening(port: number, exited: Promise<PhoneResult>): Promise<void> {
  let gone: PhoneResult | undefined;
  void exited.then((result) => (gone = result));
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`sipp exited (${gone.code}) at start: ${gone.errors}`);
    const sockets = readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1);
    if (sockets.some((line) => line.trim().split(/\s+/)[1]?.endsWith(local))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sipp did not listen on UDP port ${port} within 10 s.`);
}
