import { readFileSync } from 'node:fs';
import { run } from './compose.js';

/**
 * The files `docker-compose build` sends as the build context: docker-py (which the Debian
 * docker-compose package depends on) applies .dockerignore exactly as the build does.
 * undefined when python3-docker is not installed.
 */
export function buildContext(dir = '.'): string[] | undefined {
  const patterns = readFileSync(`${dir}/.dockerignore`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const script = [
    'import json, os, sys',
    'from docker.utils.build import exclude_paths',
    'root, patterns = sys.argv[1], json.loads(sys.stdin.read())',
    'paths = exclude_paths(root, patterns)',
    'json.dump(sorted(p for p in paths if os.path.isfile(os.path.join(root, p))), sys.stdout)',
  ].join('\n');
  const r = run('python3', ['-c', script, dir], JSON.stringify(patterns));
  if (r.missing || r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as string[];
}
