/**
 * The wire details of LiveKit's server API that the stand-in copies, pure enough to test alone:
 * Twirp errors, who may call what, and how a failed SIP dial comes back.
 *
 * Errors are Twirp's `{code, msg, meta?}` JSON with the HTTP status of the code (Twirp wire
 * protocol v7); livekit-server-sdk's TwirpRPC.js reads `msg`, `code` and `meta` only when the
 * content type is exactly "application/json" and turns `meta.sip_status_code` into a SipCallError.
 *
 * Authorization, as livekit/livekit pkg/service/auth.go does it: a token that does not verify
 * (bad signature, unknown key, expired, no "Bearer ") is refused by the middleware with a bare
 * 401 and an empty body; a missing token, or one without the grant the method needs, reaches the
 * service and gets Twirp `unauthenticated` "permissions denied" (401). Room-admin methods also need
 * `video.room` to name the room of the request.
 *
 * A SIP dial that fails (livekit/sip pkg/sip/outbound.go, errors.go):
 * - the callee's SIP response becomes a livekit.SIPStatus whose gRPC code comes from
 *   livekit/protocol livekit/sip.go (`sipCodeToGRPCCode`; its TestGRPCStatus pins 486 Busy Here
 *   to ResourceExhausted, so Twirp `resource_exhausted`, HTTP 429; protocol releases before that
 *   table sent 486 as `unavailable`, 503) and whose `TwirpErrorMeta` adds
 *   `meta: {sip_status_code: "486", sip_status: "Busy Here"}` (utils/xtwirp/errors.go, which also
 *   adds a base64 `error_details` the SDK ignores and the stand-in leaves out). Message:
 *   "INVITE failed: sip status: 486: Busy Here" for 400/404/480/486/488, else "unexpected status
 *   from INVITE response: sip status: <code>: <reason>". A SIP code outside the table falls back
 *   to `invalid_argument` (the fallback in GRPCStatus compares the gRPC code, not the SIP one).
 * - no answer within the ringing timeout: `psrpc.NewError(psrpc.Canceled, ErrSIPRequestTimeout)`,
 *   i.e. Twirp `canceled`, HTTP 408, msg "sip request timed out", no meta, so the SDK throws a
 *   plain TwirpError (not a SipCallError). Older servers prefixed the msg "twirp error unknown: ".
 */
import { jwtVerify } from 'jose';

const HTTP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  out_of_range: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  deadline_exceeded: 408,
  canceled: 408,
  already_exists: 409,
  aborted: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unknown: 500,
  dataloss: 500,
  unimplemented: 501,
  unavailable: 503,
} as const;

export type TwirpCode = keyof typeof HTTP_STATUS;

export function twirpError(
  code: TwirpCode,
  msg: string,
  meta?: Record<string, string>,
  status: number = HTTP_STATUS[code],
): Response {
  return Response.json(meta ? { code, msg, meta } : { code, msg }, { status });
}

/** The Twirp code a bare HTTP status stands for (the first listed for a shared status). */
export function twirpCodeFor(status: number): TwirpCode {
  const entry = Object.entries(HTTP_STATUS).find(([, value]) => value === status);
  if (entry) return entry[0] as TwirpCode;
  return status >= 500 ? 'internal' : 'unknown';
}

const SIP_TWIRP_CODES: [TwirpCode, number[]][] = [
  ['not_found', [301, 302, 404, 410, 481, 604]],
  ['permission_denied', [401, 402, 403, 433, 470, 603, 607, 608]],
  ['unauthenticated', [407, 428, 436, 437, 438, 494]],
  ['deadline_exceeded', [408, 504]],
  ['failed_precondition', [409, 412, 482, 483, 500, 501, 502, 503]],
  ['out_of_range', [416]],
  ['resource_exhausted', [440, 480, 486, 600]],
  ['aborted', [487, 491]],
];

const REASON_PHRASES: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  486: 'Busy Here',
  487: 'Request Terminated',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  600: 'Busy Everywhere',
  603: 'Decline',
};

/** The answer LiveKit gives when the callee's side answers the INVITE with `sipStatusCode`. */
export function sipDialFailure(
  sipStatusCode: number,
  options: { sipStatus?: string; message?: string; status?: number } = {},
): Response {
  const code =
    SIP_TWIRP_CODES.find(([, codes]) => codes.includes(sipStatusCode))?.[0] ?? 'invalid_argument';
  const sipStatus = options.sipStatus ?? REASON_PHRASES[sipStatusCode] ?? `Status ${sipStatusCode}`;
  const prefix = [400, 404, 480, 486, 488].includes(sipStatusCode)
    ? 'INVITE failed'
    : 'unexpected status from INVITE response';
  const msg = options.message ?? `${prefix}: sip status: ${sipStatusCode}: ${sipStatus}`;
  const meta = { sip_status_code: String(sipStatusCode), sip_status: sipStatus };
  return twirpError(code, msg, meta, options.status);
}

export const sipNoAnswer = () => twirpError('canceled', 'sip request timed out');

/** The grants of a verified token: `video` and `sip`, as AccessToken.toJwt writes them. */
export interface Claims {
  video: Record<string, unknown>;
  sip: Record<string, unknown>;
}

/** The claims of an Authorization header; undefined when there is none, 'invalid' when it fails. */
export async function readClaims(
  authorization: string | null,
  apiKey: string,
  apiSecret: string,
): Promise<Claims | 'invalid' | undefined> {
  if (!authorization) return undefined;
  const token = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (!token) return 'invalid';
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(apiSecret), {
      issuer: apiKey,
      algorithms: ['HS256'],
    });
    const grant = (name: string) => (payload[name] ?? {}) as Record<string, unknown>;
    return { video: grant('video'), sip: grant('sip') };
  } catch {
    return 'invalid';
  }
}

/** Whether the claims allow a call, given its request body. */
export type Permission = (claims: Claims | undefined, body: Record<string, unknown>) => boolean;

export const roomCreate: Permission = (claims) => claims?.video.roomCreate === true;
export const roomList: Permission = (claims) => claims?.video.roomList === true;
export const roomAdmin: Permission = (claims, body) =>
  claims?.video.roomAdmin === true && claims.video.room === (body.room ?? '');
export const ingressAdmin: Permission = (claims) => claims?.video.ingressAdmin === true;
export const sipCall: Permission = (claims) => claims?.sip.call === true;

export const permissionDenied = () => twirpError('unauthenticated', 'permissions denied');
/** The middleware's answer to a token that does not verify: a status line and nothing else. */
export const invalidToken = () => new Response(null, { status: 401 });
