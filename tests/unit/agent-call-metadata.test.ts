import { describe, expect, test } from 'vitest';
import { readAgentCall } from '../../agent/call-metadata';

const meta = (fields: Record<string, unknown>) =>
  JSON.stringify({
    session_id: 'AC_1',
    room: 'agent-AC_1',
    callee: { type: 'line', line_user_id: 'U1' },
    language: 'en',
    retry_count: 0,
    original_session_id: null,
    requested_by: 'backend',
    context: {},
    ...fields,
  });

describe('the worker reads the dispatch metadata leniently', () => {
  test('a backend reminder with every field', () => {
    const context = {
      invoice_number: 'INV-001',
      amount_due: 100,
      currency: 'USD',
      due_date: '2024-01-15',
      company_name: 'Acme',
    };
    const call = readAgentCall(
      meta({ script: 'reminder', callee_name: 'Alice', context }),
      'LINE Calls',
    );
    expect(call).toEqual({
      sid: 'AC_1',
      language: 'en',
      script: 'reminder',
      calleeKind: 'line',
      facts: {
        name: 'Alice',
        company: 'Acme',
        invoice: 'INV-001',
        amount: '$100.00',
        due: 'January 15, 2024',
      },
    });
  });

  test('metadata from before `script` and `callee_name`: a reminder, the service named', () => {
    const call = readAgentCall(meta({}), 'LINE Calls');
    expect(call.script).toBe('reminder');
    expect(call.facts).toEqual({ company: 'LINE Calls' });
  });

  test.each([
    [{ language: 'fr' }, 'language', 'en'],
    [{ script: 'sing' }, 'script', 'reminder'],
    [{ callee: { type: 'phone', phone_number: '+8190' } }, 'calleeKind', 'phone'],
    [{ callee: 42 }, 'calleeKind', 'unknown'],
    [{ language: 'zh-TW' }, 'language', 'zh-TW'],
  ])('%o → %s %s', (fields, key, value) => {
    expect(readAgentCall(meta(fields), 'S')[key as 'language']).toBe(value);
  });

  test.each([
    [
      { customer_name: 'Bo', amount_due: '12.5' },
      { name: 'Bo', amount: '12.5' },
    ],
    [
      { amount_due: 'soon', due_date: 'next week' },
      { amount: 'soon', due: 'next week' },
    ],
    [{ amount_due: 3000, currency: 'yen' }, { amount: '3,000' }],
    [{ invoice_number: 7 }, { invoice: '7' }],
    [{ invoice_number: '  ', due_date: null }, {}],
  ])('context %o → facts %o', (context, facts) => {
    expect(readAgentCall(meta({ context }), 'S').facts).toEqual({ company: 'S', ...facts });
  });

  test('a callee_name wins over the context', () => {
    const call = readAgentCall(meta({ callee_name: 'A', context: { customer_name: 'B' } }), 'S');
    expect(call.facts.name).toBe('A');
  });

  test('no session id: refused, since nothing could be reported', () => {
    expect(() => readAgentCall(JSON.stringify({ language: 'en' }), 'S')).toThrow();
    expect(() => readAgentCall('', 'S')).toThrow();
  });
});
