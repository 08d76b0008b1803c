/**
 * `npm run livekit:install`: makes sure a livekit-server binary exists for `npm run dev` and the
 * real-media tests. Uses `livekit-server` from PATH or the cached build when there is one;
 * otherwise builds the pinned version with Go (a few minutes on 2 cores; pure Go, no cgo).
 * Exits 1 with one line saying what to do when neither a binary nor Go ≥ 1.26 is available.
 */
import {
  CACHED_BINARY,
  findLivekitServer,
  GO_MINIMUM,
  LIVEKIT_CACHE_DIR,
  LIVEKIT_MODULE,
  LIVEKIT_VERSION,
  livekitServerVersion,
} from './livekit-binary';
import { goInstall } from './go-install';

const found = findLivekitServer();
if (found) {
  const where = found.from === 'PATH' ? 'on PATH' : 'cached';
  console.log(`livekit-server ${livekitServerVersion(found.path)} ${where}: ${found.path}`);
  process.exit(0);
}

const built = await goInstall({
  label: `livekit-server ${LIVEKIT_VERSION}`,
  module: LIVEKIT_MODULE,
  cacheDir: LIVEKIT_CACHE_DIR,
  goMinimum: GO_MINIMUM,
  cgo: false,
  otherwise:
    'install livekit-server (macOS: brew install livekit; Linux: curl -sSL https://get.livekit.io | bash).',
});
if (!built) process.exit(1);
console.log(`livekit-server ${livekitServerVersion(CACHED_BINARY)}: ${CACHED_BINARY}`);
