/**
 * `npm run bench` — what is measured depends on the flags:
 * - (none) / `--quick`: the orchestrator next to the floor, then the whole local system
 *   (floor-bench.ts; a full run rewrites docs/benchmarks.md);
 * - `--soak`: five minutes at concurrency 64 (floor-bench.ts);
 * - `--peers [--quick] [--json FILE] [--systems a,b] [--levels 1,16]`: the orchestrator, the
 *   floor, DBOS Transact and Restate side by side, plus a failure mix (peers/compare.ts);
 * - `--tracing [--quick] [--passes N] [--json FILE] [--cpu-prof DIR] [--baseline DIR]
 *   [--ratio R]`: the orchestrator with tracing off and on, 100 % sampled unless R
 *   (tracing/index.ts);
 * - `--system [--quick] [--json FILE]`: the whole system (identity on) next to the orchestrator
 *   alone, in the same run, at concurrency 1, 16, 64 and 256 (system/cli.ts);
 * - `--render FILE [--write]`: the docs section and chart of a `--peers --json` file
 *   (peers/render.ts).
 */
const args = process.argv.slice(2);
if (args.includes('--render')) await import('./peers/render.js');
else if (args.includes('--system')) await import('./system/cli.js');
else if (args.includes('--tracing')) await import('./tracing/index.js');
else if (args.includes('--peers')) await import('./peers/compare.js');
else await import('./floor-bench.js');
