// CPU used by the processes a bench drives, read from /proc (Linux): unlike latency, it hardly depends on
// what else the machine runs.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // /proc/<pid>/stat counts in clock ticks of 1/100 s (USER_HZ on Linux)

/** User and system CPU of one process, in ms, or 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime and stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** CPU of a process and its descendants (tsx runs the API in a child process of its own). */
export function treeCpuMs(pid: number): number {
  let children: number[] = [];
  try {
    children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    // gone
  }
  return processCpuMs(pid) + children.reduce((sum, child) => sum + treeCpuMs(child), 0);
}

/**
 * CPU of the local PostgreSQL server (other work on it counts too, so read it on a quiet machine): every
 * postgres process's own, plus the CPU of the ones that have ended. A backend's CPU leaves the running
 * processes when its connection closes (a pool closes connections idle for 10 s, so each phase of a bench
 * closes the other phase's), and the kernel adds it to the postmaster's children's CPU when it is reaped:
 * without that term a reading across closed connections came out too low, or even negative.
 */
export function postgresCpuMs(): number {
  const postgres = new Map<number, string[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      postgres.set(Number(entry), readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" "));
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const fields of postgres.values()) {
    total += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime and stime
    // The postmaster (whose parent is no postgres process): cutime and cstime, its reaped children's CPU.
    if (!postgres.has(Number(fields[1]))) total += (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  }
  return total;
}
