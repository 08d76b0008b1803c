/**
 * `npm run livekit:install`: makes sure a livekit-server binary exists for `npm run dev` and the
 * real-media tests. Uses `livekit-server` from PATH or the cached build when there is one;
 * otherwise builds the pinned version with Go (a few minutes on 2 cores; pure Go, no cgo).
 * Exits 1 with one line saying what to do when neither a binary nor Go ≥ 1.26 is available.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CACHED_BINARY,
  findLivekitServer,
  findOnPath,
  GO_MINIMUM,
  LIVEKIT_CACHE_DIR,
  LIVEKIT_MODULE,
  LIVEKIT_VERSION,
  livekitServerVersion,
} from './livekit-binary';

const found = findLivekitServer();
if (found) {
  const where = found.from === 'PATH' ? 'on PATH' : 'cached';
  console.log(`livekit-server ${livekitServerVersion(found.path)} ${where}: ${found.path}`);
  process.exit(0);
}

// The official Go installer puts Go in /usr/local/go without touching PATH.
const go = findOnPath('go', ['/usr/local/go/bin']);
const goVersion = go ? execFileSync(go, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim() : '';
// Go 1.21+ can fetch a newer toolchain itself through the Go proxy (GOTOOLCHAIN), e.g. Debian's.
const switches = !atLeast(goVersion, GO_MINIMUM) && atLeast(goVersion, [1, 21]);
if (!go || (!atLeast(goVersion, GO_MINIMUM) && !switches)) {
  const have = go ? `Go is ${goVersion}` : 'Go is not installed';
  console.error(
    `No livekit-server binary and ${have}: install Go ≥ ${GO_MINIMUM.join('.')} (https://go.dev/dl/) ` +
      'and run npm run livekit:install again, or install livekit-server (macOS: brew install livekit; ' +
      'Linux: curl -sSL https://get.livekit.io | bash).',
  );
  process.exit(1);
}
if (switches)
  console.log(`${goVersion} fetches Go ${GO_MINIMUM.join('.')} through the Go proxy first.`);

console.log(
  `Building livekit-server ${LIVEKIT_VERSION} with ${goVersion} into ${LIVEKIT_CACHE_DIR}`,
);
console.log(
  '(downloads its modules through the Go proxy, then compiles; a few minutes on 2 cores)',
);
mkdirSync(LIVEKIT_CACHE_DIR, { recursive: true });
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const ticker = setInterval(() => console.log(`  … still building (${elapsed()})`), 30_000);
const build = spawn(go, ['install', '-v', LIVEKIT_MODULE], {
  env: {
    ...process.env,
    GOBIN: LIVEKIT_CACHE_DIR,
    CGO_ENABLED: '0',
    ...(switches ? { GOTOOLCHAIN: 'auto' } : {}),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const code = await new Promise<number>((resolve) => build.on('close', (c) => resolve(c ?? 1)));
clearInterval(ticker);
if (code !== 0) {
  console.error(`go install ${LIVEKIT_MODULE} failed (exit ${code}) after ${elapsed()}.`);
  process.exit(1);
}
console.log(
  `livekit-server ${livekitServerVersion(CACHED_BINARY)} built in ${elapsed()}: ${CACHED_BINARY}`,
);

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = (/go(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  if (parts.length < 2) return false;
  const [major = 0, minor = 0] = parts;
  return major > minimum[0]! || (major === minimum[0] && minor >= minimum[1]!);
}
