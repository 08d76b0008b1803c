/**
 * LINE pushes through the official Messaging API client. A push is at-least-once from our side:
 * every attempt of the same push carries the same X-Line-Retry-Key, so LINE delivers it once and
 * answers 409 to a repeat (which is success). 429 and 5xx are retried here a few times; a 429
 * that says the monthly quota is spent is final.
 */
import type { messagingApi } from '@line/bot-sdk';
import { createHash } from 'node:crypto';
import { getConfig } from '../config.js';
import { AppError, unavailable } from '../errors.js';

export type LineMessage = messagingApi.Message;

/**
 * Retry policy as data: attempts in all, the wait before attempt n (n ≥ 1), and how long one
 * attempt may take (the SDK's fetch has no timeout of its own; a stalled LINE must not hold a
 * function until the platform kills it).
 */
const PUSH_RETRY = {
  attempts: 3,
  backoffMs: (attempt: number) => 200 * 3 ** (attempt - 1),
  attemptTimeoutMs: 3000,
};

export type PushOutcome = 'sent' | 'already-sent';

export async function pushMessages(
  to: string,
  messages: LineMessage[],
  retryKey: string,
): Promise<PushOutcome> {
  const client = await messagingClient();
  let lastError: unknown;
  for (let attempt = 0; attempt < PUSH_RETRY.attempts; attempt++) {
    if (attempt > 0) await sleep(PUSH_RETRY.backoffMs(attempt));
    try {
      await withTimeout(
        client.pushMessage({ to, messages }, retryKey),
        PUSH_RETRY.attemptTimeoutMs,
      );
      return 'sent';
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 409) return 'already-sent';
      if (!isRetryable(error)) {
        throw new AppError('push_rejected', 502, `LINE refused the message (${status}).`, {
          retryable: false,
          cause: error,
        });
      }
      lastError = error;
    }
  }
  throw unavailable('line_unavailable', 'LINE did not accept the message; try again.', lastError);
}

/** A UUID made from what the push is for, so a retried job or request reuses the same key. */
export function retryKeyFor(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function isRetryable(error: unknown): boolean {
  const { status, body } = error as { status?: number; body?: string };
  if (status === undefined) return true; // network error or timeout
  if (status === 429) return !/monthly limit/i.test(body ?? '');
  return status >= 500;
}

async function messagingClient(): Promise<messagingApi.MessagingApiClient> {
  const { messaging } = getConfig().line;
  if (!messaging) {
    throw new AppError(
      'misconfigured',
      503,
      'Set LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET (npm run dev provides a stand-in).',
    );
  }
  // Imported on first use: most functions never push.
  const { messagingApi } = await import('@line/bot-sdk');
  return new messagingApi.MessagingApiClient({
    channelAccessToken: messaging.channelAccessToken,
    baseURL: messaging.apiBaseUrl,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives up waiting after `ms`. The request itself may still reach LINE; the next attempt carries
 * the same retry key, so LINE answers it 409 (already delivered) rather than sending twice.
 */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from LINE in ${ms} ms`)), ms);
  });
  work.catch(() => {}); // a late failure of an abandoned attempt is not an unhandled rejection
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
