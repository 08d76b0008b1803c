/** Helpers for campaign console tests: create campaigns, upload CSVs, read leads. */
import type { DevUser } from '../../dev/dev-users';
import type { TestEnvironment } from './test-environment';

export const CAMPAIGN = {
  name: 'December reminders',
  script: 'reminder',
  language: 'ja',
  defaultCountry: 'JP',
} as const;

export async function createCampaign(
  env: TestEnvironment,
  as: DevUser,
  settings: Record<string, unknown> = {},
): Promise<{ id: string; status: string } & Record<string, unknown>> {
  const response = await env.api('/api/console/campaigns', {
    as,
    body: { ...CAMPAIGN, ...settings },
  });
  if (response.status !== 201) throw new Error(`create failed: ${await response.text()}`);
  return (await response.json()).campaign;
}

/** POSTs a CSV file (text, or raw bytes for encodings other than UTF-8) to a campaign. */
export async function uploadLeads(
  env: TestEnvironment,
  as: DevUser,
  campaignId: string,
  csv: string | Uint8Array<ArrayBuffer>,
  contentType = 'text/csv',
): Promise<Response> {
  return fetch(`${env.url}/api/console/campaigns/${campaignId}/leads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await env.idTokenFor(as)}`, 'content-type': contentType },
    body: csv,
  });
}

export async function campaignAction(
  env: TestEnvironment,
  as: DevUser,
  campaignId: string,
  action: string,
): Promise<Response> {
  return env.api(`/api/console/campaigns/${campaignId}/actions`, { as, body: { action } });
}

export interface StoredLead {
  phone: string | null;
  line_user_id: string | null;
  status: string;
  skip_reason: string | null;
  fields: Record<string, string>;
  time_zone: string;
  source_row: number;
}

export async function leadsOf(env: TestEnvironment, campaignId: string): Promise<StoredLead[]> {
  const { rows } = await env.db.query<StoredLead>(
    `SELECT phone, line_user_id, status, skip_reason, fields, time_zone, source_row
     FROM campaign_leads WHERE campaign_id = $1 ORDER BY id`,
    [campaignId],
  );
  return rows;
}
