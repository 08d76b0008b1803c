/**
 * `npm run sip:install`: makes sure a livekit-sip binary exists, the SIP bridge between
 * livekit-server (through Redis) and phones. Uses `livekit-sip` from PATH or the cached build;
 * otherwise builds the pinned version with Go and cgo against Debian's C libraries (opus,
 * opusfile, soxr, found by pkg-config) into a cache folder outside the repo, as
 * livekit:install does for livekit-server. Its own script, not part of livekit:install: the rest
 * of the app needs no SIP, and where the Go module proxy does not serve github.com/livekit/sip
 * (seen on this project's machines: 403 "not available", for every version) livekit:install and
 * CI must still work. Exits 1 with what to do when it cannot have the binary.
 */
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, GO_MINIMUM, isExecutable } from './livekit-binary';
import { goInstall } from './go-install';

const SIP_VERSION = 'v1.11.0';
const SIP_MODULE = `github.com/livekit/sip/cmd/livekit-sip@${SIP_VERSION}`;
const SIP_CACHE_DIR = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'liff-calls',
  `livekit-sip-${SIP_VERSION}`,
);
const C_LIBRARIES = ['opus', 'opusfile', 'soxr'];
const DEBIAN_PACKAGES = 'pkg-config libopus-dev libopusfile-dev libsoxr-dev';

/** livekit-sip on PATH, else the cached build, else undefined. */
export function findLivekitSip(): string | undefined {
  const cached = join(SIP_CACHE_DIR, 'livekit-sip');
  return findOnPath('livekit-sip') ?? (isExecutable(cached) ? cached : undefined);
}

const found = findLivekitSip();
if (found) {
  console.log(`livekit-sip: ${found}`);
  process.exit(0);
}

if (!hasCLibraries()) {
  console.error(
    `Building livekit-sip needs pkg-config and the C libraries ${C_LIBRARIES.join(', ')}: ` +
      `apt-get install ${DEBIAN_PACKAGES} (macOS: brew install pkg-config opus opusfile libsoxr).`,
  );
  process.exit(1);
}
const built = await goInstall({
  label: `livekit-sip ${SIP_VERSION}`,
  module: SIP_MODULE,
  cacheDir: SIP_CACHE_DIR,
  // livekit-sip's go.mod cannot be read here to say; the Go livekit-server needs is recent enough
  // for its releases so far, and a newer ask is fetched by Go itself (GOTOOLCHAIN=auto).
  goMinimum: GO_MINIMUM,
  cgo: true,
  otherwise: 'put a livekit-sip binary on PATH.',
});
if (!built) {
  console.error(
    'If the Go module proxy refused github.com/livekit/sip ("403 … not available"), it cannot ' +
      'be built from this machine: put a livekit-sip built elsewhere on PATH.',
  );
  process.exit(1);
}
console.log(`livekit-sip: ${findLivekitSip()}`);

function hasCLibraries(): boolean {
  try {
    execFileSync('pkg-config', ['--exists', ...C_LIBRARIES], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
