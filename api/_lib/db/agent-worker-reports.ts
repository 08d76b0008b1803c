/**
 * What the agent worker reports (docs/agent-worker.md): transcript turns, one per (session, seq);
 * the session's outcome, where the first report wins; and each worker's last hello.
 */
import type { AgentOutcome, Speaker, TranscriptTurn } from '../domain/agent-conversation.js';
import { query } from './pool.js';

export type { TranscriptTurn };

export interface RecordedOutcome {
  outcome: AgentOutcome;
  at: string;
}

/**
 * Stores a turn of an existing session. A redelivered (sid, seq) stores nothing new. Turns that
 * arrive after the call ended are stored too: the worker reports its last words late.
 */
export async function insertTurn(
  sid: string,
  turn: TranscriptTurn & { seq: number },
): Promise<'stored' | 'duplicate' | 'no-session'> {
  const [row] = await query<{ session: boolean; stored: boolean }>(
    `WITH s AS (SELECT sid FROM agent_call_sessions WHERE sid = $1),
     stored AS (
       INSERT INTO agent_call_transcript_turns (sid, seq, speaker, text, spoken_at)
       SELECT sid, $2, $3, $4, $5 FROM s
       ON CONFLICT (sid, seq) DO NOTHING RETURNING seq
     )
     SELECT EXISTS (SELECT 1 FROM s) AS session, EXISTS (SELECT 1 FROM stored) AS stored`,
    [sid, turn.seq, turn.speaker, turn.text, turn.at],
  );
  if (!row?.session) return 'no-session';
  return row.stored ? 'stored' : 'duplicate';
}

export async function transcriptOf(sid: string): Promise<TranscriptTurn[]> {
  const rows = await query<{ speaker: Speaker; text: string; spoken_at: Date }>(
    `SELECT speaker, text, spoken_at FROM agent_call_transcript_turns WHERE sid = $1 ORDER BY seq`,
    [sid],
  );
  return rows.map((row) => ({
    speaker: row.speaker,
    text: row.text,
    at: row.spoken_at.toISOString(),
  }));
}

/** The transcripts of these sessions so far, by sid, oldest turn first (none: absent). */
export async function transcriptsOf(sids: string[]): Promise<Map<string, TranscriptTurn[]>> {
  const transcripts = new Map<string, TranscriptTurn[]>();
  if (sids.length === 0) return transcripts;
  const rows = await query<{ sid: string; speaker: Speaker; text: string; spoken_at: Date }>(
    `SELECT sid, speaker, text, spoken_at FROM agent_call_transcript_turns
     WHERE sid = ANY($1::text[]) ORDER BY sid, seq`,
    [sids],
  );
  for (const row of rows) {
    const turns = transcripts.get(row.sid) ?? [];
    turns.push({ speaker: row.speaker, text: row.text, at: row.spoken_at.toISOString() });
    transcripts.set(row.sid, turns);
  }
  return transcripts;
}

/**
 * Records a session's outcome unless it has one: the primary key and ON CONFLICT DO NOTHING make
 * the first report the one kept, also when two arrive together (the second waits for the first
 * to commit, then inserts nothing). Returns the recorded outcome and whether this report made it;
 * undefined for an unknown session.
 */
export async function recordOutcome(
  sid: string,
  outcome: AgentOutcome,
  at: string,
): Promise<(RecordedOutcome & { first: boolean }) | undefined> {
  const [inserted] = await query<{ outcome: AgentOutcome; reported_at: Date }>(
    `INSERT INTO agent_call_outcomes (sid, outcome, reported_at)
     SELECT sid, $2, $3 FROM agent_call_sessions WHERE sid = $1
     ON CONFLICT (sid) DO NOTHING RETURNING outcome, reported_at`,
    [sid, outcome, at],
  );
  if (inserted)
    return { outcome: inserted.outcome, at: inserted.reported_at.toISOString(), first: true };
  // A separate statement: the one above cannot see a row another report committed during it.
  const recorded = await outcomeOf(sid);
  return recorded && { ...recorded, first: false };
}

export async function outcomeOf(sid: string): Promise<RecordedOutcome | undefined> {
  const [row] = await query<{ outcome: AgentOutcome; reported_at: Date }>(
    `SELECT outcome, reported_at FROM agent_call_outcomes WHERE sid = $1`,
    [sid],
  );
  return row && { outcome: row.outcome, at: row.reported_at.toISOString() };
}

/** The outcomes of these sessions, by sid (those with none are absent). */
export async function outcomesOf(sids: string[]): Promise<Map<string, AgentOutcome>> {
  if (sids.length === 0) return new Map();
  const rows = await query<{ sid: string; outcome: AgentOutcome }>(
    `SELECT sid, outcome FROM agent_call_outcomes WHERE sid = ANY($1::text[])`,
    [sids],
  );
  return new Map(rows.map((row) => [row.sid, row.outcome]));
}

export interface WorkerHello {
  agentName: string;
  speech: { stt: string; tts: string; llm: string | null };
  seenAt: string;
}

export async function recordHello(hello: Omit<WorkerHello, 'seenAt'>): Promise<void> {
  await query(
    `INSERT INTO agent_worker_hellos (agent_name, speech, seen_at) VALUES ($1, $2, now())
     ON CONFLICT (agent_name) DO UPDATE SET speech = EXCLUDED.speech, seen_at = EXCLUDED.seen_at`,
    [hello.agentName, JSON.stringify(hello.speech)],
  );
}

/** The worker for `agentName` if it said hello in the last `withinSeconds`. */
export async function recentHello(
  agentName: string,
  withinSeconds: number,
): Promise<WorkerHello | undefined> {
  const [row] = await query<{ agent_name: string; speech: WorkerHello['speech']; seen_at: Date }>(
    `SELECT agent_name, speech, seen_at FROM agent_worker_hellos
     WHERE agent_name = $1 AND seen_at > now() - make_interval(secs => $2)`,
    [agentName, withinSeconds],
  );
  return (
    row && { agentName: row.agent_name, speech: row.speech, seenAt: row.seen_at.toISOString() }
  );
}
