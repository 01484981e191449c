/** Processes and CPU time, read from /proc (Linux). */
import { readdir, readFile } from 'node:fs/promises';

export interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  cpu: number;
  /** CPU seconds of the children it has waited for (they are gone from /proc). */
  reaped: number;
}

export async function readProcs(): Promise<Map<number, Proc>> {
  const procs = new Map<number, Proc>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(entry), {
      pid: Number(entry),
      ppid: Number(fields[1]),
      comm,
      cpu: (Number(fields[11]) + Number(fields[12])) / 100,
      reaped: (Number(fields[13]) + Number(fields[14])) / 100,
    });
  }
  return procs;
}

/** The service a supervisor child runs: the last argument of `node ... src/main.ts <name>`. */
async function serviceOf(pid: number): Promise<string | undefined> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').filter(Boolean).at(-1);
}

/** CPU seconds the whole machine has spent busy so far (every core). */
/** The machine's busy CPU seconds and context switches since boot (`/proc/stat`). */
export async function machineCounters(): Promise<{ busy: number; switches: number }> {
  const lines = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = (lines[0] ?? '')
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const ctxt = lines.find((l) => l.startsWith('ctxt '))?.split(' ')[1];
  return {
    busy: (user + nice + system + irq + softirq + steal) / 100,
    switches: Number(ctxt ?? 0),
  };
}

/** CPU seconds this process (the bench and its autocannon) has used so far. */
export const ownCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Pid of each service the supervisor runs, by service name. */
export async function childrenByService(supervisorPid: number): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const p of (await readProcs()).values()) {
    if (p.ppid !== supervisorPid) continue;
    const name = await serviceOf(p.pid);
    if (name !== undefined) found.set(name, p.pid);
  }
  return found;
}

/** CPU seconds of each service process and of PostgreSQL (postmaster + backends, live or gone). */
export async function cpuByProcess(
  services: ReadonlyMap<string, number>,
  postmasterPid: number | undefined,
): Promise<Map<string, number>> {
  const procs = await readProcs();
  const cpu = new Map<string, number>();
  for (const [name, pid] of services) cpu.set(name, procs.get(pid)?.cpu ?? 0);
  if (postmasterPid !== undefined) {
    let pg = 0;
    for (const p of procs.values()) {
      if (p.ppid === postmasterPid) pg += p.cpu;
      // The postmaster's own time and that of the backends it reaped: a backend that exits
      // between two readings must not take its time away from the total.
      if (p.pid === postmasterPid) pg += p.cpu + p.reaped;
    }
    cpu.set('postgres', pg);
  }
  return cpu;
}

/**
 * CPU seconds used so far by the processes rooted at `roots` and all their descendants
 * (e.g. PostgreSQL's postmaster and every backend). Each live process counts its own time
 * plus that of the children it has reaped, so a process that exits between two readings
 * is still counted, once, in its parent's total.
 */
export async function treeCpuSeconds(roots: readonly number[]): Promise<number> {
  const procs = await readProcs();
  const children = new Map<number, number[]>();
  for (const p of procs.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const inTree = new Set<number>();
  const walk = (pid: number): void => {
    if (inTree.has(pid) || !procs.has(pid)) return;
    inTree.add(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  roots.forEach(walk);
  let total = 0;
  for (const pid of inTree) total += (procs.get(pid)?.cpu ?? 0) + (procs.get(pid)?.reaped ?? 0);
  return total;
}
