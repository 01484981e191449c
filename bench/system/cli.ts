/**
 * `npm run bench -- --system [--quick] [--json FILE]`: the whole system (identity on) next to
 * the orchestrator alone at concurrency 1, 16, 64 and 256, measured in the same run; the
 * table on stdout, diagnostics on stderr, the runs as JSON in FILE.
 */
import { execSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { option, SECONDS, WARM_SECONDS } from '../args.js';
import { benchSystem } from './index.js';
import { cpuTable, systemJson, systemTable } from './report.js';

const started = Date.now();
const runs = await benchSystem({
  levels: [1, 16, 64, 256],
  seconds: SECONDS,
  warmSeconds: WARM_SECONDS,
  say: (m) => process.stderr.write(`[system] ${m}\n`),
});
const took = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `\n${systemTable(runs)}\n\nCPU ms per confirmed checkout, by process (whole system):\n\n` +
    `${cpuTable(runs)}\n\ntook ${took} s\n`,
);
const file = option('--json');
if (file !== undefined) {
  const meta = {
    commit: execSync('git rev-parse --short HEAD').toString().trim(),
    node: process.version,
    cores: cpus().length,
    seconds: SECONDS,
    at: new Date().toISOString(),
  };
  await writeFile(file, systemJson(runs, meta));
  process.stdout.write(`written: ${file}\n`);
}
