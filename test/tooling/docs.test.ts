import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { DEMO_PANIERS } from '../../seeds/demo-data.js';
import { SYSTEM_SERVICES } from '../../src/system/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a newcomer and an operator read: the README and every page of docs/. */
const DOCS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

const scriptsOf = (pkg: string): Record<string, string> =>
  (JSON.parse(read(pkg)) as { scripts?: Record<string, string> }).scripts ?? {};

/** Every file of the repository, committed or about to be (git's view, ignores honoured). */
function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f !== '');
}

/** `npm run X` as a reader would type it, with the workspace it names (`-w web`), if any. */
export function npmRunsIn(text: string): { script: string; workspace?: string }[] {
  return [
    ...text.matchAll(/npm run (?:--silent )?([\w:<>.-]+)(?:\s+(?:-w|--workspace)[ =](\w+))?/g),
  ].map((m) => ({ script: m[1] ?? '', ...(m[2] ? { workspace: m[2] } : {}) }));
}

/** Code spans shaped like a path that name something else, each with what it is. */
const NOT_REPOSITORY_PATHS: Readonly<Record<string, string>> = {
  '.data/postgres': 'the embedded database, made at run time (git-ignored)',
  'bench/.scratch': 'measurements the docs say were not committed',
  'auth/validator': "KrakenD's JWT validator namespace",
  'import-x/no-restricted-paths': 'an ESLint rule',
  'nginxinc/nginx-unprivileged': 'a Docker image',
  'grafana/grafana': 'a Docker image',
};

const PATH_LIKE = /^\.?[\w.-]+(\/[\w.-]+)*\/?$/;
const FILE_EXTENSION = /\.(ts|tsx|js|json|ya?ml|md|conf|svg|png|sql|css|html)$/;

/**
 * The repository paths a document names: link targets, and code spans that look like a
 * path (a slash or a file extension). Placeholders (`<service>`, `{id}`, `…`), URLs, HTTP
 * paths (`/api/...`) and code with spaces are not paths.
 */
export function pathsIn(text: string): { span: string; kind: 'link' | 'code' }[] {
  const found: { span: string; kind: 'link' | 'code' }[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = (m[1] ?? '').split('#')[0] ?? '';
    if (target !== '' && !/^[a-z]+:/.test(target)) found.push({ span: target, kind: 'link' });
  }
  const withoutFences = text.replace(/^```[\s\S]*?^```/gm, '');
  for (const m of withoutFences.matchAll(/`([^`\n]+)`/g)) {
    const span = m[1] ?? '';
    if (!PATH_LIKE.test(span) || span.startsWith('/') || span.includes('...')) continue;
    if (span in NOT_REPOSITORY_PATHS) continue;
    if (!span.includes('/') && !FILE_EXTENSION.test(span)) continue;
    found.push({ span, kind: 'code' });
  }
  return found;
}

/**
 * Whether `span`, named in `doc`, is a file or folder of the repository: from the root,
 * from the document's folder, or (as the docs name `data/saga-writes.ts` inside
 * src/orchestrateur/, and bare file names) as the end of a path that exists.
 */
export function resolves(span: string, doc: string, files: readonly string[]): boolean {
  const clean = span.replace(/^\.\//, '').replace(/\/$/, '');
  const fromDoc = path.posix.normalize(path.posix.join(path.posix.dirname(doc), clean));
  const exists = (p: string): boolean => files.some((f) => f === p || f.startsWith(`${p}/`));
  if (exists(clean) || exists(fromDoc)) return true;
  return files.some((f) => f.endsWith(`/${clean}`) || f.includes(`/${clean}/`));
}

describe('the README and docs/ name only what exists (docs)', () => {
  const files = repositoryFiles();

  it('every `npm run X` they name is a script of package.json (or of the workspace named)', () => {
    const missing: string[] = [];
    const services = Object.keys(
      Object.fromEntries(
        [...read('src/main.ts').matchAll(/^\s{2}(\w+): \(\) => import\(/gm)].map((m) => [m[1], 1]),
      ),
    );
    for (const doc of DOCS) {
      for (const { script, workspace } of npmRunsIn(read(doc))) {
        const scripts = scriptsOf(workspace ? `${workspace}/package.json` : 'package.json');
        // `start:<service>` stands for every service src/main.ts can start.
        const names = script.includes('<service>')
          ? services
              // `services` is a child of `npm start`'s, not a service (SERVICE_GROUP says which).
              .filter((s) => !['all', 'migrate', 'seed', 'services'].includes(s))
              .map((s) => script.replace('<service>', s))
          : [script];
        for (const name of names) if (!(name in scripts)) missing.push(`${doc}: npm run ${name}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('`npm run start:<service>` exists for every service of the system, auth included', () => {
    const scripts = scriptsOf('package.json');
    for (const service of SYSTEM_SERVICES) {
      expect(scripts[`start:${service}`], service).to.equal(`tsx src/main.ts ${service}`);
    }
  });

  it('every repository path they name exists', () => {
    const missing: string[] = [];
    for (const doc of DOCS) {
      for (const { span, kind } of pathsIn(read(doc))) {
        if (!resolves(span, doc, files)) missing.push(`${doc}: ${kind} ${span}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('the checks can fail: a missing script, path or link is reported', () => {
    const text =
      'Run `npm run start:nope`, edit `src/lib/nope.ts` and `data/gone.ts`, see [x](nope.md#a).';
    expect(npmRunsIn(text).map((r) => r.script)).to.deep.equal(['start:nope']);
    const spans = pathsIn(text);
    expect(spans.map((s) => s.span)).to.deep.equal(['nope.md', 'src/lib/nope.ts', 'data/gone.ts']);
    expect(spans.filter((s) => resolves(s.span, 'docs/x.md', files))).to.deep.equal([]);
    expect(resolves('data/saga-writes.ts', 'docs/architecture.md', files)).to.equal(true);
    expect(resolves('openapi/orchestrateur.yaml', 'docs/saga-contract.md', files)).to.equal(true);
    expect(
      pathsIn('`GET /api/commande/{id}` and `<commande_id>:<step>` and `a b/c`'),
    ).to.deep.equal([]);
  });

  it("README's commande example has the fields the OpenAPI requires and alice's demo cart total", () => {
    const block = /```json\n(\{[\s\S]*?"historique"[\s\S]*?\})\n```/.exec(read('README.md'))?.[1];
    const example = JSON.parse(block ?? '{}') as Record<string, unknown>;
    const openapi = read('docs/openapi/orchestrateur.yaml');
    // Commande is CommandeResume (its schema-level `required`) and the history (allOf).
    const resume = /\n {4}CommandeResume:\n(?: {6}.*\n)*? {6}required:\s*\[([^\]]*)\]/.exec(
      openapi,
    );
    const extra = /\n {4}Commande:\n {6}allOf:\n(?: {8}.*\n)*? {10}required: \[([^\]]*)\]/.exec(
      openapi,
    );
    const fields = `${resume?.[1] ?? ''},${extra?.[1] ?? ''}`
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '');
    expect(fields).to.include.members(['id', 'etat', 'suspension', 'historique']);
    expect(Object.keys(example)).to.include.members(fields);
    const alice = DEMO_PANIERS.filter((l) => l.client_id === example.client_id);
    expect(alice).to.not.be.empty;
    expect(example.total_cents).to.equal(
      alice.reduce((sum, l) => sum + l.quantite * l.prix_unitaire_cents, 0),
    );
  });
});
