/**
 * /api/console/* — the campaign console's API for operators (docs/campaigns.md#endpoints):
 * operators, campaigns and their lifecycle, lead import (CSV), leads, the do-not-call list. One
 * function for all of them (vercel.json rewrites /api/console/<path> here), to stay within the
 * Hobby plan's function count; `routeConsole` authenticates the operator and picks the use case.
 */
import { routeConsole } from './_lib/console/console-routes.js';
import { respond } from './_lib/http.js';

const handle = (request: Request) => respond(() => routeConsole(request));

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const DELETE = handle;
