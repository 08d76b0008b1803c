// The console's calls to /api/console/* (docs/campaigns.md#endpoints), one function per endpoint,
// typed by the console contract the server builds its answers from.
import type {
  AgentCallAnalytics,
  Campaign,
  CampaignAction,
  CampaignListEntry,
  CampaignMonitor,
  CampaignResults,
  CampaignSettings,
  DoNotCallAdded,
  DoNotCallAddition,
  DoNotCallEntry,
  ImportCounts,
  Lead,
  LeadDetail,
  Operator,
  OperatorRole,
  OperatorRoomToken,
  OperatorView,
} from '../../../../api/_lib/console-contract';
import { apiDelete, apiError, apiFetch, apiGet, apiPatch, apiPost } from '../../../lib/api-client';

const BASE = '/api/console';
type Options = { signal?: AbortSignal };

export const getMe = (options?: Options) =>
  apiGet<{ operator: OperatorView }>(`${BASE}/me`, options).then((r) => r.operator);

export const listOperators = (options?: Options) =>
  apiGet<{ operators: Operator[] }>(`${BASE}/operators`, options).then((r) => r.operators);

/** Adds the operator, or gives one already listed this role. */
export const saveOperator = (lineUserId: string, role: OperatorRole) =>
  apiPost<{ operator: Operator }>(`${BASE}/operators`, { lineUserId, role }).then(
    (r) => r.operator,
  );

export const removeOperator = (lineUserId: string) =>
  apiDelete(`${BASE}/operators/${encodeURIComponent(lineUserId)}`);

export const DO_NOT_CALL_PAGE = 50;

/** The list in callee order, a page at a time (`after`: the last callee seen). */
export const listDoNotCall = (after: string, options?: Options) =>
  apiGet<{ doNotCall: DoNotCallEntry[] }>(
    `${BASE}/do-not-call?after=${encodeURIComponent(after)}&limit=${DO_NOT_CALL_PAGE}`,
    options,
  ).then((r) => r.doNotCall);

export const addToDoNotCall = (addition: DoNotCallAddition) =>
  apiPost<DoNotCallAdded>(`${BASE}/do-not-call`, addition);

/** Escaped whole: an unescaped "+" in the path would reach the server as a space. */
export const removeFromDoNotCall = (callee: string) =>
  apiDelete(`${BASE}/do-not-call/${encodeURIComponent(callee)}`);

export const listCampaigns = (options?: Options) =>
  apiGet<{ campaigns: CampaignListEntry[] }>(`${BASE}/campaigns`, options).then((r) => r.campaigns);

export const getCampaign = (id: string, options?: Options) =>
  apiGet<{ campaign: Campaign }>(`${BASE}/campaigns/${id}`, options).then((r) => r.campaign);

/** What the form sends: the server fills in what is left out (timeZone for JP, KR, TW, TH). */
export type NewCampaignSettings = Omit<CampaignSettings, 'timeZone' | 'sipTrunkId' | 'callerId'> & {
  timeZone?: string;
};

export const createCampaign = (settings: NewCampaignSettings) =>
  apiPost<{ campaign: Campaign }>(`${BASE}/campaigns`, settings).then((r) => r.campaign);

/** Only the settings sent change; 409 unless the campaign is a draft or paused. */
export const updateCampaign = (id: string, changes: Partial<NewCampaignSettings>) =>
  apiPatch<{ campaign: Campaign }>(`${BASE}/campaigns/${id}`, changes).then((r) => r.campaign);

export const actOnCampaign = (id: string, action: CampaignAction) =>
  apiPost<{ campaign: Campaign }>(`${BASE}/campaigns/${id}/actions`, { action }).then(
    (r) => r.campaign,
  );

export interface ImportReport {
  import: ImportCounts;
  /** The first 100 rejected rows; every one is in the import's rejections.csv. */
  rejections: { row: number; reason: string }[];
}

/** The CSV file itself is the body. */
export async function uploadLeads(id: string, file: Blob): Promise<ImportReport> {
  const response = await apiFetch(`${BASE}/campaigns/${id}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv' },
    body: file,
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiError(response, json);
  return json as ImportReport;
}

export const rejectionsCsvPath = (id: string, importId: string) =>
  `${BASE}/campaigns/${id}/imports/${importId}/rejections.csv`;

export const exportCsvPath = (id: string) => `${BASE}/campaigns/${id}/export.csv`;

/** The monitor, or 'unchanged' when it is still the one with `etag` (304). */
export async function getMonitor(
  id: string,
  etag: string | null,
  signal?: AbortSignal,
): Promise<{ monitor: CampaignMonitor; etag: string | null } | 'unchanged'> {
  const response = await apiFetch(`${BASE}/campaigns/${id}/monitor`, {
    signal,
    headers: etag ? { 'If-None-Match': etag } : {},
  });
  if (response.status === 304) return 'unchanged';
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiError(response, json);
  return { monitor: json as CampaignMonitor, etag: response.headers.get('etag') };
}

export type OperatorJoin = 'listen' | 'take-over';

export const joinCall = (sid: string, how: OperatorJoin) =>
  apiPost<OperatorRoomToken>(`${BASE}/calls/${sid}/${how}`, {});

export const hangUpCall = (sid: string) => apiPost<unknown>(`${BASE}/calls/${sid}/hang-up`, {});

export const getResults = (id: string, options?: Options) =>
  apiGet<CampaignResults>(`${BASE}/campaigns/${id}/results`, options);

export const LEAD_PAGE = 50;

export const listLeads = (id: string, afterId: number, options?: Options) =>
  apiGet<{ leads: Lead[] }>(
    `${BASE}/campaigns/${id}/leads?after=${afterId}&limit=${LEAD_PAGE}`,
    options,
  ).then((r) => r.leads);

export const getLeadDetail = (id: string, leadId: number, options?: Options) =>
  apiGet<LeadDetail>(`${BASE}/campaigns/${id}/leads/${leadId}`, options);

export const getAnalytics = (days: number, options?: Options) =>
  apiGet<AgentCallAnalytics>(`${BASE}/analytics?days=${days}`, options);
