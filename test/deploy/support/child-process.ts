import { type ChildProcess, spawn } from 'node:child_process';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A tool (Prometheus, nginx…) run as a child process, its last output kept for messages. */
export interface ToolProcess {
  child: ChildProcess;
  /** The end of what it printed on stdout and stderr. */
  output(): string;
  /** SIGTERM, then at most 5 s for it to exit. */
  stop(): Promise<void>;
}

export function spawnTool(bin: string, args: readonly string[]): ToolProcess {
  let output = '';
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (c: Buffer): void => {
    output = (output + c.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
    },
  };
}
