/**
 * What the agent is told (job metadata, JSON): who it calls, and the backend's context with its
 * keys in snake_case, however they were written and however deep, for agent workers in Python.
 */
import { describe, expect, test } from 'vitest';
import { agentMetadata } from '../../api/_lib/agent-calls/agent-metadata';
import type { AgentCallSession } from '../../api/_lib/db/agent-call-sessions';
import { agentCallSession } from '../support/agent-call-session';

// A backend's dispatch, told to the agent before the callee's phone rings.
const dispatched = {
  requestedBy: 'api',
  contextSuppliedBy: 'backend',
  status: 'initiated',
  ringingAt: null,
} as const;
const told = (changes: Partial<AgentCallSession>, calleeName: string | null = null) =>
  JSON.parse(agentMetadata(agentCallSession({ ...dispatched, ...changes }), calleeName));

describe('the conversation and the callee name', () => {
  test.each(['greeting', 'reminder', 'survey'] as const)('script %s is told as it is', (script) => {
    expect(told({ script }).script).toBe(script);
  });

  test('the LINE display name when known, else null (a phone, a name never seen)', () => {
    expect(told({}, 'Bob').callee_name).toBe('Bob');
    expect(told({ target: { phone: '+819012345678' } })).toHaveProperty('callee_name', null);
  });

  test('every field the worker reads, snake_case', () => {
    expect(Object.keys(told({})).sort()).toEqual(
      [
        'session_id',
        'room',
        'callee',
        'language',
        'retry_count',
        'original_session_id',
        'requested_by',
        'context',
        'script',
        'callee_name',
      ].sort(),
    );
  });
});

describe('the callee', () => {
  test.each([
    [{ lineUserId: `U${'a'.repeat(32)}` }, { type: 'line', line_user_id: `U${'a'.repeat(32)}` }],
    [{ phone: '+819012345678' }, { type: 'phone', phone_number: '+819012345678' }],
  ])('%o is told as %o', (target, callee) => {
    expect(told({ target }).callee).toEqual(callee);
  });
});

describe('context keys in snake_case', () => {
  test.each([
    ['orderId', 'order_id'],
    ['order2Id', 'order2_id'],
    ['HTTPServer', 'http_server'],
    ['userIDNumber', 'user_id_number'],
    ['due-date', 'due_date'],
    ['due  date', 'due_date'],
    ['due--date', 'due_date'],
    ['already_snake', 'already_snake'],
  ])('%j → %j', (key, snake) => {
    expect(Object.keys(told({ context: { [key]: 1 } }).context)).toEqual([snake]);
  });

  test('in nested objects and arrays; values, null among them, kept as they are', () => {
    const context = {
      lineItems: [{ skuCode: 'A-1', unitPrice: null }, 'plainText', [{ innerKey: true }]],
      shippingAddress: { postalCode: '100-0001', buildingName: null },
      noteText: null,
    };
    expect(told({ context }).context).toEqual({
      line_items: [{ sku_code: 'A-1', unit_price: null }, 'plainText', [{ inner_key: true }]],
      shipping_address: { postal_code: '100-0001', building_name: null },
      note_text: null,
    });
  });
});
