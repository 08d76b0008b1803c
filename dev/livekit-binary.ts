/**
 * Where a livekit-server binary comes from: `livekit-server` on PATH (Homebrew, LiveKit's install
 * script), else the pinned version built with `go install` into a cache folder outside the repo,
 * so every clone on the machine reuses one build. Never committed, never downloaded prebuilt.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The newest tag whose go.mod has no `replace` directive (`go install` refuses those). */
export const LIVEKIT_VERSION = 'v1.13.5';
export const LIVEKIT_MODULE = `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`;
/** livekit-server's go.mod asks for this Go. */
export const GO_MINIMUM = [1, 26] as const;

export const LIVEKIT_CACHE_DIR = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'liff-calls',
  `livekit-server-${LIVEKIT_VERSION}`,
);
/** `go install …/cmd/server` names the binary after its package folder. */
export const CACHED_BINARY = join(LIVEKIT_CACHE_DIR, 'server');

export interface LivekitBinary {
  path: string;
  from: 'PATH' | 'cache';
}

export function findLivekitServer(): LivekitBinary | undefined {
  const onPath = findOnPath('livekit-server');
  if (onPath) return { path: onPath, from: 'PATH' };
  if (isExecutable(CACHED_BINARY)) return { path: CACHED_BINARY, from: 'cache' };
  return undefined;
}

/** "1.13.5" from `livekit-server --version` ("server version 1.13.5"). */
export function livekitServerVersion(binary: string): string {
  const output = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return /(\d+\.\d+\.\d+\S*)/.exec(output)?.[1] ?? output.trim();
}

export function findOnPath(name: string, extra: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extra].filter(Boolean);
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
