/**
 * The local stand-in for Upstash QStash, mounted by the dev server under /__dev/qstash (tests
 * serve it on a loopback port). The real `@upstash/qstash` Client publishes to it
 * (`baseUrl = <origin>/__dev/qstash`) and the real Receiver verifies what it delivers:
 *   POST /v2/publish/<destination URL>   bearer token; Upstash-Delay, -Not-Before (wins over the
 *        delay), -Deduplication-Id, -Content-Based-Deduplication, -Retries, -Method, -Timeout,
 *        Upstash-Forward-* → 201 {messageId, url}; a duplicate → 202 {messageId, url, deduplicated}
 * Each message is POSTed (or -Method) to its destination when due, with the forwarded headers,
 * Upstash-Signature (qstash-protocol.ts), Upstash-Message-Id and Upstash-Retried. A 2xx is
 * delivered; anything else is retried with QStash's backoff, then moved to the DLQ.
 * For tests and the dev page:
 *   GET  /messages?state=…   every message with its state and attempts
 *   POST /advance {seconds}  move the clock and deliver what falls due on the way
 *   POST /v2/schedules/<destination URL>   Upstash-Cron (minute schedules only), optional
 *        Upstash-Schedule-Id (the same id replaces the schedule) → 200 {scheduleId}; each fire
 *        publishes a message as above
 * The clock stands still until `advance()`, unless `tickMs` is set (the dev server): then it
 * follows the wall clock and due messages go out every `tickMs`.
 * With `stateFile` (the dev server: .data/qstash-stand-in.json) messages and schedules are kept
 * on disk after every change and read back on start, so a dev server restart still delivers
 * what was pending, as QStash would.
 * Unlike QStash: no URL groups, queues, callbacks, custom retry delays or message API;
 * deduplication ids never expire.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  contentDeduplicationId,
  nextCronFire,
  qstashBackoffSeconds,
  readPublishHeaders,
  signQStashDelivery,
} from './qstash-protocol';

export const QSTASH_STAND_IN_PATH = '/__dev/qstash';
export const DEV_QSTASH_TOKEN = 'dev-qstash-token';
export const DEV_QSTASH_CURRENT_SIGNING_KEY = 'sig_devCurrentSigningKey0000000000';
export const DEV_QSTASH_NEXT_SIGNING_KEY = 'sig_devNextSigningKey000000000000000';

const DEFAULT_RETRIES = 3;
const DEFAULT_TIMEOUT_SECONDS = 15;

export type MessageState = 'scheduled' | 'delivered' | 'failed' | 'dlq';

export interface DeliveryAttempt {
  messageId: string;
  /** Stand-in clock, ms since the epoch. */
  at: number;
  /** The Upstash-Retried header sent: 0 on the first attempt. */
  retried: number;
  status: number | null;
  body?: string;
  error?: string;
}

export interface QStashMessage {
  messageId: string;
  url: string;
  method: string;
  body: string;
  /** What the destination receives besides QStash's own headers: content-type and forwarded ones. */
  headers: Record<string, string>;
  deduplicationId: string | undefined;
  maxRetries: number;
  timeoutSeconds: number;
  createdAt: number;
  /** When the next attempt is due (stand-in clock); null once delivered or in the DLQ. */
  dueAt: number | null;
  state: MessageState;
  attempts: DeliveryAttempt[];
}

export interface QStashSchedule {
  scheduleId: string;
  destination: string;
  cron: string;
  method: string;
  body: string;
  headers: Record<string, string>;
  retries: number | undefined;
  /** When it fires next (stand-in clock). */
  nextFireAt: number;
}

export interface QStashStandInOptions {
  token?: string;
  currentSigningKey?: string;
  nextSigningKey?: string;
  /** Used when a publish has no Upstash-Retries (QStash's free plan allows 3). */
  defaultRetries?: number;
  /** Seconds to wait before retry n (1, 2, …). */
  backoff?: (retry: number) => number;
  /** Follow the wall clock and deliver due messages every this many ms. */
  tickMs?: number;
  /** Keep messages and schedules in this JSON file, read back on start. */
  stateFile?: string;
}

export interface QStashStandIn {
  handle(request: Request): Promise<Response>;
  messages(filter?: { state?: MessageState; url?: string }): QStashMessage[];
  schedules(): QStashSchedule[];
  /** The stand-in's clock, ms since the epoch. */
  now(): number;
  /** Moves the clock, delivering everything that falls due on the way; resolves when they are answered. */
  advance(seconds: number): Promise<DeliveryAttempt[]>;
  /** Delivers what is due now. */
  deliverDue(): Promise<DeliveryAttempt[]>;
  /** The next delivery is sent twice, as QStash may do even after a success. */
  duplicateNextDelivery(options?: { concurrently?: boolean }): void;
  signingKeys(): { current: string; next: string };
  /** As QStash's "Roll keys": the next key becomes current and a new next key is made. */
  rollSigningKeys(): void;
  /** Stops the timer and waits for deliveries in flight. */
  close(): Promise<void>;
}

export function createQStashStandIn(options: QStashStandInOptions = {}): QStashStandIn {
  const token = options.token ?? DEV_QSTASH_TOKEN;
  const backoff = options.backoff ?? qstashBackoffSeconds;
  const keys = {
    current: options.currentSigningKey ?? DEV_QSTASH_CURRENT_SIGNING_KEY,
    next: options.nextSigningKey ?? DEV_QSTASH_NEXT_SIGNING_KEY,
  };
  const saved = options.stateFile ? loadState(options.stateFile) : undefined;
  const all: QStashMessage[] = saved?.messages ?? [];
  const schedules = new Map<string, QStashSchedule>(
    (saved?.schedules ?? []).map((schedule) => [schedule.scheduleId, schedule]),
  );
  const byDeduplicationId = new Map<string, QStashMessage>(
    all.flatMap((m) => (m.deduplicationId ? [[m.deduplicationId, m] as const] : [])),
  );
  const save = () => {
    if (!options.stateFile) return;
    const temporary = `${options.stateFile}.tmp`;
    mkdirSync(dirname(options.stateFile), { recursive: true });
    writeFileSync(temporary, JSON.stringify({ messages: all, schedules: [...schedules.values()] }));
    renameSync(temporary, options.stateFile);
  };
  const duplicates: { concurrently: boolean }[] = [];
  const frozenAt = Date.now();
  let offsetMs = 0;
  const now = () => (options.tickMs ? Date.now() : frozenAt) + offsetMs;

  // One delivery round at a time, so the timer and advance() never send a message twice.
  let work: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const result = work.then(task);
    work = result.catch((error) => console.error('QStash stand-in:', error));
    return result;
  };
  const timer = options.tickMs
    ? setInterval(() => void deliverDue().catch(() => undefined), options.tickMs).unref()
    : undefined;

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(`${QSTASH_STAND_IN_PATH}/`)
      ? url.pathname.slice(QSTASH_STAND_IN_PATH.length)
      : url.pathname;
    if (request.method === 'POST' && path.startsWith('/v2/publish/')) {
      if (request.headers.get('authorization') !== `Bearer ${token}`) {
        return Response.json({ error: 'Unauthorized' }, { status: 401 });
      }
      // Some clients and proxies squeeze the destination's "//" to "/".
      const destination = path.slice('/v2/publish/'.length).replace(/^(https?):\/(?!\/)/, '$1://');
      return publish(request, destination + url.search);
    }
    if (request.method === 'POST' && path.startsWith('/v2/schedules/')) {
      if (request.headers.get('authorization') !== `Bearer ${token}`) {
        return Response.json({ error: 'Unauthorized' }, { status: 401 });
      }
      const destination = path
        .slice('/v2/schedules/'.length)
        .replace(/^(https?):\/(?!\/)/, '$1://');
      return schedule(request, destination + url.search);
    }
    if (request.method === 'GET' && path === '/messages') {
      const state = (url.searchParams.get('state') as MessageState | null) ?? undefined;
      return Response.json({ now: now(), messages: messages({ state }) });
    }
    if (request.method === 'POST' && path === '/advance') {
      const { seconds } = (await request.json().catch(() => ({}))) as { seconds?: unknown };
      if (typeof seconds !== 'number' || !(seconds >= 0)) {
        return Response.json({ error: 'Send {"seconds": <number ≥ 0>}.' }, { status: 400 });
      }
      const attempts = await advance(seconds);
      return Response.json({ now: now(), attempts });
    }
    return Response.json({ error: 'Not found.' }, { status: 404 });
  }

  async function schedule(request: Request, destination: string): Promise<Response> {
    const fail = (error: string) => Response.json({ error }, { status: 400 });
    if (!/^https?:\/\/[^/]/.test(destination)) return fail(`invalid destination: ${destination}`);
    const cron = request.headers.get('upstash-cron') ?? '';
    const nextFireAt = nextCronFire(cron, now());
    if (nextFireAt === undefined) return fail(`the stand-in runs minute schedules only: ${cron}`);
    const headers = new Headers(request.headers);
    headers.delete('upstash-cron');
    headers.delete('upstash-schedule-id');
    const parsed = readPublishHeaders(headers);
    if (typeof parsed === 'string') return fail(parsed);
    const scheduleId =
      request.headers.get('upstash-schedule-id') ?? `scd_${randomBytes(12).toString('base64url')}`;
    schedules.set(scheduleId, {
      scheduleId,
      destination,
      cron,
      method: parsed.method,
      body: await request.text(),
      headers: parsed.headers,
      retries: parsed.retries,
      nextFireAt,
    });
    save();
    return Response.json({ scheduleId });
  }

  /** Publishes a message for every schedule fire due by now. */
  function fireSchedules(): void {
    for (const s of schedules.values()) {
      if (s.nextFireAt > now()) continue;
      enqueue({ ...s, url: s.destination, deduplicationId: undefined, delaySeconds: 0 });
      s.nextFireAt = nextCronFire(s.cron, now())!;
    }
  }

  async function publish(request: Request, destination: string): Promise<Response> {
    const fail = (error: string) => Response.json({ error }, { status: 400 });
    if (!/^https?:\/\/[^/]/.test(destination))
      return fail(`invalid destination url: ${destination}`);
    const parsed = readPublishHeaders(request.headers);
    if (typeof parsed === 'string') return fail(parsed);
    const body = await request.text();
    const deduplicationId =
      parsed.deduplicationId ??
      (parsed.contentBasedDeduplication
        ? contentDeduplicationId(destination, body, parsed.headers)
        : undefined);

    const existing = deduplicationId ? byDeduplicationId.get(deduplicationId) : undefined;
    if (existing) {
      return Response.json(
        { messageId: existing.messageId, url: existing.url, deduplicated: true },
        { status: 202 },
      );
    }
    const message = enqueue({ ...parsed, url: destination, body, deduplicationId });
    return Response.json({ messageId: message.messageId, url: message.url }, { status: 201 });
  }

  function enqueue(input: {
    url: string;
    method: string;
    body: string;
    headers: Record<string, string>;
    deduplicationId: string | undefined;
    retries?: number;
    timeoutSeconds?: number;
    notBefore?: number;
    delaySeconds: number;
  }): QStashMessage {
    const createdAt = now();
    const message: QStashMessage = {
      messageId: `msg_${randomBytes(18).toString('base64url')}`,
      url: input.url,
      method: input.method,
      body: input.body,
      headers: input.headers,
      deduplicationId: input.deduplicationId,
      maxRetries: input.retries ?? options.defaultRetries ?? DEFAULT_RETRIES,
      timeoutSeconds: input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      createdAt,
      dueAt:
        input.notBefore !== undefined
          ? input.notBefore * 1000
          : createdAt + input.delaySeconds * 1000,
      state: 'scheduled',
      attempts: [],
    };
    all.push(message);
    if (input.deduplicationId) byDeduplicationId.set(input.deduplicationId, message);
    save();
    return message;
  }

  function messages(filter: { state?: MessageState; url?: string } = {}): QStashMessage[] {
    return all
      .filter((m) => (filter.state ? m.state === filter.state : true))
      .filter((m) => (filter.url ? m.url === filter.url : true))
      .map((m) => structuredClone(m));
  }

  function deliverDue(): Promise<DeliveryAttempt[]> {
    return serially(deliverDueNow);
  }

  async function deliverDueNow(): Promise<DeliveryAttempt[]> {
    fireSchedules();
    const due = all.filter((m) => m.dueAt !== null && m.dueAt <= now());
    const rounds = await Promise.all(due.map(deliver));
    if (due.length) save();
    return rounds.flat();
  }

  function advance(seconds: number): Promise<DeliveryAttempt[]> {
    return serially(async () => {
      const target = now() + seconds * 1000;
      const attempts: DeliveryAttempt[] = [];
      for (;;) {
        const dueTimes = [
          ...all.flatMap((m) => (m.dueAt === null ? [] : [m.dueAt])),
          ...[...schedules.values()].map((s) => s.nextFireAt),
        ];
        const next = Math.min(...dueTimes);
        if (!(next <= target)) break;
        offsetMs += Math.max(0, next - now());
        attempts.push(...(await deliverDueNow()));
      }
      offsetMs += Math.max(0, target - now());
      return attempts;
    });
  }

  async function deliver(message: QStashMessage): Promise<DeliveryAttempt[]> {
    const retried = message.attempts.length ? message.attempts.at(-1)!.retried + 1 : 0;
    const duplicate = duplicates.shift();
    const send = () => attempt(message, retried);
    const attempts = !duplicate
      ? [await send()]
      : duplicate.concurrently
        ? await Promise.all([send(), send()])
        : [await send(), await send()];
    message.attempts.push(...attempts);
    if (attempts.some((a) => a.status !== null && a.status >= 200 && a.status < 300)) {
      message.state = 'delivered';
      message.dueAt = null;
    } else if (retried < message.maxRetries) {
      message.state = 'failed';
      message.dueAt = now() + backoff(retried + 1) * 1000;
    } else {
      message.state = 'dlq';
      message.dueAt = null;
    }
    return attempts.map((a) => ({ ...a }));
  }

  async function attempt(message: QStashMessage, retried: number): Promise<DeliveryAttempt> {
    const at = now();
    try {
      const response = await fetch(message.url, {
        method: message.method,
        headers: {
          ...message.headers,
          'user-agent': 'Upstash-QStash',
          'upstash-message-id': message.messageId,
          'upstash-retried': String(retried),
          'upstash-signature': await signQStashDelivery(keys.current, message.url, message.body),
        },
        body: ['GET', 'HEAD'].includes(message.method) ? undefined : message.body,
        signal: AbortSignal.timeout(message.timeoutSeconds * 1000),
      });
      const body = (await response.text()).slice(0, 2000);
      return { messageId: message.messageId, at, retried, status: response.status, body };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      const reason = `${(error as Error).message}${cause ? `: ${cause.message}` : ''}`;
      return { messageId: message.messageId, at, retried, status: null, error: reason };
    }
  }

  return {
    handle,
    messages,
    schedules: () => [...schedules.values()].map((s) => structuredClone(s)),
    now,
    advance,
    deliverDue,
    duplicateNextDelivery: ({ concurrently = false } = {}) =>
      void duplicates.push({ concurrently }),
    signingKeys: () => ({ ...keys }),
    rollSigningKeys() {
      keys.current = keys.next;
      keys.next = `sig_${randomBytes(21).toString('base64url')}`;
    },
    async close() {
      clearInterval(timer);
      await work;
    },
  };
}

function loadState(
  file: string,
): { messages: QStashMessage[]; schedules: QStashSchedule[] } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.warn(`QStash stand-in: ignoring unreadable ${file}: ${(error as Error).message}`);
    return undefined;
  }
}
