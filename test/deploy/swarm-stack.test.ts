import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { requireTool } from '../support/tools.js';
import { type ComposeFile, type ComposeService, hasYaml, readYaml } from './support/compose.js';

/**
 * deploy/swarm/stack.yml (+ observability.yml) against docker-compose.yml: the same services,
 * images, commands, environments (as written, secrets' checks included), networks and
 * healthchecks, so that the two cannot drift; and what Swarm needs instead of what it ignores.
 * `npm run deploy:swarm-test` deploys it for real.
 */
interface SwarmService extends ComposeService {
  deploy?: {
    endpoint_mode?: string;
    replicas?: number;
    restart_policy?: { condition?: string; max_attempts?: number };
    update_config?: { order?: string; failure_action?: string };
    resources?: { limits?: { cpus?: string; memory?: string } };
  };
  configs?: { source: string; target: string }[];
  stop_grace_period?: string;
}
interface StackFile {
  version: string;
  services: Record<string, SwarmService>;
  configs?: Record<string, { file: string }>;
}

/** Healthchecks differ in start_period only (Swarm replaces a task that turns unhealthy). */
const healthOf = (s: ComposeService): unknown => {
  const h = { ...(s.healthcheck as Record<string, unknown> | undefined) };
  delete h.start_period;
  return h;
};

describe('the Swarm stack (deploy/swarm/stack.yml)', () => {
  let compose: ComposeFile;
  let stack: StackFile;
  let all: Record<string, SwarmService>;

  before(function () {
    requireTool(this, hasYaml(), 'python3-yaml is needed (apt-get install python3-yaml)');
    compose = readYaml('docker-compose.yml') as ComposeFile;
    stack = readYaml('deploy/swarm/stack.yml') as StackFile;
    const observability = readYaml('deploy/swarm/observability.yml') as StackFile;
    all = { ...stack.services, ...observability.services };
  });

  it('has every service of docker-compose.yml, and no other', () => {
    expect(Object.keys(all).sort()).to.deep.equal(Object.keys(compose.services).sort());
    expect(stack.services).to.not.have.any.keys('grafana', 'jaeger');
  });

  it('runs each with the same image, command, environment, networks and healthcheck', () => {
    for (const [name, c] of Object.entries(compose.services)) {
      const s = all[name] as SwarmService;
      expect(s.image, `${name} image`).to.equal(c.image);
      expect(s.command, `${name} command`).to.deep.equal(c.command);
      expect(s.environment, `${name} environment`).to.deep.equal(c.environment);
      expect(s.networks, `${name} networks`).to.deep.equal(c.networks);
      expect(healthOf(s), `${name} healthcheck`).to.deep.equal(healthOf(c));
    }
  });

  it('keeps what compose keeps in volumes, and the same files as Swarm configs', () => {
    for (const [name, c] of Object.entries(compose.services)) {
      const s = all[name] as SwarmService;
      const named = (c.volumes ?? []).filter(
        (v): v is string => typeof v === 'string' && !v.startsWith('.'),
      );
      expect(s.volumes ?? [], `${name} volumes`).to.deep.equal(named);
      const mounted = (c.volumes ?? [])
        .filter((v): v is string => typeof v === 'string' && v.startsWith('.'))
        .map((v) => v.split(':')[1]);
      // A mounted folder becomes one config per file under it.
      const targets = (s.configs ?? []).map((k) => k.target);
      for (const m of mounted) {
        expect(
          targets.some((t) => t === m || t.startsWith(`${m}/`)),
          `${name} ${m}`,
        ).to.equal(true);
      }
      for (const t of targets) {
        expect(
          mounted.some((m) => t === m || t.startsWith(`${m}/`)),
          `${name} ${t}`,
        ).to.equal(true);
      }
    }
  });

  it('has nothing Swarm ignores or refuses: no build, depends_on, restart, container_name', () => {
    for (const [name, s] of Object.entries(all)) {
      for (const key of ['build', 'depends_on', 'restart', 'container_name'])
        expect(s, `${name}`).to.not.have.property(key);
    }
    expect(Number(stack.version)).to.be.at.least(3.8);
  });

  it('resolves every service to its tasks (dnsrr), ports in host mode', () => {
    for (const [name, s] of Object.entries(all)) {
      expect(s.deploy?.endpoint_mode, name).to.equal('dnsrr');
      for (const p of s.ports ?? []) expect((p as { mode?: string }).mode, name).to.equal('host');
      expect(s.deploy?.resources?.limits?.cpus, `${name} cpus`).to.be.a('string');
      expect(s.deploy?.resources?.limits?.memory, `${name} memory`).to.be.a('string');
    }
  });

  it('runs 3 orchestrators, updated start-first, rolled back on failure, drained 20 s', () => {
    const o = stack.services['orchestrateur-service'] as SwarmService;
    expect(o.deploy?.replicas).to.equal(3);
    expect(o.deploy?.update_config).to.include({
      order: 'start-first',
      failure_action: 'rollback',
    });
    expect(o.stop_grace_period).to.equal(
      compose.services['orchestrateur-service']?.['stop_grace_period' as keyof ComposeService],
    );
  });

  it('runs the seed job until it succeeds once, every other service whatever its exit', () => {
    for (const [name, s] of Object.entries(all)) {
      const policy = s.deploy?.restart_policy;
      if (name === 'demo-seed') expect(policy?.condition).to.equal('on-failure');
      else expect(policy?.condition, name).to.equal('any');
    }
  });

  it('never runs two tasks of a database on one volume (stop-first updates)', () => {
    for (const [name, s] of Object.entries(stack.services).filter(([n]) => n.endsWith('-db'))) {
      expect(s.deploy?.update_config?.order, name).to.equal('stop-first');
      expect(s.deploy?.replicas ?? 1, name).to.equal(1);
    }
  });

  it("points stock-lb at a config that resolves the stock services' addresses per request", () => {
    const file = stack.configs?.['stock-lb']?.file ?? '';
    expect(file).to.equal('../nginx/stock-lb.swarm.conf');
    const conf = readFileSync('deploy/nginx/stock-lb.swarm.conf', 'utf8');
    expect(conf).to.match(/^resolver 127\.0\.0\.11 /m);
    expect(conf).to.not.match(/^\s*upstream /m);
    expect(conf).to.match(/proxy_pass http:\/\/\$stock_first:8003;/);
    expect(conf).to.match(/stock-service-1;[\s\S]*stock-service-2;/);
  });

  it("words no required variable's message with a dash, which docker stack reads as a default", () => {
    // docker stack deploy (docker/cli's interpolation) reads `${KEY:?set KEY (openssl rand
    // -hex 32)}` as a default after the dash: every task got the secret "hex 32)" whatever
    // KEY was set to (found by the Swarm run). docker-compose reads it right; both files
    // keep such messages dash-free.
    for (const file of [
      'docker-compose.yml',
      'deploy/swarm/stack.yml',
      'deploy/swarm/observability.yml',
    ]) {
      const required = readFileSync(file, 'utf8').match(/\$\{\w+:\?[^}]*\}/g) ?? [];
      expect(required.length, file).to.be.greaterThan(0);
      for (const r of required) expect(r, file).to.not.match(/:\?.*-/);
    }
  });
});
