/**
 * `go install` of a pinned server binary into a cache folder outside the repo (GOBIN), shared by
 * `npm run livekit:install` (livekit-server, pure Go) and `npm run sip:install` (livekit-sip,
 * cgo). Finds Go on PATH or in /usr/local/go, lets an older Go ≥ 1.21 fetch the toolchain the
 * module needs through the Go proxy (GOTOOLCHAIN=auto), prints progress every 30 s, and says in
 * one line what to do when there is no usable Go or the build fails.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { findOnPath } from './livekit-binary';

export interface GoBuild {
  /** What is built, for the messages ("livekit-server v1.13.5"). */
  label: string;
  /** The package path and version `go install` takes. */
  module: string;
  /** GOBIN: the cache folder the binary lands in. */
  cacheDir: string;
  /** The Go the module's go.mod asks for. */
  goMinimum: readonly [number, number];
  /** C code (cgo) in the build: CGO_ENABLED=1 and the C libraries pkg-config finds. */
  cgo: boolean;
  /** What else to say when there is no usable Go (how to get the binary another way). */
  otherwise: string;
}

/** Builds it; true when `go install` succeeded. */
export async function goInstall(build: GoBuild): Promise<boolean> {
  // The official Go installer puts Go in /usr/local/go without touching PATH.
  const go = findOnPath('go', ['/usr/local/go/bin']);
  const goVersion = go ? execFileSync(go, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim() : '';
  const minimum = build.goMinimum.join('.');
  // Go 1.21+ can fetch a newer toolchain itself through the Go proxy (GOTOOLCHAIN), e.g. Debian's.
  const switches = !atLeast(goVersion, build.goMinimum) && atLeast(goVersion, [1, 21]);
  if (!go || (!atLeast(goVersion, build.goMinimum) && !switches)) {
    const have = go ? `Go is ${goVersion}` : 'Go is not installed';
    console.error(
      `No ${build.label} binary and ${have}: install Go ≥ ${minimum} (https://go.dev/dl/) and ` +
        `run this again, or ${build.otherwise}`,
    );
    return false;
  }
  if (switches) console.log(`${goVersion} fetches Go ${minimum} through the Go proxy first.`);

  console.log(`Building ${build.label} with ${goVersion} into ${build.cacheDir}`);
  console.log(
    '(downloads its modules through the Go proxy, then compiles; a few minutes on 2 cores)',
  );
  mkdirSync(build.cacheDir, { recursive: true });
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const ticker = setInterval(() => console.log(`  … still building (${elapsed()})`), 30_000);
  const child = spawn(go, ['install', '-v', build.module], {
    env: {
      ...process.env,
      GOBIN: build.cacheDir,
      CGO_ENABLED: build.cgo ? '1' : '0',
      ...(switches ? { GOTOOLCHAIN: 'auto' } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(ticker);
  if (code !== 0) {
    console.error(`go install ${build.module} failed (exit ${code}) after ${elapsed()}.`);
    return false;
  }
  console.log(`${build.label} built in ${elapsed()}.`);
  return true;
}

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = (/go(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  if (parts.length < 2) return false;
  const [major = 0, minor = 0] = parts;
  return major > minimum[0]! || (major === minimum[0] && minor >= minimum[1]!);
}
