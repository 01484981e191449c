import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Registry } from 'prom-client';
import { collectRuntimeMetrics } from '../../src/lib/runtime-metrics.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A metric's value in the exposition text (the one sample of a gauge). */
async function valueOf(registry: Registry, name: string): Promise<number> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  if (line === undefined) throw new Error(`${name} is not exposed`);
  return Number(line.split(' ').at(-1));
}

describe("a process's runtime metrics", () => {
  it("keep Node's default metrics, each event loop delay gauge once", async () => {
    const registry = new Registry();
    collectRuntimeMetrics(registry);
    const text = await registry.metrics();
    for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes']) {
      expect(text).to.contain(`# TYPE ${name}`);
    }
    for (const stat of ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99']) {
      const name = `nodejs_eventloop_lag_${stat}_seconds`;
      expect(text.split('\n').filter((l) => l === `# TYPE ${name} gauge`)).to.have.length(1);
    }
  });

  it('report the delay itself: near zero when idle, the stall when the loop was blocked', async () => {
    const registry = new Registry();
    collectRuntimeMetrics(registry);
    await sleep(1_100);
    // prom-client's own gauges read the sampling interval as delay (10 ms on an idle loop).
    expect(await valueOf(registry, 'nodejs_eventloop_lag_p50_seconds')).to.be.below(0.005);
    await sleep(150);
    const until = Date.now() + 300;
    while (Date.now() < until); // the loop blocked for 300 ms
    await sleep(250);
    expect(await valueOf(registry, 'nodejs_eventloop_lag_max_seconds')).to.be.within(0.15, 1);
  });

  it('do not wake an idle process a hundred times a second', async function () {
    this.timeout(20_000);
    // A process of its own: the test runner's timers would count as this one's wake-ups.
    const script = [
      "import { Registry } from 'prom-client';",
      "import { collectRuntimeMetrics } from './src/lib/runtime-metrics.ts';",
      'collectRuntimeMetrics(new Registry());',
      'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));',
      'await sleep(300);',
      'const before = process.resourceUsage().voluntaryContextSwitches;',
      'await sleep(2000);',
      'console.log(process.resourceUsage().voluntaryContextSwitches - before);',
    ].join('\n');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: ROOT },
    );
    // 100 ms sampling: about 20 in 2 s (and two more timers); at 10 ms it was about 200.
    expect(Number(stdout.trim())).to.be.below(60);
  });
});
