/**
 * The schema restates a few of the domain's facts where only the database can hold them: the
 * states a row may be in (CHECK), which states are live (the partial unique indexes that allow one
 * live call per pair or per callee), the id shapes, the languages and the retry limit. Migrations
 * are plain SQL, so these are checked against the constants rather than generated from them.
 */
import { describe, expect, test } from 'vitest';
import { AGENT_CALL_STATES, AGENT_LIVE_STATES } from '../../api/_lib/domain/agent-call-lifecycle';
import { CALL_STATES, LIVE_STATES } from '../../api/_lib/domain/call-lifecycle';
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
    for (const table of ['users', 'agent_call_sessions', 'agent_call_retry_queue']) {
      const [check] = await checksOn(table, 'language');
      expect(quoted(check!), table).toEqual(sorted(LANGUAGES));
    }
  });

  test('a retry attempt is at most the retry policy’s limit', async () => {
    const [check] = await checksOn('agent_call_retry_queue', 'retry_attempt');
    expect(check).toContain(`<= ${MAX_RETRIES}`);
  });
});
