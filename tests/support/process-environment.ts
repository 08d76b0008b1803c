/**
 * Changing the handlers' environment for a while: the config is read lazily and cached
 * (api/_lib/config.ts), so every change is followed by `resetConfig()`, and the values before are
 * put back afterwards, unset ones unset again.
 */
import { resetConfig } from '../../api/_lib/config';

export type EnvironmentChanges = Record<string, string | undefined>;

/** Sets `changes` (undefined unsets) and returns what puts the values before back. */
export function changeEnvironment(changes: EnvironmentChanges): () => void {
  const before = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  apply(changes);
  return () => apply(before);
}

/** Runs `run` with `changes` in place, and puts the values before back however it ends. */
export async function withEnvironment<T>(
  changes: EnvironmentChanges,
  run: () => Promise<T>,
): Promise<T> {
  const restore = changeEnvironment(changes);
  try {
    return await run();
  } finally {
    restore();
  }
}

function apply(values: EnvironmentChanges): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetConfig();
}
