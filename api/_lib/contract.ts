/**
 * The contract between the API and the app: what each endpoint the app calls answers, and the
 * facts both sides need (state groups, the ring time). The server builds these shapes and the app
 * reads them; both import them from here, so neither restates the other (lint lets `src/` import
 * this file and nothing else under `api/`). Types, and constants from the pure domain only, so
 * the app's bundle gains nothing it does not use. The server computes what it knows (deadlines,
 * the wait before a call back); the app shows it.
 */
import type { AgentCallState } from './domain/agent-call-lifecycle.js';
import type { AgentOutcome, TranscriptTurn } from './domain/agent-conversation.js';
import type { CallState } from './domain/call-lifecycle.js';
import type { RetryStatus } from './domain/retry-policy.js';

export {
  AGENT_LIVE_STATES,
  AGENT_RINGING_STATES,
  type AgentCallState as AgentCallStatus,
} from './domain/agent-call-lifecycle.js';
export {
  IN_CALL_STATES,
  RINGING_STATES,
  type CallState as CallStatus,
} from './domain/call-lifecycle.js';
export { CONTACT_ID } from './domain/ids.js';
export {
  NO_AGENT_REASON,
  type AgentOutcome,
  type TranscriptTurn,
} from './domain/agent-conversation.js';
export { RING_SECONDS } from './domain/ring-time.js';

/** Every error: `{ error: { code, message, ...details } }`, with a 4xx or 5xx status. */
export interface ErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

// ── 1:1 calls ────────────────────────────────────────────────────────────────────────────────

export type CallMedia = 'video' | 'audio';

/** Someone to call, as the API names them: by contact id, never by LINE user id. */
export interface CallParty {
  contactId: string;
  displayName: string;
  pictureUrl: string | null;
}

/** A call as one of its parties sees it (`{ call }` from GET/POST /api/calls…). */
export interface CallView {
  id: string;
  /** `call-<id>`: the LiveKit room. */
  room: string;
  status: CallState;
  media: CallMedia;
  role: 'caller' | 'callee';
  other: CallParty;
  createdAt: string;
  /** When the ringing stops unanswered; the screens count down to it. */
  ringDeadline: string;
  connectedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  endReason: string | null;
}

/** POST /api/calls. */
export interface StartCallRequest {
  calleeContactId: string;
  media: CallMedia;
}

/** GET /api/calls: my calls, newest first, and my own contact id (what an invite link carries). */
export interface CallList {
  calls: CallView[];
  me: { contactId: string };
}

/** POST /api/calls/:id `{ action }`. */
export type CallAction = 'accept' | 'decline' | 'cancel' | 'end';

/** One party's quality over a call: how many snapshots it sent, and their averages. */
export interface QualityAverages {
  snapshots: number;
  connectionQuality: string | null;
  roundTripTimeMs: number | null;
  jitterMs: number | null;
  packetLoss: number | null;
  bitrateKbps: number | null;
  frameHeight: number | null;
}

/** One party's call quality, named by their role in it. */
export interface PartyQuality extends QualityAverages {
  role: 'caller' | 'callee';
}

// ── Agent calls ──────────────────────────────────────────────────────────────────────────────

export type { RetryStatus };

/** A call back ("call me again") of an original call. */
export interface AgentCallRetry {
  /** The retry this is: 1 is the first call back (after the first call was missed). */
  attempt: number;
  status: RetryStatus;
  runAt: string;
  /** How long after the request it rings. */
  delayMinutes: number;
  newSid: string | null;
}

/** An agent call as its callee, or a backend with the API key, sees it (`{ agentCall }`). */
export interface AgentCallView {
  sid: string;
  /** `agent-<sid>`: the LiveKit room. */
  room: string;
  status: AgentCallState;
  to: { lineUserId: string } | { phone: string };
  requestedBy: 'self' | 'api' | 'retry' | 'campaign';
  language: string;
  context: Record<string, unknown> | null;
  /** 1 for the first call, 2 for the first call back, … */
  attempt: number;
  originalSid: string | null;
  retriesLeft: number;
  /** The wait before the call back this call would get if missed; null when none are left. */
  nextRetryMinutes: number | null;
  /** Every call back of the original call (only in GET /api/agent-calls/:sid). */
  retries: AgentCallRetry[];
  createdAt: string;
  ringingAt: string | null;
  /** When the ringing stops unanswered; the screens count down to it. */
  ringDeadline: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  failureReason: string | null;
  sipStatusCode: string | null;
  /** How the agent's conversation ended, as the agent worker reported it; null until then. */
  outcome: AgentOutcome | null;
  /** Both sides' turns in order (only in GET /api/agent-calls/:sid). */
  transcript?: TranscriptTurn[];
}

/** POST /api/agent-calls/:sid `{ action }`. */
export type AgentCallAction = 'schedule-retry' | 'cancel';

// ── Rooms ────────────────────────────────────────────────────────────────────────────────────

/** POST /api/token: a short-lived LiveKit join token for a room this user may join. */
export interface RoomToken {
  token: string;
  /** The LiveKit WebSocket URL, e.g. ws://localhost:7880 in dev. */
  url: string;
  room: string;
  identity: string;
  name: string;
  expiresAt: string;
}
