/**
 * The real-media browser tests: a real livekit-server (started by the dev server), Chromium with
 * loopback WebRTC allowed, and what a page actually receives, read from its RTCPeerConnections'
 * getStats(). They skip only where no livekit-server binary can be had (and say so); in CI a
 * missing binary is an error.
 *
 * Media stays on this machine twice over: `npm run test:real-media` runs the suite in a network
 * namespace with only `lo` (tests/support/offline.sh), and inside it every ICE candidate the
 * server offers is 127.0.0.1 (dev/livekit-config.ts), which `stayedOnMachine` checks per page.
 */
import { networkInterfaces } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { findLivekitServer } from '../../dev/livekit-binary';
import { canRunBrowserTests } from './browser-world';

const binary = findLivekitServer();
export const canRunRealMedia = canRunBrowserTests && binary !== undefined;
if (canRunBrowserTests && !binary) {
  const why = 'no livekit-server binary (run npm run livekit:install)';
  if (process.env.CI) throw new Error(`Real-media tests cannot run: ${why}.`);
  console.warn(`Skipping real-media tests: ${why}.`);
}

/** Chromium gathers no loopback candidates unless told to. */
export const REAL_MEDIA_CHROMIUM_ARGS = ['--allow-loopback-in-peer-connection'];

/**
 * Every RTCPeerConnection a page makes, kept on `window` for `mediaStats`. On a context, it
 * covers the pages it opens later too (a LINE button opening the app in a new tab).
 */
export async function recordPeerConnections(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const seen: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = seen;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(this);
      }
    };
  });
}

/** play() with sound rejects as a browser blocking autoplay does, until the first tap. */
export async function blockAutoplayUntilTap(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let tapped = false;
    addEventListener('pointerdown', () => (tapped = true), { capture: true, once: true });
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (tapped || this.muted) return play.call(this);
      const message = "play() failed because the user didn't interact with the document first.";
      return Promise.reject(new DOMException(message, 'NotAllowedError'));
    };
  });
}

export interface MediaStats {
  /** Inbound video streams that have decoded at least one frame. */
  videoStreamsDecoding: number;
  framesDecoded: number;
  /** Inbound audio streams that have received bytes. */
  audioStreamsReceiving: number;
  audioBytesReceived: number;
  /** Total audio energy played out by inbound audio (0 while silent). */
  audioEnergy: number;
  /** Addresses of every remote candidate (the server's). */
  remoteAddresses: string[];
  /** Addresses of the selected candidate pairs' local ends (this browser's). */
  localAddresses: string[];
  /** The iceServers each peer connection was configured with (STUN/TURN URLs). */
  iceServers: string[];
}

export function mediaStats(page: Page): Promise<MediaStats> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] })
      .__peerConnections;
    const result = {
      videoStreamsDecoding: 0,
      framesDecoded: 0,
      audioStreamsReceiving: 0,
      audioBytesReceived: 0,
      audioEnergy: 0,
      remoteAddresses: [] as string[],
      localAddresses: [] as string[],
      iceServers: [] as string[],
    };
    for (const pc of pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      for (const server of pc.getConfiguration().iceServers ?? []) {
        result.iceServers.push(...[server.urls].flat());
      }
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => byId.set(String(s.id), s));
      // The pair in use: the transport's selected pair (reported as soon as media flows), or a
      // nominated one (which Chromium may flag a moment later).
      const selected = new Set(
        [...byId.values()]
          .filter((s) => s.type === 'transport' && s.selectedCandidatePairId)
          .map((s) => String(s.selectedCandidatePairId)),
      );
      for (const s of byId.values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          const frames = Number(s.framesDecoded ?? 0);
          result.framesDecoded += frames;
          if (frames > 0) result.videoStreamsDecoding += 1;
        }
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          const bytes = Number(s.bytesReceived ?? 0);
          result.audioBytesReceived += bytes;
          result.audioEnergy += Number(s.totalAudioEnergy ?? 0);
          if (bytes > 0) result.audioStreamsReceiving += 1;
        }
        // Chromium hides a peer-reflexive candidate's address (an empty string): name it so.
        if (s.type === 'remote-candidate') {
          const address =
            s.address || s.ip || (s.candidateType === 'prflx' ? 'peer-reflexive' : '');
          result.remoteAddresses.push(String(address));
        }
        const inUse = selected.has(String(s.id)) || (s.state === 'succeeded' && s.nominated);
        if (s.type === 'candidate-pair' && inUse) {
          const local = byId.get(String(s.localCandidateId));
          if (local) result.localAddresses.push(String(local.address ?? local.ip));
        }
      }
    }
    return result;
  });
}

/**
 * Media could not leave this machine: no STUN/TURN configured, every candidate the server offered
 * is 127.0.0.1 or the media address given to it for the agent worker (in the test namespace the
 * veth's 10.213.0.1, an address of this machine), and the browser's own end of each selected pair
 * is an address of this machine (in the test namespace: 127.0.0.1 or the veth; on a host network
 * Chromium may pair from its LAN address to the server's 127.0.0.1). A peer-reflexive remote
 * candidate (the server as seen from packets it sent, whose address Chromium hides) appears once
 * there are two addresses to pair; those packets reached one of this machine's addresses, which
 * the local-end check covers.
 */
export function stayedOnMachine(stats: MediaStats): boolean {
  const ours = new Set(
    Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address)),
  );
  return (
    stats.iceServers.length === 0 &&
    stats.remoteAddresses.length > 0 &&
    stats.remoteAddresses.every((address) =>
      ['127.0.0.1', process.env.LIFF_CALLS_TEST_IP, 'peer-reflexive'].includes(address),
    ) &&
    stats.localAddresses.length > 0 &&
    stats.localAddresses.every((address) => ours.has(address))
  );
}
