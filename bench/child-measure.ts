/**
 * A figure measured in a process of its own: for a memory high-water mark that is the import's
 * and not the whole bench's (lead import), or for a network namespace (agent first audio). The
 * child is `bench/<file>.ts` run as a script, which writes its result as JSON to the file named
 * by BENCH_RESULT_FILE. Bounded: past `timeoutMs` the child's whole process group is killed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function measureInChild<T>(options: {
  /** The script under bench/, e.g. 'lead-import.ts'. */
  script: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Run it through this wrapper (e.g. tests/support/offline.sh). */
  wrapper?: string[];
  timeoutMs: number;
}): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'liff-calls-bench-'));
  const resultFile = join(dir, 'result.json');
  const command = [
    ...(options.wrapper ?? []),
    process.execPath,
    '--import',
    'tsx',
    join('bench', options.script),
    ...(options.args ?? []),
  ];
  try {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: ROOT,
      env: { ...process.env, ...options.env, BENCH_RESULT_FILE: resultFile },
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, so a time-out takes its browser and servers down with it.
      detached: true,
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk).slice(-4000)));
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', killGroup);
    const timer = setTimeout(killGroup, options.timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    process.off('exit', killGroup);
    // Whatever it started and left behind (a server it could not close) goes too.
    killGroup();
    const result = await readFile(resultFile, 'utf8').catch(() => undefined);
    if (result === undefined) {
      // The error the child died of, else the end of what it said.
      const lines = errors.trim().split('\n');
      const cause =
        lines.filter((line) => /^\w*Error\b/.test(line)).at(-1) ?? lines.slice(-3).join(' | ');
      const how =
        code === null ? `timed out after ${options.timeoutMs / 1000} s` : `exited ${code}`;
      throw new Error(`${options.script} ${how} without a result: ${cause}`);
    }
    return JSON.parse(result) as T;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** In the child: hands `result` back to measureInChild. */
export async function reportToParent(result: unknown): Promise<void> {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) throw new Error('BENCH_RESULT_FILE is unset: run this through bench/run.ts.');
  await writeFile(file, JSON.stringify(result));
}
