/** `npx tsx bench/system-cli.ts [--quick]`: the whole-system bench alone (diagnostics on stderr). */
import { systemTable } from './report.js';
import { benchWholeSystem } from './system/index.js';

const started = Date.now();
const rows = await benchWholeSystem({
  levels: [1, 16, 64, 256],
  seconds: process.argv.includes('--quick') ? 3 : 10,
  say: (m) => process.stderr.write(`[system] ${m}\n`),
});
const took = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`\n${systemTable(rows)}\n\ntook ${took} s\n`);
