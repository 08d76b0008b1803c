/**
 * CPU time spent by this Node process and by the local Postgres server's processes, so a
 * throughput figure can say how many microseconds of each one event costs. Postgres time is read
 * from /proc (every process named `postgres`): only meaningful when the server runs on this
 * machine, and null elsewhere (no /proc, or a remote server). The pool's connections live through
 * a run, so no backend's time leaves with its process. Ticks are 10 ms: runs of seconds only.
 */
import { readdir, readFile } from 'node:fs/promises';

export interface CpuSample {
  nodeMicros: number;
  postgresMicros: number | null;
}

export async function sampleCpu(): Promise<CpuSample> {
  const { user, system } = process.cpuUsage();
  return { nodeMicros: user + system, postgresMicros: await postgresMicros() };
}

/** Microseconds per event between two samples, for each side. */
export function perEvent(
  start: CpuSample,
  end: CpuSample,
  events: number,
): { node: number; postgres: number | null } {
  return {
    node: (end.nodeMicros - start.nodeMicros) / events,
    postgres:
      start.postgresMicros === null || end.postgresMicros === null
        ? null
        : (end.postgresMicros - start.postgresMicros) / events,
  };
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`); the kernel's ABI fixes it. */
const CLOCK_TICKS_PER_SECOND = 100;

async function postgresMicros(): Promise<number | null> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  let seen = false;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // pid (comm) state …: comm may hold spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(')');
    if (close < 0 || stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
    ticks += Number(fields[11]) + Number(fields[12]);
    seen = true;
  }
  return seen ? (ticks * 1e6) / CLOCK_TICKS_PER_SECOND : null;
}
