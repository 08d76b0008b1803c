/**
 * The statements the lifecycle engine generates, pinned where docs/lifecycle-engine.md shows them:
 * a change to a lifecycle's facts or SET clauses changes the file, so the diff shows the SQL.
 */
import { expect, test } from 'vitest';
import { sessionEventStatement } from '../../api/_lib/db/agent-call-sessions';
import { callEventStatement } from '../../api/_lib/db/calls';
import { campaignEventStatement } from '../../api/_lib/db/campaigns';
import { leadEventStatement } from '../../api/_lib/db/lead-attempts';

const input = { id: 'x', origin: { source: 'system' as const } };

test('the 1:1 call statement', async () => {
  const { name, text, values } = callEventStatement({ ...input, event: { type: 'ring' } });
  expect(name).toBe('apply-event-calls');
  expect(values).toHaveLength(8);
  await expect(`${text}\n`).toMatchFileSnapshot('../../docs/statements/apply-call-event.sql');
});

test('the agent call statement', async () => {
  const { name, text, values } = sessionEventStatement({ ...input, event: { type: 'ring' } });
  expect(name).toBe('apply-event-agent_call_sessions');
  expect(values).toHaveLength(8);
  await expect(`${text}\n`).toMatchFileSnapshot('../../docs/statements/apply-agent-call-event.sql');
});

test('the campaign statement', async () => {
  const { name, text, values } = campaignEventStatement({ ...input, event: { type: 'start' } });
  expect(name).toBe('apply-event-campaigns');
  expect(values).toHaveLength(8);
  await expect(`${text}\n`).toMatchFileSnapshot('../../docs/statements/apply-campaign-event.sql');
});

test('the campaign lead statement', async () => {
  const { name, text, values } = leadEventStatement({ ...input, event: { type: 'answered' } });
  expect(name).toBe('apply-event-campaign_leads');
  expect(values).toHaveLength(8);
  await expect(`${text}\n`).toMatchFileSnapshot('../../docs/statements/apply-lead-event.sql');
});

test('every parameter the statement names is sent, in order', () => {
  const { text, values } = callEventStatement({
    ...input,
    event: { type: 'joined' },
    participant: { identity: 'user-1', at: new Date(0) },
  });
  const used = new Set([...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
  expect(text).not.toMatch(/(?<![:\w]):[a-z_]+\b/);
});
