/**
 * The livekit-server config the dev server and the tests generate (passed as --config-body; JSON
 * is YAML). Everything stays on this machine: candidates only on 127.0.0.1 (node_ip, the
 * loopback candidate, an IP filter), no external-IP discovery, and an explicit STUN list pointing
 * at a local port nobody answers, because without one the server hands clients Google's STUN
 * servers. Keys in the v1.13.5 schema: pkg/config/config.go and mediatransportutil's rtcconfig.
 */

export interface LivekitPorts {
  /** HTTP + WebSocket signalling. */
  http: number;
  /** ICE over TCP, the fallback when UDP is blocked. */
  rtcTcp: number;
  /** ICE over UDP, one port for every participant (UDP mux). */
  rtcUdp: number;
}

export interface LivekitConfigInit {
  ports: LivekitPorts;
  apiKey: string;
  /** At least 32 characters: livekit-server refuses shorter secrets. */
  apiSecret: string;
  webhookUrl: string;
  /** Seconds a room stays after its last participant left (LiveKit's default is 20). */
  departureTimeout: number;
  /** Seconds a room nobody joined stays (LiveKit's default is 300). */
  emptyTimeout: number;
  /**
   * A private address of this machine to carry media besides loopback: the agent worker's
   * libwebrtc (@livekit/rtc-node) and livekit-sip's pion skip loopback candidates. The
   * real-media tests pass the veth address offline.sh sets up (LIFF_CALLS_TEST_IP).
   */
  mediaIp?: string;
  /** Redis (host:port), which livekit-sip needs; the server then refuses to start without it. */
  redis?: string;
}

export const LOOPBACK = '127.0.0.1';

export function livekitConfig(init: LivekitConfigInit): Record<string, unknown> {
  if (init.apiSecret.length < 32) throw new Error('The LiveKit API secret needs 32+ characters.');
  return {
    port: init.ports.http,
    bind_addresses: [LOOPBACK],
    rtc: {
      tcp_port: init.ports.rtcTcp,
      udp_port: init.ports.rtcUdp,
      use_external_ip: false,
      node_ip: init.mediaIp ?? LOOPBACK,
      enable_loopback_candidate: true,
      ips: {
        includes: [LOOPBACK, ...(init.mediaIp ? [init.mediaIp] : [])].map((ip) => `${ip}/32`),
      },
      // Port 9 (discard) on loopback: a STUN server that never answers, so no public one is used.
      stun_servers: [`${LOOPBACK}:9`],
    },
    keys: { [init.apiKey]: init.apiSecret },
    webhook: { api_key: init.apiKey, urls: [init.webhookUrl] },
    ...(init.redis ? { redis: { address: init.redis } } : {}),
    room: { departure_timeout: init.departureTimeout, empty_timeout: init.emptyTimeout },
    // Info level, JSON: the launcher reads "sent webhook" lines to report each delivery's status.
    logging: { level: 'info', json: true, pion_level: 'error' },
  };
}
