/**
 * The LINE stand-in's `POST /v2/bot/message/push`: checks the channel access token and the body
 * the way LINE does (enough to catch our mistakes), records what was pushed, and honours
 * `X-Line-Retry-Key` — a key already accepted answers 409 with the original `sentMessages` and
 * `x-line-accepted-request-id`, as documented in LINE's "Retry failed API requests".
 * Tests queue faults (429, 500, a slow answer) for the next pushes. A delayed push is still
 * processed after its delay even when the caller gave up, which is what makes retry keys matter.
 */
import type { messagingApi } from '@line/bot-sdk';
import { randomBytes, randomUUID } from 'node:crypto';

export interface RecordedPush {
  requestId: string;
  to: string;
  messages: messagingApi.Message[];
  notificationDisabled: boolean;
  retryKey: string | undefined;
  sentMessages: messagingApi.SentMessage[];
  pushedAt: string;
}

export interface PushFault {
  /** Answer this status instead of 200 (429 and 500 get LINE's messages unless `message` says). */
  status?: number;
  message?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Record the push (and its retry key) anyway: LINE accepted it but the answer was lost. */
  accepted?: boolean;
  /** How many of the next pushes get this fault; 1 unless set. */
  count?: number;
}

const DEFAULT_FAULT_MESSAGES: Record<number, string> = {
  429: 'The API rate limit has been exceeded. Try again later.',
  500: 'An error occurred in the server.',
};
const MESSAGE_TYPES = [
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
  'coupon',
];
const QUOTABLE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video']);
const LINE_RECIPIENT = /^[UCR][0-9a-f]{32}$/;
const RETRY_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createLinePushes(channelAccessToken: string) {
  const recorded: RecordedPush[] = [];
  const acceptedRetryKeys = new Map<string, RecordedPush>();
  const faults: Omit<PushFault, 'count'>[] = [];
  let messageCounter = 0;

  async function handlePush(request: Request): Promise<Response> {
    const authorization = request.headers.get('authorization');
    if (!authorization?.startsWith('Bearer ')) {
      return lineError(
        401,
        "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
      );
    }
    if (authorization.slice('Bearer '.length) !== channelAccessToken) {
      return lineError(
        401,
        'Authentication failed. Confirm that the access token in the authorization header is valid.',
      );
    }
    const retryKey = request.headers.get('x-line-retry-key') ?? undefined;
    if (retryKey !== undefined && !RETRY_KEY.test(retryKey)) {
      return lineError(400, "The value for the 'X-Line-Retry-Key' header is invalid");
    }
    const body = (await request.json().catch(() => undefined)) as
      Record<string, unknown> | undefined;
    const invalid = validatePush(body);
    if (invalid) return invalid;
    const push = body as unknown as messagingApi.PushMessageRequest;

    const fault = faults.shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const requestId = randomUUID();
    const earlier = retryKey ? acceptedRetryKeys.get(retryKey) : undefined;
    if (earlier) {
      return Response.json(
        { message: 'The retry key is already accepted', sentMessages: earlier.sentMessages },
        {
          status: 409,
          headers: {
            'x-line-request-id': requestId,
            'x-line-accepted-request-id': earlier.requestId,
          },
        },
      );
    }
    if (fault?.status && !fault.accepted) return faultResponse(fault, requestId);

    const record: RecordedPush = {
      requestId,
      to: push.to,
      messages: push.messages,
      notificationDisabled: push.notificationDisabled ?? false,
      retryKey,
      sentMessages: push.messages.map((message) => ({
        id: `${Date.now()}${String(messageCounter++ % 100_000).padStart(5, '0')}`,
        ...(QUOTABLE_TYPES.has(message.type)
          ? { quoteToken: randomBytes(24).toString('base64url') }
          : {}),
      })),
      pushedAt: new Date().toISOString(),
    };
    recorded.push(record);
    if (retryKey) acceptedRetryKeys.set(retryKey, record);
    if (fault?.status) return faultResponse(fault, requestId);
    return Response.json(
      { sentMessages: record.sentMessages },
      { headers: { 'x-line-request-id': requestId } },
    );
  }

  return {
    handlePush,
    pushes: (to?: string): RecordedPush[] =>
      recorded
        .filter((push) => to === undefined || push.to === to)
        .map((push) => structuredClone(push)),
    failNextPushes({ count = 1, ...fault }: PushFault): void {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    reset(): void {
      recorded.length = 0;
      faults.length = 0;
      acceptedRetryKeys.clear();
    },
  };
}

/** LINE's 400 shapes: a top-level message, or "has N error(s)" with one detail per property. */
function validatePush(body: Record<string, unknown> | undefined): Response | undefined {
  if (!body || typeof body !== 'object')
    return lineError(400, 'The request body has 1 error(s)', [
      { message: 'must be a JSON object', property: '' },
    ]);
  if (typeof body.to !== 'string' || !LINE_RECIPIENT.test(body.to)) {
    return lineError(
      400,
      "The property, 'to', in the request body is invalid (line: -, column: -)",
    );
  }
  const details: { message: string; property: string }[] = [];
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    details.push({ message: 'Size must be between 1 and 5', property: 'messages' });
  } else {
    messages.forEach((message: Record<string, unknown>, i) => {
      const at = (name: string) => `messages[${i}].${name}`;
      const missing = (name: string) =>
        details.push({ message: 'Must not be empty', property: at(name) });
      if (!MESSAGE_TYPES.includes(message?.type as string)) {
        details.push({
          message: `Must be one of the following values: [${MESSAGE_TYPES.join(', ')}]`,
          property: at('type'),
        });
      } else if (message.type === 'text' && !message.text) missing('text');
      else if (message.type === 'template' || message.type === 'flex') {
        if (!message.altText) missing('altText');
        const container = message.type === 'flex' ? 'contents' : 'template';
        if (typeof message[container] !== 'object' || message[container] === null)
          missing(container);
      }
    });
  }
  if (details.length === 0) return undefined;
  return lineError(400, `The request body has ${details.length} error(s)`, details);
}

function faultResponse(fault: Omit<PushFault, 'count'>, requestId: string): Response {
  const status = fault.status!;
  return lineError(status, fault.message ?? DEFAULT_FAULT_MESSAGES[status] ?? 'Error', undefined, {
    'x-line-request-id': requestId,
  });
}

/** LINE's error body: `{ "message": "...", "details"?: [{ "message", "property" }] }`. */
export function lineError(
  status: number,
  message: string,
  details?: { message: string; property: string }[],
  headers: Record<string, string> = {},
): Response {
  return Response.json({ message, ...(details ? { details } : {}) }, { status, headers });
}
