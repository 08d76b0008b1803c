// Without a media server the dev server answers LiveKit's server API itself, on its own port
// (dev/livekit-stand-in.ts): a room URL on this page's own address is that stand-in, not a media
// server that is down.
export function isMediaStandIn(url: string): boolean {
  try {
    const media = new URL(url);
    const page = new URL(location.href);
    const loopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);
    const sameHost =
      media.hostname === page.hostname || (loopback(media.hostname) && loopback(page.hostname));
    return sameHost && media.port === page.port;
  } catch {
    return false;
  }
}
