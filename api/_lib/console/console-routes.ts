/**
 * The campaign console's endpoints (docs/campaigns.md#endpoints), all in one Vercel function
 * (api/console.ts; vercel.json rewrites /api/console/<path> to it with `path`). Every request is
 * an operator's (401 without a LINE login, 403 for anyone else); then the path and method pick
 * one use case.
 */
import * as z from 'zod/mini';
import { authenticateOperator } from '../auth/authenticate-operator.js';
import { importLeads, rejectionsCsv } from '../campaigns/import-leads.js';
import {
  actOnCampaign,
  changeCampaign,
  createCampaign,
  getCampaign,
  readCampaigns,
  readLeads,
} from '../campaigns/manage-campaigns.js';
import { addDoNotCall, readDoNotCall, removeDoNotCall } from '../campaigns/manage-do-not-call.js';
import { addOperator, readOperators, removeOperator } from '../campaigns/manage-operators.js';
import { CAMPAIGN_ACTIONS } from '../domain/campaign-lifecycle.js';
import { OPERATOR_ROLES } from '../domain/campaign-rules.js';
import { LINE_USER_ID } from '../domain/ids.js';
import { LEAD_STATES } from '../domain/lead-lifecycle.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { hasUnstorableText, readJson } from '../http.js';
import { CampaignChanges, changedSettings, NewCampaign, newSettings } from './campaign-input.js';
import { json, SEGMENT, UUID, type Handler } from './console-http.js';
import { MONITOR_ROUTES } from './monitor-routes.js';

const AddOperator = z.strictObject({
  lineUserId: z.string().check(z.regex(LINE_USER_ID, 'not a LINE user id')),
  role: z.enum(OPERATOR_ROLES),
});
const CampaignActionRequest = z.strictObject({ action: z.enum(CAMPAIGN_ACTIONS) });
const AddDoNotCall = z.strictObject({
  callees: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1), z.maxLength(500)),
  defaultCountry: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'a country code'))),
  reason: z.optional(z.string().check(z.maxLength(200))),
});

const ROUTES: [method: string, path: string, handler: Handler][] = [
  [
    'GET',
    'me',
    async (_, __, { user, role }) =>
      json({ operator: { lineUserId: user.id, displayName: user.displayName, role } }),
  ],
  ['GET', 'operators', async (_, __, by) => json({ operators: await readOperators(by) })],
  [
    'POST',
    'operators',
    async (request, __, by) => {
      const { lineUserId, role } = await readJson(request, AddOperator);
      return json({ operator: await addOperator(by, lineUserId, role) });
    },
  ],
  [
    'DELETE',
    `operators/${SEGMENT}`,
    async (_, [id], by) => {
      await removeOperator(by, id!);
      return new Response(null, { status: 204 });
    },
  ],
  ['GET', 'campaigns', async () => json({ campaigns: await readCampaigns() })],
  [
    'POST',
    'campaigns',
    async (request, __, { user }) => {
      const settings = newSettings(await readJson(request, NewCampaign));
      return json({ campaign: await createCampaign(settings, user.id) }, 201);
    },
  ],
  ['GET', `campaigns/${UUID}`, async (_, [id]) => json({ campaign: await getCampaign(id!) })],
  [
    'PATCH',
    `campaigns/${UUID}`,
    async (request, [id]) => {
      const changes = await readJson(request, CampaignChanges);
      const settings = changedSettings(await getCampaign(id!), changes);
      return json({ campaign: await changeCampaign(id!, settings) });
    },
  ],
  [
    'POST',
    `campaigns/${UUID}/actions`,
    async (request, [id], { user }) => {
      const { action } = await readJson(request, CampaignActionRequest);
      return json({ campaign: await actOnCampaign(id!, action, user.id) });
    },
  ],
  [
    'POST',
    `campaigns/${UUID}/leads`,
    async (request, [id], { user }) => json(await importLeads(id!, user.id, request), 201),
  ],
  [
    'GET',
    `campaigns/${UUID}/leads`,
    async (request, [id]) =>
      json({ leads: await readLeads(id!, leadPage(new URL(request.url).searchParams)) }),
  ],
  [
    'GET',
    `campaigns/${UUID}/imports/${UUID}/rejections\\.csv`,
    async (_, [id, importId]) =>
      new Response(await rejectionsCsv(id!, importId!), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="rejected-rows-${importId}.csv"`,
          'cache-control': 'no-store',
        },
      }),
  ],
  [
    'GET',
    'do-not-call',
    async (request) => {
      const search = new URL(request.url).searchParams;
      const after = search.get('after') ?? '';
      if (after.length > 64 || hasUnstorableText(after)) {
        throw badRequest('invalid_after', 'after is the last number or LINE user id seen.');
      }
      return json({ doNotCall: await readDoNotCall(after, pageSize(search.get('limit'))) });
    },
  ],
  [
    'POST',
    'do-not-call',
    async (request, __, { user }) =>
      json(await addDoNotCall(await readJson(request, AddDoNotCall), user.id)),
  ],
  [
    'DELETE',
    `do-not-call/${SEGMENT}`,
    async (_, [callee]) => {
      await removeDoNotCall(callee!);
      return new Response(null, { status: 204 });
    },
  ],
  ...MONITOR_ROUTES,
];

const COMPILED = ROUTES.map(([method, path, handler]) => ({
  method,
  pattern: new RegExp(`^${path}$`),
  handler,
}));

export async function routeConsole(request: Request): Promise<Response> {
  const operator = await authenticateOperator(request);
  const path = consolePath(new URL(request.url));
  const matching = COMPILED.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
    ({ match }) => match,
  );
  if (matching.length === 0) throw notFound('not_found', `No console endpoint at /${path}.`);
  const found = matching.find(({ route }) => route.method === request.method);
  if (!found) {
    const allowed = [...new Set(matching.map(({ route }) => route.method))].join(', ');
    throw new AppError('method_not_allowed', 405, `Use ${allowed}.`);
  }
  const params = found.match!.slice(1).map(decodeParam);
  return found.route.handler(request, params, operator);
}

/** A malformed escape (`%E0%A4%A`) or a NUL names nothing: 404, as for any unknown id. */
function decodeParam(value: string): string {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined || hasUnstorableText(decoded)) {
    throw notFound('not_found', 'No such record.');
  }
  return decoded;
}

/** `path` from the rewrite; a request to /api/console/<path> that was not rewritten works too. */
function consolePath(url: URL): string {
  const path = url.searchParams.get('path') ?? url.pathname.replace(/^\/api\/console\/?/, '');
  return path.replace(/^\/+|\/+$/g, '');
}

function pageSize(text: string | null): number {
  const limit = Number(text ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw badRequest('invalid_limit', 'limit is a whole number from 1 to 1000.');
  }
  return limit;
}

function leadPage(search: URLSearchParams) {
  const status = search.get('status') ?? undefined;
  if (status !== undefined && !(LEAD_STATES as readonly string[]).includes(status)) {
    throw badRequest('invalid_status', `status is one of ${LEAD_STATES.join(', ')}.`);
  }
  const afterId = Number(search.get('after') ?? 0);
  if (!Number.isSafeInteger(afterId) || afterId < 0) {
    throw badRequest('invalid_after', 'after is a lead id.');
  }
  return {
    status: status as (typeof LEAD_STATES)[number] | undefined,
    afterId,
    limit: pageSize(search.get('limit')),
  };
}
