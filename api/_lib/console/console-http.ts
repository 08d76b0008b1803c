/** What every console endpoint shares: its handler's shape and its JSON answer. */
import type { OperatorPrincipal } from '../auth/authenticate-operator.js';
import { UUID as UUID_PATTERN } from '../domain/ids.js';

/** `params`: the route pattern's capture groups, decoded. */
export type Handler = (
  request: Request,
  params: string[],
  operator: OperatorPrincipal,
) => Promise<Response>;

/** Console answers are one operator's view of live data: never stored by a cache. */
export const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** Path segments, as capture groups of the route patterns. */
export const UUID = `(${UUID_PATTERN.source.slice(1, -1)})`;
export const SEGMENT = '([^/]+)';
