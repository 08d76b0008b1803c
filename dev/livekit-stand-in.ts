/**
 * A stand-in for the LiveKit server API (Twirp over HTTP, as livekit-server-sdk speaks it), for
 * tests and for `npm run dev` without `livekit-server`. It checks the Authorization token the SDK
 * sends (HS256 with the API secret, issued by the API key, with the grant the call needs), records
 * every call, and fails on demand. It also signs webhooks the way LiveKit does. Media is out of
 * scope: for that, run `livekit-server --dev`.
 */
import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import { AccessToken, WebhookEvent } from 'livekit-server-sdk';

export interface TwirpCall {
  service: string;
  method: string;
  body: Record<string, unknown>;
}

type WebhookInit = NonNullable<ConstructorParameters<typeof WebhookEvent>[0]> & { event: string };

export interface LivekitStandIn {
  handle(request: Request): Promise<Response>;
  calls(method?: string): TwirpCall[];
  /** The next `count` requests answer this HTTP status with a Twirp error. */
  failNext(status: number, count?: number): void;
  /** A signed webhook delivery, as LiveKit would POST it. */
  signWebhook(event: WebhookInit): Promise<{ body: string; authorization: string }>;
}

const GRANT_FOR: Record<string, 'roomCreate' | 'roomAdmin' | 'roomList'> = {
  CreateRoom: 'roomCreate',
  DeleteRoom: 'roomCreate',
  ListRooms: 'roomList',
  ListParticipants: 'roomAdmin',
  SendData: 'roomAdmin',
  UpdateParticipant: 'roomAdmin',
};

export function createLivekitStandIn(options: {
  apiKey: string;
  apiSecret: string;
}): LivekitStandIn {
  const recorded: TwirpCall[] = [];
  const failures: number[] = [];
  const rooms = new Set<string>();
  const secret = new TextEncoder().encode(options.apiSecret);

  async function handle(request: Request): Promise<Response> {
    const match = /\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(new URL(request.url).pathname);
    if (request.method !== 'POST' || !match) return twirpError(404, 'bad_route', 'no such route');
    const [, service, method] = match as unknown as [string, string, string];
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const video = token ? await verify(token) : undefined;
    const grant = GRANT_FOR[method];
    if (!video || (grant && video[grant] !== true)) {
      return twirpError(401, 'unauthenticated', 'invalid authorization token');
    }
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    const failure = failures.shift();
    if (failure) return twirpError(failure, 'internal', 'injected failure');
    recorded.push({ service, method, body });
    const room = String(body.room ?? body.name ?? '');
    switch (method) {
      case 'CreateRoom':
        rooms.add(room);
        return Response.json({ name: room, sid: `RM_${room}` });
      case 'DeleteRoom':
        if (!rooms.delete(room))
          return twirpError(404, 'not_found', 'requested room does not exist');
        return Response.json({});
      default:
        return Response.json({});
    }
  }

  async function verify(token: string) {
    try {
      const { payload } = await jwtVerify(token, secret, {
        issuer: options.apiKey,
        algorithms: ['HS256'],
      });
      return (payload.video ?? {}) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  return {
    handle,
    calls: (method) => recorded.filter((call) => !method || call.method === method),
    failNext(status, count = 1) {
      failures.push(...Array.from({ length: count }, () => status));
    },
    async signWebhook(init) {
      const message = new WebhookEvent(init);
      // The generated constructor drops `event` (seen with @livekit/protocol 1.52): set it again.
      (message as { event: string }).event = init.event;
      const body = message.toJsonString();
      const token = new AccessToken(options.apiKey, options.apiSecret);
      token.sha256 = createHash('sha256').update(body).digest('base64');
      return { body, authorization: await token.toJwt() };
    },
  };
}

/** Twirp's error shape, which the SDK turns into a typed error with `status` and `code`. */
function twirpError(status: number, code: string, msg: string): Response {
  return Response.json({ code, msg }, { status });
}
