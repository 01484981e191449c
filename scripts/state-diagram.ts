/** Prints the state diagram, or with --write puts it into README.md. */
import { readFile, writeFile } from 'node:fs/promises';
import { checkoutDiagram, signupDiagram, withDiagram } from './readme-diagram.js';

const README = new URL('../README.md', import.meta.url);

if (process.argv.includes('--write')) {
  const before = await readFile(README, 'utf8');
  const after = withDiagram(before);
  if (after !== before) await writeFile(README, after);
  process.stdout.write(
    after === before ? 'README diagram up to date\n' : 'README diagram updated\n',
  );
} else {
  process.stdout.write(`${checkoutDiagram()}\n\n${signupDiagram()}\n`);
}
