/**
 * Call-quality snapshots (call_quality_stats). Each party's snapshots of a call are numbered
 * from 0 in the INSERT itself, under a lock per party and call, so requests sent at once are
 * numbered one after another (none dropped); the table's CHECK on that number is the bound.
 */
import type { QualityAverages } from '../contract.js';
import { query, withLock } from './pool.js';

export const MAX_SNAPSHOTS_PER_PARTY = 120;

export interface QualitySnapshot {
  final: boolean;
  connectionQuality?: string | undefined;
  roundTripTimeMs?: number | undefined;
  jitterMs?: number | undefined;
  packetLoss?: number | undefined;
  bitrateKbps?: number | undefined;
  frameWidth?: number | undefined;
  frameHeight?: number | undefined;
}

export interface PartyQuality extends QualityAverages {
  participantId: string;
}

/** 'full' once the party has stored MAX_SNAPSHOTS_PER_PARTY for this call. */
export async function insertQualitySnapshot(
  callId: string,
  participantId: string,
  s: QualitySnapshot,
): Promise<'recorded' | 'full'> {
  try {
    await withLock(`call-quality:${callId}:${participantId}`, (run) =>
      run(
        `INSERT INTO call_quality_stats (call_id, participant_id, seq, final, connection_quality,
           round_trip_time_ms, jitter_ms, packet_loss, bitrate_kbps, frame_width, frame_height)
         SELECT $1, $2, coalesce(max(seq) + 1, 0), $3, $4, $5, $6, $7, $8, $9, $10
           FROM call_quality_stats WHERE call_id = $1 AND participant_id = $2`,
        [
          callId,
          participantId,
          s.final,
          s.connectionQuality ?? null,
          s.roundTripTimeMs ?? null,
          s.jitterMs ?? null,
          s.packetLoss ?? null,
          s.bitrateKbps ?? null,
          s.frameWidth ?? null,
          s.frameHeight ?? null,
        ],
      ),
    );
    return 'recorded';
  } catch (error) {
    // check_violation: the numbering reached the bound.
    if ((error as { code?: string }).code === '23514') return 'full';
    throw error;
  }
}

/** Per party: how many snapshots, the averages, the last grade, the best picture height. */
export async function summarizeCallQuality(callId: string): Promise<PartyQuality[]> {
  const rows = await query<{
    participant_id: string;
    snapshots: string;
    connection_quality: string | null;
    rtt: number | null;
    jitter: number | null;
    loss: number | null;
    bitrate: number | null;
    height: number | null;
  }>(
    `SELECT participant_id, count(*) AS snapshots,
            (array_agg(connection_quality ORDER BY seq DESC))[1] AS connection_quality,
            round(avg(round_trip_time_ms))::int AS rtt, round(avg(jitter_ms))::int AS jitter,
            avg(packet_loss)::real AS loss, round(avg(bitrate_kbps))::int AS bitrate,
            max(frame_height) AS height
       FROM call_quality_stats WHERE call_id = $1 GROUP BY participant_id ORDER BY participant_id`,
    [callId],
  );
  return rows.map((row) => ({
    participantId: row.participant_id,
    snapshots: Number(row.snapshots),
    connectionQuality: row.connection_quality,
    roundTripTimeMs: row.rtt,
    jitterMs: row.jitter,
    packetLoss: row.loss,
    bitrateKbps: row.bitrate,
    frameHeight: row.height,
  }));
}
