/**
 * What the console contract's endpoints answer in the UI tests (console-monitor-and-results):
 * a live monitor, call stats, results, leads and a lead's attempts, typed by the contract.
 */
import type { Route } from 'playwright-core';
import type {
  CallStats,
  CampaignMonitor,
  CampaignResults,
  Lead,
  LeadDetail,
} from '../../api/_lib/console-contract';

export function json(
  route: Route,
  body: unknown,
  headers: Record<string, string> = {},
  status = 200,
) {
  return route.fulfill({
    status,
    contentType: 'application/json',
    headers,
    body: JSON.stringify(body),
  });
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

export function monitor(id: string): CampaignMonitor {
  return {
    campaign: { id, name: 'Live monitor', status: 'running', concurrency: 5 },
    leads: {
      pending: 40,
      dialing: 1,
      in_call: 1,
      retry_scheduled: 3,
      done: 12,
      failed: 1,
      skipped: 2,
    },
    outcomes: {
      no_answer: 4,
      busy: 1,
      failed: 1,
      confirmed: 6,
      declined: 2,
      call_back_later: 1,
      no_response: 0,
      completed: 0,
    },
    liveCalls: [
      {
        sid: 'sid-sato',
        leadId: 1,
        attempt: 1,
        callee: { phone: '+819012345678', lineUserId: null, name: 'Sato Hanako' },
        status: 'answered',
        startedAt: ago(95),
        answeredAt: ago(80),
        transcript: [
          { speaker: 'agent', text: 'Hello, this is a reminder about invoice INV-1.', at: ago(70) },
          { speaker: 'callee', text: 'Yes, I will pay on Friday.', at: ago(60) },
        ],
        takenOverBy: null,
      },
      {
        sid: 'sid-suzuki',
        leadId: 2,
        attempt: 2,
        callee: { phone: '+818023456789', lineUserId: null, name: null },
        status: 'ringing',
        startedAt: ago(12),
        answeredAt: null,
        transcript: [],
        takenOverBy: null,
      },
    ],
    at: new Date().toISOString(),
  };
}

export function stats(): CallStats {
  return {
    calls: 50,
    answered: 30,
    answerRate: 0.6,
    averageDurationSeconds: 74,
    minutesDialed: 81.5,
    outcomes: { confirmed: 14, declined: 6, call_back_later: 5, no_response: 3, completed: 2 },
    byHour: Array.from({ length: 24 }, (_, hour) => {
      const calls = hour >= 9 && hour < 20 ? 4 + (hour % 3) : 0;
      return { hour, calls, answered: Math.round(calls * (0.4 + (hour % 4) / 10)) };
    }),
    byAttempt: [
      { attempt: 1, calls: 30, answered: 19 },
      { attempt: 2, calls: 14, answered: 8 },
      { attempt: 3, calls: 6, answered: 3 },
    ],
    timeZone: 'Asia/Tokyo',
  };
}

export function results(id: string): CampaignResults {
  return {
    campaign: { id, name: 'Results', status: 'completed' },
    leads: {
      pending: 0,
      dialing: 0,
      in_call: 0,
      retry_scheduled: 0,
      done: 38,
      failed: 4,
      skipped: 2,
    },
    leadOutcomes: {
      no_answer: 8,
      busy: 2,
      failed: 4,
      confirmed: 14,
      declined: 6,
      call_back_later: 5,
      no_response: 3,
      completed: 2,
    },
    stats: stats(),
  };
}

export function lead(id: number, name: string, status: Lead['status']): Lead {
  return {
    id,
    phone: `+8190000000${id}`,
    lineUserId: null,
    fields: { customer_name: name },
    timeZone: 'Asia/Tokyo',
    status,
    skipReason: null,
    outcome: status === 'done' ? 'confirmed' : null,
    attempts: 2,
    sourceRow: id + 1,
  };
}

export function leadDetail(): LeadDetail {
  return {
    lead: lead(1, 'Sato Hanako', 'done'),
    attempts: [
      {
        sid: 'a1',
        attempt: 1,
        status: 'missed',
        outcome: null,
        failureReason: null,
        startedAt: ago(7200),
        answeredAt: null,
        endedAt: ago(7140),
        durationSeconds: null,
        transcript: [],
      },
      {
        sid: 'a2',
        attempt: 2,
        status: 'ended',
        outcome: 'confirmed',
        failureReason: null,
        startedAt: ago(3600),
        answeredAt: ago(3590),
        endedAt: ago(3500),
        durationSeconds: 90,
        transcript: [
          {
            speaker: 'agent',
            text: 'Hello, this is a reminder about invoice INV-1.',
            at: ago(3580),
          },
          { speaker: 'callee', text: 'Yes, I will pay on Friday.', at: ago(3570) },
        ],
      },
    ],
  };
}
