/**
 * What a lead CSV's header may say (docs/campaigns.md#importing-leads): `phone` or
 * `line_user_id` (at least one of the two columns), and the campaign script's fields, each of
 * which becomes part of the lead's context for the agent. Names are matched case-insensitively,
 * with spaces and dashes read as underscores ("Customer Name" is `customer_name`).
 */
import { SCRIPT_FIELDS, type AgentScript } from '../domain/agent-conversation.js';
import { badRequest } from '../errors.js';

export const CALLEE_COLUMNS = ['phone', 'line_user_id'] as const;

export interface LeadColumns {
  /** Where each column is in a row. */
  phone: number | undefined;
  lineUserId: number | undefined;
  fields: { name: string; index: number }[];
  count: number;
}

export function readHeader(header: string[], script: AgentScript): LeadColumns {
  const names = header.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const allowed = [...CALLEE_COLUMNS, ...SCRIPT_FIELDS[script]];
  const unknown = names.filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw badRequest(
      'unknown_columns',
      `Unknown column${unknown.length > 1 ? 's' : ''} ${list(unknown)}. ` +
        `The ${script} script's CSV takes ${list(allowed)}.`,
      { columns: allowed },
    );
  }
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) {
    throw badRequest('repeated_columns', `The header names ${list(repeated)} twice.`);
  }
  const at = (name: string) => (names.includes(name) ? names.indexOf(name) : undefined);
  const phone = at('phone');
  const lineUserId = at('line_user_id');
  if (phone === undefined && lineUserId === undefined) {
    throw badRequest(
      'missing_columns',
      'The first row must be a header naming a `phone` or a `line_user_id` column (or both).',
      { columns: allowed },
    );
  }
  return {
    phone,
    lineUserId,
    fields: names
      .map((name, index) => ({ name, index }))
      .filter(({ name }) => !(CALLEE_COLUMNS as readonly string[]).includes(name)),
    count: names.length,
  };
}

const list = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
