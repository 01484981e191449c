import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { withDiagram } from '../../scripts/readme-diagram.js';

describe('README', () => {
  it('shows the state diagram of the current transition table (run `npm run diagram` if not)', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withDiagram(readme), 'README state diagram is stale').to.equal(readme);
  });
});
