// A call-quality snapshot from what this page receives (docs/decisions.md#call-quality): RTT,
// jitter, packet loss, bitrate and picture size from the remote tracks' WebRTC stats, with
// LiveKit's own grade of this connection. Bitrate needs the previous reading's byte count.
import type { Room } from 'livekit-client';

export interface QualitySnapshot {
  connectionQuality?: string;
  roundTripTimeMs?: number;
  jitterMs?: number;
  packetLoss?: number;
  bitrateKbps?: number;
  frameWidth?: number;
  frameHeight?: number;
}

export interface Reading {
  at: number;
  bytesReceived: number;
}

export async function readQuality(
  room: Room,
  previous: Reading | undefined,
): Promise<{ snapshot: QualitySnapshot; reading: Reading }> {
  let rtt: number | undefined;
  let jitter = 0;
  let lost = 0;
  let received = 0;
  let bytes = 0;
  let width: number | undefined;
  let height: number | undefined;
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const report = await publication.track?.getRTCStatsReport();
      report?.forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp') {
          jitter = Math.max(jitter, Number(s.jitter ?? 0) * 1000);
          lost += Number(s.packetsLost ?? 0);
          received += Number(s.packetsReceived ?? 0);
          bytes += Number(s.bytesReceived ?? 0);
          if (s.kind === 'video' && s.frameHeight) {
            width = Number(s.frameWidth);
            height = Number(s.frameHeight);
          }
        }
        if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime !== undefined) {
          rtt = Number(s.currentRoundTripTime) * 1000;
        }
      });
    }
  }
  const at = Date.now();
  const seconds = previous ? (at - previous.at) / 1000 : 0;
  const snapshot: QualitySnapshot = {
    connectionQuality: room.localParticipant.connectionQuality,
    ...(rtt === undefined ? {} : { roundTripTimeMs: Math.round(rtt) }),
    ...(received + lost > 0
      ? { jitterMs: Math.round(jitter), packetLoss: Math.max(0, lost) / (received + lost) }
      : {}),
    ...(previous && seconds > 0 && bytes >= previous.bytesReceived
      ? { bitrateKbps: Math.round(((bytes - previous.bytesReceived) * 8) / seconds / 1000) }
      : {}),
    ...(height === undefined ? {} : { frameWidth: width, frameHeight: height }),
  };
  return { snapshot, reading: { at, bytesReceived: bytes } };
}
