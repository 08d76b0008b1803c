/**
 * The contract between the console API (api/console.ts, docs/campaigns.md#endpoints) and the
 * console pages (src/features/console): what each endpoint answers. Types, and the few constants
 * of the pure domain the console's forms offer (at the end), so only the console's lazily loaded
 * chunk gains anything from it and the Setup page's first load not a byte. The server builds
 * these shapes; the console reads them.
 */
import type { AgentCallState } from './domain/agent-call-lifecycle.js';
import type { TranscriptTurn } from './domain/agent-conversation.js';
import type { CallStats } from './domain/call-stats.js';
import type { CampaignState } from './domain/campaign-lifecycle.js';
import type { OperatorRole } from './domain/campaign-rules.js';
import type { LeadOutcome, LeadState } from './domain/lead-lifecycle.js';

export type { Campaign, CampaignSettings, CampaignListEntry } from './db/campaigns.js';
import type { Lead } from './db/campaign-leads.js';
import type { AttemptRow } from './db/campaign-results.js';

export type { Lead };
export type { ImportCounts } from './db/campaign-leads.js';
/** One operator as admins manage them (`GET /api/console/operators`). */
export type { Operator } from './db/operators.js';
/** One entry of the do-not-call list (`GET /api/console/do-not-call`). */
export type { DoNotCallEntry } from './db/do-not-call.js';
export type { CampaignState, LeadOutcome, LeadState, OperatorRole, TranscriptTurn };

/** `GET /api/console/me` */
export interface OperatorView {
  lineUserId: string;
  displayName: string;
  role: OperatorRole;
}

/** Who a lead is, as the console shows them. */
export interface LeadCallee {
  phone: string | null;
  lineUserId: string | null;
  /** `customer_name` from the lead's fields, when the CSV had one. */
  name: string | null;
}

/** One live call of a campaign on the monitor. */
export interface LiveCampaignCall {
  sid: string;
  leadId: number;
  attempt: number;
  callee: LeadCallee;
  status: AgentCallState;
  startedAt: string;
  answeredAt: string | null;
  /** The transcript so far, oldest first. */
  transcript: TranscriptTurn[];
  /** The operator who took the call over from the agent, if one did. */
  takenOverBy: string | null;
}

/**
 * `GET /api/console/campaigns/:id/monitor`: cheap to poll. It sends an `ETag`; a request with
 * the same `If-None-Match` gets 304 with no body.
 */
export interface CampaignMonitor {
  campaign: { id: string; name: string; status: CampaignState; concurrency: number };
  /** Leads by state, every state present (0 when none). */
  leads: Record<LeadState, number>;
  /** Finished leads by outcome, every outcome present. */
  outcomes: Record<LeadOutcome, number>;
  liveCalls: LiveCampaignCall[];
  /** When the server read this: the console shows durations against it. */
  at: string;
}

/**
 * `POST /api/console/calls/:sid/listen` (hidden, listen-only) and `…/take-over` (speaks; the
 * agent leaves): a LiveKit token for the call's room.
 */
export interface OperatorRoomToken {
  token: string;
  serverUrl: string;
  room: string;
}

/** `POST /api/console/calls/:sid/hang-up`: the call's state after it (one already over: as it was). */
export interface HungUpCall {
  sid: string;
  status: AgentCallState;
}

/** The numbers of a set of agent calls: a campaign's, or every call outside campaigns. */
export type { CallStats };

/** `GET /api/console/campaigns/:id/results` */
export interface CampaignResults {
  campaign: { id: string; name: string; status: CampaignState };
  leads: Record<LeadState, number>;
  leadOutcomes: Record<LeadOutcome, number>;
  stats: CallStats;
}

/** `GET /api/console/analytics` (admins): agent calls outside campaigns, the last `days` days. */
export interface AgentCallAnalytics {
  days: number;
  stats: CallStats;
}

/** One attempt at a lead (`GET /api/console/campaigns/:id/leads/:leadId`). */
export interface LeadAttempt extends AttemptRow {
  transcript: TranscriptTurn[];
}

/** `GET /api/console/campaigns/:id/leads/:leadId` */
export interface LeadDetail {
  lead: Lead;
  attempts: LeadAttempt[];
}

/**
 * `POST /api/console/do-not-call`: numbers as people write them (national ones read in
 * `defaultCountry`) or LINE user ids.
 */
export interface DoNotCallAddition {
  callees: string[];
  defaultCountry?: string;
  reason?: string;
}

/** What adding answers: how many were new, and every callee as it is listed (E.164 or a LINE id). */
export interface DoNotCallAdded {
  added: number;
  callees: string[];
}

// ── What the console's forms offer, stated once in the domain ────────────────────────────────

export { AGENT_SCRIPTS, type AgentScript } from './domain/agent-conversation.js';
export {
  CAMPAIGN_LIMITS,
  COUNTRY_TIME_ZONES,
  DEFAULT_RETRY_POLICY,
  OPERATOR_ROLES,
  WEEKDAYS,
} from './domain/campaign-rules.js';
export type { CampaignAction } from './domain/campaign-lifecycle.js';
export { RETRYABLE_OUTCOMES } from './domain/lead-lifecycle.js';
export { LANGUAGES, type Language } from './i18n/language.js';
