/**
 * The schema restates a few of the domain's facts where only the database can hold them: the
 * states a row may be in (CHECK), which states are live (the partial unique indexes that allow one
 * live call per pair or per callee), the id shapes, the languages and the retry limit. Migrations
 * are plain SQL, so these are checked against the constants rather than generated from them.
 */
import { describe, expect, test } from 'vitest';
import { AGENT_CALL_STATES, AGENT_LIVE_STATES } from '../../api/_lib/domain/agent-call-lifecycle';
import { AGENT_SCRIPTS } from '../../api/_lib/domain/agent-conversation';
import { CALL_STATES, LIVE_STATES } from '../../api/_lib/domain/call-lifecycle';
import { CAMPAIGN_STATES } from '../../api/_lib/domain/campaign-lifecycle';
import { CAMPAIGN_LIMITS, OPERATOR_ROLES } from '../../api/_lib/domain/campaign-rules';
import {
  LEAD_CALLING_STATES,
  LEAD_OUTCOMES,
  LEAD_SKIP_REASONS,
  LEAD_STATES,
  LEAD_WAITING_STATES,
  RETRYABLE_OUTCOMES,
} from '../../api/_lib/domain/lead-lifecycle';
import { CONTACT_ID, LINE_USER_ID } from '../../api/_lib/domain/ids';
import { MAX_RETRIES, RETRY_STATUSES } from '../../api/_lib/domain/retry-policy';
import { LANGUAGES } from '../../api/_lib/i18n/language';
import { useTestEnvironment } from '../support/use-test-environment';

const env = useTestEnvironment();

/** The CHECK constraints on a table's column, as Postgres prints them. */
async function checksOn(table: string, column: string): Promise<string[]> {
  const { rows } = await env.db.query<{ def: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     WHERE c.conrelid = $1::regclass AND c.contype = 'c'`,
    [table],
  );
  return rows.map((row) => row.def).filter((def) => new RegExp(`\\b${column}\\b`).test(def));
}

/** The partial indexes' predicates on a table, by index name. */
async function predicatesOn(table: string): Promise<Record<string, string>> {
  const { rows } = await env.db.query<{ name: string; predicate: string }>(
    `SELECT c.relname AS name, pg_get_expr(i.indpred, i.indrelid) AS predicate
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND i.indpred IS NOT NULL`,
    [table],
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.predicate]));
}

const quoted = (sql: string) => [...sql.matchAll(/'([^']+)'/g)].map((match) => match[1]).sort();
const sorted = (values: readonly string[]) => [...values].sort();

describe('states', () => {
  test('a call may be in exactly the lifecycle’s states', async () => {
    const [check] = await checksOn('calls', 'status');
    expect(quoted(check!)).toEqual(sorted(CALL_STATES));
  });

  test('an agent call may be in exactly the lifecycle’s states', async () => {
    const [check] = await checksOn('agent_call_sessions', 'status');
    expect(quoted(check!)).toEqual(sorted(AGENT_CALL_STATES));
  });

  test('a queued call back may be in exactly the retry policy’s statuses', async () => {
    const [check] = await checksOn('agent_call_retry_queue', 'status');
    expect(quoted(check!)).toEqual(sorted(RETRY_STATUSES));
  });

  test('one live call per pair means the lifecycle’s live states', async () => {
    const predicates = await predicatesOn('calls');
    expect(quoted(predicates.calls_one_live_per_pair!)).toEqual(sorted(LIVE_STATES));
  });

  test('one live agent call per callee, by LINE user or by phone, means its live states', async () => {
    const predicates = Object.entries(await predicatesOn('agent_call_sessions')).filter(
      ([, predicate]) => /status/.test(predicate),
    );
    expect(predicates.length).toBeGreaterThanOrEqual(2);
    for (const [, predicate] of predicates) {
      expect(quoted(predicate)).toEqual(sorted(AGENT_LIVE_STATES));
    }
  });
});

describe('shapes and limits', () => {
  test('the id checks are the API’s', async () => {
    const [lineId] = await checksOn('users', 'line_user_id');
    const [contactId] = await checksOn('users', 'contact_id');
    expect(quoted(lineId!)).toEqual([LINE_USER_ID.source]);
    expect(quoted(contactId!)).toEqual([CONTACT_ID.source]);
  });

  test('the languages are the app’s', async () => {
    for (const table of ['users', 'agent_call_sessions', 'agent_call_retry_queue', 'campaigns']) {
      const [check] = await checksOn(table, 'language');
      expect(quoted(check!), table).toEqual(sorted(LANGUAGES));
    }
  });

  test('a retry attempt is at most the retry policy’s limit', async () => {
    const [check] = await checksOn('agent_call_retry_queue', 'retry_attempt');
    expect(check).toContain(`<= ${MAX_RETRIES}`);
  });
});

describe('campaigns', () => {
  /** The check on a column that lists values (not one that compares a single one). */
  const listed = async (table: string, column: string) => {
    const checks = await checksOn(table, column);
    return checks.map(quoted).sort((a, b) => b.length - a.length)[0]!;
  };

  test.each([
    ['campaigns', 'status', CAMPAIGN_STATES],
    ['campaigns', 'script', AGENT_SCRIPTS],
    ['campaigns', 'retry_outcomes', RETRYABLE_OUTCOMES],
    ['campaign_leads', 'status', LEAD_STATES],
    ['campaign_leads', 'outcome', LEAD_OUTCOMES],
    ['campaign_leads', 'skip_reason', LEAD_SKIP_REASONS],
    ['operators', 'role', OPERATOR_ROLES],
  ] as const)('%s.%s holds exactly the domain’s values', async (table, column, values) => {
    expect(await listed(table, column)).toEqual(sorted(values));
  });

  test('the leads a campaign still has to call are the lifecycle’s waiting states', async () => {
    const predicates = await predicatesOn('campaign_leads');
    expect(quoted(predicates.campaign_leads_waiting!)).toEqual(sorted(LEAD_WAITING_STATES));
  });

  test('the leads on a call (the concurrency) are the lifecycle’s calling states', async () => {
    const predicates = await predicatesOn('campaign_leads');
    expect(quoted(predicates.campaign_leads_calling!)).toEqual(sorted(LEAD_CALLING_STATES));
  });

  test('LINE ids are the API’s shape', async () => {
    for (const [table, column] of [
      ['operators', 'line_user_id'],
      ['campaign_leads', 'line_user_id'],
    ]) {
      expect(await listed(table!, column!), table).toEqual([LINE_USER_ID.source]);
    }
  });

  test.each([
    ['pace_per_minute', CAMPAIGN_LIMITS.pace],
    ['concurrency', CAMPAIGN_LIMITS.concurrency],
    ['retry_delay_minutes', CAMPAIGN_LIMITS.retryDelayMinutes],
    ['max_attempts', CAMPAIGN_LIMITS.maxAttempts],
  ])('campaigns.%s stays within the domain’s bounds', async (column, { min, max }) => {
    const [check] = await checksOn('campaigns', column);
    expect(check).toMatch(new RegExp(`>= ${min}\\b.*<= ${max}\\b`));
  });

  test('a campaign’s name is at most the domain’s length', async () => {
    const [check] = await checksOn('campaigns', 'name');
    expect(check).toContain(`<= ${CAMPAIGN_LIMITS.nameLength}`);
  });
});
