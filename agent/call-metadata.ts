/**
 * The dispatch metadata the server sends (api/_lib/agent-calls/agent-metadata.ts, snake_case),
 * read leniently: metadata from before `script` and `callee_name` existed, an unknown language or
 * a context without some fields still gives a call the worker can hold. Only `session_id` is
 * required: without it nothing could be reported.
 */
import { z } from 'zod';
import {
  LANGUAGES,
  SCRIPT_NAMES,
  type CallFacts,
  type Language,
  type ScriptName,
} from './scripts/script-types';

const Metadata = z.object({
  session_id: z.string().min(1),
  room: z.string().optional(),
  callee: z
    .union([
      z.object({ type: z.literal('line'), line_user_id: z.string() }),
      z.object({ type: z.literal('phone'), phone_number: z.string() }),
    ])
    .optional()
    .catch(undefined),
  language: z.enum(LANGUAGES).catch('en'),
  script: z.enum(SCRIPT_NAMES).catch('reminder'),
  callee_name: z.string().min(1).nullish().catch(null),
  requested_by: z.enum(['user', 'backend']).catch('user'),
  context: z.record(z.string(), z.unknown()).catch({}),
});

export interface AgentCall {
  sid: string;
  language: Language;
  script: ScriptName;
  /** A phone callee answers with the keypad too (DTMF from the SIP participant). */
  calleeKind: 'line' | 'phone' | 'unknown';
  facts: CallFacts;
}

export function readAgentCall(metadata: string, serviceName: string): AgentCall {
  const parsed = Metadata.parse(JSON.parse(metadata || '{}'));
  const context = parsed.context;
  return {
    sid: parsed.session_id,
    language: parsed.language,
    script: parsed.script,
    calleeKind: parsed.callee?.type ?? 'unknown',
    facts: {
      name: parsed.callee_name ?? text(context.customer_name),
      company: text(context.company_name) ?? serviceName,
      invoice: text(context.invoice_number),
      amount: amount(context.amount_due, text(context.currency), parsed.language),
      due: dueDate(context.due_date, parsed.language),
    },
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function amount(value: unknown, currency: string | undefined, language: Language) {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return text(value);
  const style: Intl.NumberFormatOptions =
    currency && /^[A-Z]{3}$/.test(currency) ? { style: 'currency', currency } : {};
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2, ...style }).format(number);
}

/** An ISO date said the language's way; eSpeak reads Japanese kana, so ja keeps to digits. */
function dueDate(value: unknown, language: Language): string | undefined {
  const raw = text(value);
  if (!raw || !/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw;
  const date = new Date(`${raw.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return raw;
  const month = language === 'ja' ? 'numeric' : 'long';
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month,
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
