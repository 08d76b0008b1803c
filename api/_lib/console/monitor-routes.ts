/**
 * The console's live monitor, operator actions on calls, results, lead pages, the export and the
 * analytics (docs/campaigns.md#endpoints): routes of the one console function, added to
 * console-routes.ts. Each answers the shape api/_lib/console-contract.ts names for it.
 */
import { requireAdmin } from '../auth/authenticate-operator.js';
import { exportLeadsCsv } from '../campaigns/campaign-export.js';
import { agentCallAnalytics, campaignResults, leadDetail } from '../campaigns/campaign-results.js';
import { isTimeZone } from '../domain/campaign-rules.js';
import { badRequest } from '../errors.js';
import { json, SEGMENT, UUID, type Handler } from './console-http.js';
import { etagMatches, monitorCampaign } from './monitor-campaign.js';
import { hangUp, listenIn, takeOver } from './operator-call-actions.js';

/** Analytics look back at most this far (and a week when not told). */
const MAX_ANALYTICS_DAYS = 90;
const LEAD_ID = '([1-9][0-9]{0,14})';

export const MONITOR_ROUTES: [method: string, path: string, handler: Handler][] = [
  [
    'GET',
    `campaigns/${UUID}/monitor`,
    async (request, [id]) => {
      const { monitor, etag } = await monitorCampaign(id!);
      // Stored by the browser only, and revalidated on every poll: an unchanged campaign
      // answers 304 with no body, and fetch hands the console the stored copy.
      const headers = { etag, 'cache-control': 'private, no-cache' };
      if (etagMatches(request.headers.get('if-none-match'), etag)) {
        return new Response(null, { status: 304, headers });
      }
      return Response.json(monitor, { headers });
    },
  ],
  ['POST', `calls/${SEGMENT}/listen`, async (_, [sid], by) => json(await listenIn(sid!, by))],
  ['POST', `calls/${SEGMENT}/take-over`, async (_, [sid], by) => json(await takeOver(sid!, by))],
  ['POST', `calls/${SEGMENT}/hang-up`, async (_, [sid], by) => json(await hangUp(sid!, by))],
  ['GET', `campaigns/${UUID}/results`, async (_, [id]) => json(await campaignResults(id!))],
  [
    'GET',
    `campaigns/${UUID}/leads/${LEAD_ID}`,
    async (_, [id, leadId]) => json(await leadDetail(id!, Number(leadId))),
  ],
  [
    'GET',
    `campaigns/${UUID}/export\\.csv`,
    async (_, [id]) =>
      new Response(await exportLeadsCsv(id!), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="campaign-${id}.csv"`,
          'cache-control': 'no-store',
        },
      }),
  ],
  [
    'GET',
    'analytics',
    async (request, __, by) => {
      requireAdmin(by, 'see the analytics of calls outside campaigns');
      const search = new URL(request.url).searchParams;
      const days = Number(search.get('days') ?? 7);
      if (!Number.isInteger(days) || days < 1 || days > MAX_ANALYTICS_DAYS) {
        throw badRequest('invalid_days', `days is a whole number from 1 to ${MAX_ANALYTICS_DAYS}.`);
      }
      const timeZone = search.get('timeZone') ?? 'UTC';
      if (!isTimeZone(timeZone)) {
        throw badRequest('invalid_time_zone', 'timeZone is an IANA time zone (Asia/Tokyo).');
      }
      return json(await agentCallAnalytics(days, timeZone));
    },
  ],
];
