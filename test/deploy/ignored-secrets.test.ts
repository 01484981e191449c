import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { run } from './support/compose.js';
import { buildContext } from './support/docker-context.js';
import { requireTool } from '../support/tools.js';

/** The files the deployment's secrets live in (docs/deployment.md: a `.env` beside the compose file). */
const SECRET_FILES = ['.env', '.env.production', 'deploy/.env'];

describe('deployment: the secrets file (.env) stays out of git and of the image', () => {
  it('is ignored by git (git check-ignore)', () => {
    const r = run('git', ['check-ignore', '--no-index', ...SECRET_FILES]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout.trim().split('\n').sort()).to.deep.equal([...SECRET_FILES].sort());
  });

  it('is left out of the Docker build context (.dockerignore)', function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'saga-context-'));
    try {
      copyFileSync('.dockerignore', path.join(dir, '.dockerignore'));
      for (const f of ['.env', '.env.production', 'package.json']) {
        writeFileSync(path.join(dir, f), 'SERVICE_TOKEN=x\n');
      }
      const files = buildContext(dir);
      requireTool(
        this,
        files !== undefined,
        'python3-docker (a dependency of docker-compose) is needed',
      );
      expect(files).to.include('package.json');
      expect(files?.filter((f) => f.startsWith('.env'))).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
