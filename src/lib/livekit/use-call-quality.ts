// Sends this page's call quality to the API while the call is connected: a snapshot every
// QUALITY_INTERVAL_MS and a final one when the call (or the page) ends. Best effort: a failed
// report is dropped, and the server's bound (429) stops the reports for this call.
import type { Room } from 'livekit-client';
import { useEffect } from 'react';
import { apiPost } from '../api-client';
import { readQuality, type QualitySnapshot, type Reading } from './quality-snapshot';

const QUALITY_INTERVAL_MS = 10_000;

export function useCallQuality(callId: string, room: Room | null) {
  useEffect(() => {
    if (!room) return;
    let reading: Reading | undefined;
    let last: QualitySnapshot | undefined;
    let stopped = false;
    const send = (snapshot: QualitySnapshot, final: boolean) =>
      apiPost(`/api/calls/${encodeURIComponent(callId)}`, {
        action: 'report-quality',
        final,
        ...snapshot,
      }).catch((error: unknown) => {
        if ((error as { status?: number }).status === 429) stopped = true;
      });
    const sample = async () => {
      if (stopped) return;
      const result = await readQuality(room, reading).catch(() => undefined);
      if (!result) return;
      reading = result.reading;
      last = result.snapshot;
      await send(last, false);
    };
    // The first reading only sets the byte count the first bitrate is measured against.
    void readQuality(room, undefined).then((result) => (reading = result.reading));
    const timer = setInterval(() => void sample(), QUALITY_INTERVAL_MS);
    return () => {
      clearInterval(timer);
      if (last && !stopped) void send(last, true);
    };
  }, [callId, room]);
}
