/**
 * The agent's conversation as the server knows it (docs/agent-worker.md): which script it runs,
 * the outcomes a script can end in, and how long the server waits for the agent or a worker.
 */
export const AGENT_SCRIPTS = ['greeting', 'reminder', 'survey'] as const;
export type AgentScript = (typeof AGENT_SCRIPTS)[number];
/** A backend that names no script, and every "call me now", gets the payment reminder. */
export const DEFAULT_SCRIPT: AgentScript = 'reminder';

export const AGENT_OUTCOMES = [
  'confirmed',
  'declined',
  'call_back_later',
  'no_response',
  'completed',
] as const;
export type AgentOutcome = (typeof AGENT_OUTCOMES)[number];

/** Who spoke a transcript turn. */
export const SPEAKERS = ['agent', 'callee'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** One turn of the conversation; `at` is when it was spoken (ISO). */
export interface TranscriptTurn {
  speaker: Speaker;
  text: string;
  at: string;
}

/**
 * The agent must be in the room this long after the dispatch, else the session fails `no_agent`:
 * well inside the 60 s ring time, so the callee is not left ringing into silence.
 */
export const AGENT_JOIN_SECONDS = 20;
/** The failure reason of a session no agent joined. */
export const NO_AGENT_REASON = 'no_agent';
/** A worker says hello every 60 s; one silent for longer than this is gone. */
export const WORKER_SEEN_SECONDS = 3 * 60;

/**
 * The context fields each script speaks from (agent/call-metadata.ts reads them): a campaign's
 * CSV may carry these columns, and each becomes the lead's context for the agent.
 */
export const SCRIPT_FIELDS: Record<AgentScript, readonly string[]> = {
  greeting: ['customer_name', 'company_name'],
  reminder: [
    'customer_name',
    'company_name',
    'invoice_number',
    'amount_due',
    'currency',
    'due_date',
  ],
  survey: ['customer_name', 'company_name'],
};
