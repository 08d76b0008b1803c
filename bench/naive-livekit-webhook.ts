/**
 * The naive LiveKit webhook handler the throughput figure compares with: what plain callback
 * handlers do, on this product's tables. Verify with the SDK's WebhookReceiver, then read the call,
 * record the party's join, change the status, insert the audit row: four statements one after
 * another, each its own round trip, with no lock and no transaction (so two deliveries can both
 * apply, and a failure half way leaves half a change). The decision is the app's own pure lifecycle.
 * Only participant_joined of a `call-<id>` room, which is all the figure sends.
 */
import { WebhookReceiver } from 'livekit-server-sdk';
import { getPool } from '../api/_lib/db/pool';
import { transition, type CallState } from '../api/_lib/domain/call-lifecycle';
import { getConfig } from '../api/_lib/config';

let receiver: WebhookReceiver | undefined;

export async function naiveLivekitWebhook(request: Request): Promise<Response> {
  const { apiKey, apiSecret } = getConfig().livekit;
  receiver ??= new WebhookReceiver(apiKey, apiSecret);
  const event = await receiver.receive(
    await request.text(),
    request.headers.get('authorization') ?? undefined,
  );
  const callId = event.room!.name.slice('call-'.length);
  const identity = event.participant!.identity;
  const at = new Date(Number(event.createdAt) * 1000);
  const pool = await getPool();

  const [call] = (
    await pool.query<{
      status: CallState;
      caller_identity: string;
      caller_joined_at: Date | null;
      callee_joined_at: Date | null;
    }>(
      `SELECT c.*, u.room_identity AS caller_identity
         FROM calls c JOIN users u ON u.line_user_id = c.caller_id WHERE c.id = $1`,
      [callId],
    )
  ).rows;
  if (!call) return Response.json({ ok: true, handled: false });
  const party = identity === call.caller_identity ? 'caller' : 'callee';
  await pool.query(`UPDATE calls SET ${party}_joined_at = $2 WHERE id = $1`, [callId, at]);
  const otherJoined = (party === 'caller' ? call.callee_joined_at : call.caller_joined_at) !== null;
  const decision = transition(
    call.status,
    { type: 'joined' },
    { party, otherJoined, stale: false },
  );
  const to = decision.ok ? decision.status : call.status;
  await pool.query(
    `UPDATE calls SET status = $2,
       connected_at = CASE WHEN $2 = 'connected' THEN now() ELSE connected_at END
     WHERE id = $1`,
    [callId, to],
  );
  await pool.query(
    `INSERT INTO call_events (call_id, type, from_status, to_status, source, event_id, data)
     VALUES ($1, 'joined', $2, $3, 'livekit', $4, $5)`,
    [callId, call.status, to, event.id, { identity }],
  );
  return Response.json({ ok: true, handled: true, status: to });
}
