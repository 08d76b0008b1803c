/**
 * Campaigns and their audit trail. Settings change with a conditional UPDATE (only while nothing
 * is dialled); states change through the lifecycle engine, one statement per event.
 */
import type { AgentScript } from '../domain/agent-conversation.js';
import {
  CAMPAIGN_EDITABLE_STATES,
  CAMPAIGN_LIFECYCLE,
  CAMPAIGN_TERMINAL_STATES,
  type CampaignEvent,
  type CampaignFacts,
  type CampaignState,
} from '../domain/campaign-lifecycle.js';
import {
  LEAD_CALLING_STATES,
  LEAD_WAITING_STATES,
  type LeadOutcome,
} from '../domain/lead-lifecycle.js';
import type { Language } from '../i18n/language.js';
import {
  applyEvent,
  eventStatement,
  type Applied,
  type EventInput,
  type LifecycleTable,
} from './lifecycle-store.js';
import { query, type Statement } from './pool.js';
import { inList } from './sql.js';

export interface CampaignSettings {
  name: string;
  script: AgentScript;
  language: Language;
  defaultCountry: string;
  timeZone: string;
  window: { startHour: number; endHour: number; days: number[] };
  pacePerMinute: number;
  concurrency: number;
  retry: { outcomes: LeadOutcome[]; delayMinutes: number; maxAttempts: number };
  sipTrunkId: string | null;
  callerId: string | null;
}

export interface Campaign extends CampaignSettings {
  id: string;
  status: CampaignState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

interface CampaignRow {
  id: string;
  name: string;
  script: AgentScript;
  language: Language;
  default_country: string;
  time_zone: string;
  window_start_hour: number;
  window_end_hour: number;
  window_days: number[];
  pace_per_minute: number;
  concurrency: number;
  retry_outcomes: LeadOutcome[];
  retry_delay_minutes: number;
  max_attempts: number;
  sip_trunk_id: string | null;
  caller_id: string | null;
  status: CampaignState;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
}

const COLUMNS = `id, name, script, language, default_country, time_zone, window_start_hour,
  window_end_hour, window_days, pace_per_minute, concurrency, retry_outcomes,
  retry_delay_minutes, max_attempts, sip_trunk_id, caller_id, status, created_by, created_at,
  updated_at, started_at, ended_at`;

/** The settings as columns, in the order `settingValues` gives them. */
const SETTING_COLUMNS = [
  'name',
  'script',
  'language',
  'default_country',
  'time_zone',
  'window_start_hour',
  'window_end_hour',
  'window_days',
  'pace_per_minute',
  'concurrency',
  'retry_outcomes',
  'retry_delay_minutes',
  'max_attempts',
  'sip_trunk_id',
  'caller_id',
];

function settingValues(s: CampaignSettings): unknown[] {
  return [
    s.name,
    s.script,
    s.language,
    s.defaultCountry,
    s.timeZone,
    s.window.startHour,
    s.window.endHour,
    s.window.days,
    s.pacePerMinute,
    s.concurrency,
    s.retry.outcomes,
    s.retry.delayMinutes,
    s.retry.maxAttempts,
    s.sipTrunkId,
    s.callerId,
  ];
}

export async function insertCampaign(
  settings: CampaignSettings,
  createdBy: string,
): Promise<Campaign> {
  const placeholders = SETTING_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  const [row] = await query<CampaignRow>(
    `INSERT INTO campaigns (${SETTING_COLUMNS.join(', ')}, created_by)
     VALUES (${placeholders}, $${SETTING_COLUMNS.length + 1})
     RETURNING ${COLUMNS}`,
    [...settingValues(settings), createdBy],
  );
  return toCampaign(row!);
}

export type UpdateCampaignResult =
  { kind: 'updated'; campaign: Campaign } | { kind: 'not-editable'; campaign: Campaign };

/** Writes the settings while the campaign is editable; else returns it as it is. */
export async function updateCampaignSettings(
  id: string,
  settings: CampaignSettings,
): Promise<UpdateCampaignResult | undefined> {
  const sets = SETTING_COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ');
  const [row] = await query<CampaignRow>(
    `UPDATE campaigns SET ${sets}, updated_at = now()
     WHERE id = $1 AND status IN ${inList(CAMPAIGN_EDITABLE_STATES)}
     RETURNING ${COLUMNS}`,
    [id, ...settingValues(settings)],
  );
  if (row) return { kind: 'updated', campaign: toCampaign(row) };
  const current = await findCampaign(id);
  return current && { kind: 'not-editable', campaign: current };
}

export async function findCampaign(id: string): Promise<Campaign | undefined> {
  const [row] = await query<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE id = $1`, [id]);
  return row && toCampaign(row);
}

export interface CampaignListEntry extends Campaign {
  leads: Record<string, number>;
}

export async function listCampaigns(limit = 100): Promise<CampaignListEntry[]> {
  const rows = await query<CampaignRow & { leads: Record<string, number> | null }>(
    `SELECT c.*, (SELECT jsonb_object_agg(status, n) FROM
                   (SELECT status, count(*)::int AS n FROM campaign_leads
                    WHERE campaign_id = c.id GROUP BY status) s) AS leads
     FROM (SELECT ${COLUMNS} FROM campaigns ORDER BY created_at DESC LIMIT $1) c
     ORDER BY c.created_at DESC`,
    [limit],
  );
  return rows.map((row) => ({ ...toCampaign(row), leads: row.leads ?? {} }));
}

const TERMINAL = inList(CAMPAIGN_TERMINAL_STATES);

const CAMPAIGNS: LifecycleTable<
  CampaignState,
  CampaignEvent,
  CampaignFacts,
  CampaignRow,
  Campaign
> = {
  lifecycle: CAMPAIGN_LIFECYCLE,
  table: 'campaigns',
  key: 'id',
  eventsTable: 'campaign_events',
  ownerColumn: 'campaign_id',
  columns: COLUMNS,
  facts: {
    // A lead claimed for a dial counts: a campaign paused between a step's claim and its dials
    // resumes to dial it.
    hasLeads: `EXISTS (SELECT 1 FROM campaign_leads l WHERE l.campaign_id = r.id
                   AND l.status IN ${inList([...LEAD_WAITING_STATES, ...LEAD_CALLING_STATES])})`,
  },
  sets: [
    'status = d.to_status',
    // An event may carry its own time (:at); the statement must name the parameter's type.
    'updated_at = COALESCE(:at::timestamptz, now())',
    `started_at = CASE WHEN d.to_status = 'running' THEN COALESCE(r.started_at, now())
         ELSE r.started_at END`,
    `ended_at = CASE WHEN d.to_status IN ${TERMINAL} THEN now() ELSE r.ended_at END`,
  ],
  toRecord: toCampaign,
};

/** Applies one lifecycle event to one campaign in one statement (see lifecycle-store.ts). */
export async function applyCampaignEvent(
  input: EventInput<CampaignEvent>,
): Promise<Applied<Campaign, CampaignState>> {
  // Awaited, not passed on: the async stack of the statement then names who applied the event.
  return await applyEvent(CAMPAIGNS, input);
}

/** The statement applyCampaignEvent sends (docs/statements/apply-campaign-event.sql). */
export function campaignEventStatement(input: EventInput<CampaignEvent>): Statement {
  return eventStatement(CAMPAIGNS, input);
}

function toCampaign(row: CampaignRow): Campaign {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: row.id,
    name: row.name,
    script: row.script,
    language: row.language,
    defaultCountry: row.default_country,
    timeZone: row.time_zone,
    window: {
      startHour: row.window_start_hour,
      endHour: row.window_end_hour,
      days: row.window_days,
    },
    pacePerMinute: row.pace_per_minute,
    concurrency: row.concurrency,
    retry: {
      outcomes: row.retry_outcomes,
      delayMinutes: row.retry_delay_minutes,
      maxAttempts: row.max_attempts,
    },
    sipTrunkId: row.sip_trunk_id,
    callerId: row.caller_id,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
  };
}
