/**
 * `npm run bench -- --render FILE [--write]`: the "Against DBOS Transact and Restate" section
 * (table, chart, how each peer is configured, what each guarantees) from a file written
 * by `npm run bench -- --peers --json FILE`. Prints it; with --write, puts it in
 * docs/benchmarks.md (between its markers, replacing an earlier one) and the chart in
 * docs/benchmarks.svg.
 */
import { readFile, writeFile } from 'node:fs/promises';
import Joi from 'joi';
import { type Meta, type PeerRun, peersChart } from './report.js';
import { renderSection, withSection } from './section.js';
import { SYSTEMS } from './systems.js';

const number = Joi.number().min(0).required();
const fileSchema = Joi.object<{ meta: Meta; runs: PeerRun[] }>({
  meta: Joi.object({
    cores: number,
    cpu: Joi.string().required(),
    commit: Joi.string().required(),
    seconds: number,
    mixLevel: number,
    date: Joi.string().required(),
    versions: Joi.object().pattern(Joi.string(), Joi.string()).required(),
  }).required(),
  runs: Joi.array()
    .items(
      Joi.object({
        system: Joi.string()
          .valid(...SYSTEMS)
          .required(),
        concurrency: Joi.number().integer().min(1).required(),
        throughput: number,
        p50_ms: number,
        p99_ms: number,
        cpu_s_per_1000: number,
        errors: Joi.number().integer().min(0).required(),
      }).unknown(true),
    )
    .min(1)
    .required(),
});

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args[args.indexOf('--render') + 1];
  if (!file || file.startsWith('--'))
    throw new Error('usage: npm run bench -- --render FILE [--write]');
  const { value, error } = fileSchema.validate(JSON.parse(await readFile(file, 'utf8')) as unknown);
  if (error) throw new Error(`${file}: ${error.message}`);
  const section = await renderSection(value.meta, value.runs);
  if (!args.includes('--write')) {
    process.stdout.write(section);
    return;
  }
  const doc = await readFile('docs/benchmarks.md', 'utf8').catch(() => '# Benchmarks\n');
  await writeFile('docs/benchmarks.md', withSection(doc, section));
  await writeFile('docs/benchmarks.svg', peersChart(value.runs));
  process.stdout.write('written: docs/benchmarks.md (peers section), docs/benchmarks.svg\n');
}

await main();
