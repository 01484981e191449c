import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { tracingConfig } from '../../src/lib/tracing-config.js';
import {
  type ComposeFile,
  type ComposeService,
  networksOf,
  readYaml,
  resolvedCompose,
  TEST_SECRETS,
  TRACE_STORE,
  useResolvedCompose,
} from './support/compose.js';

const commandOf = (s: ComposeService): string => [s.command].flat().join(' ');

/** `bind:host:container` of each published port (short syntax, `/tcp` left out, or long). */
const published = (s: ComposeService | undefined): string[] =>
  (s?.ports ?? []).map((p) => {
    if (typeof p === 'string') return p.replace(/\/tcp$/, '');
    const long = p as { host_ip?: string; published?: string | number; target?: number };
    return `${long.host_ip ?? '0.0.0.0'}:${long.published}:${long.target}`;
  });

interface Datasource {
  name?: string;
  uid?: string;
  type?: string;
  url?: string;
  access?: string;
}

const buildArgs = (c: ComposeFile): Record<string, string | null> => {
  const build = c.services.frontend?.build as { args?: Record<string, string | null> } | undefined;
  return build?.args ?? {};
};

describe('deployment: traces (Jaeger in docker-compose.yml)', function () {
  this.timeout(60_000);
  const view = useResolvedCompose();

  it('runs Jaeger all-in-one, on every network a service or Grafana uses', () => {
    const { resolved, apps } = view();
    const jaeger = resolved.services[TRACE_STORE];
    expect(jaeger?.image).to.match(/^jaegertracing\/all-in-one:\d/);
    const on = networksOf(jaeger ?? {});
    for (const [name, s] of apps) expect(on, name).to.include.members(networksOf(s));
    expect(on).to.include.members(networksOf(resolved.services.grafana ?? {}));
    expect(jaeger?.healthcheck?.test, 'healthcheck').to.not.equal(undefined);
  });

  it('publishes only its UI, on 127.0.0.1 unless JAEGER_BIND says otherwise', () => {
    expect(published(view().resolved.services[TRACE_STORE])).to.deep.equal([
      '127.0.0.1:16686:16686',
    ]);
    const told = resolvedCompose({
      ...TEST_SECRETS,
      JAEGER_BIND: '10.1.2.3',
      JAEGER_PORT: '17000',
    });
    expect(published(told.services[TRACE_STORE])).to.deep.equal(['10.1.2.3:17000:16686']);
  });

  it('gives every service the OTLP endpoint, its own service name and a 10 % sampler', () => {
    const { apps } = view();
    expect(apps.map(([, s]) => commandOf(s))).to.include.members(['orchestrateur', 'stock']);
    for (const [name, s] of apps) {
      const env = s.environment ?? {};
      expect(env.OTEL_SERVICE_NAME, name).to.equal(commandOf(s));
      // As the service reads it: spans to the trace store's OTLP http port, 1 root in 10.
      const config = tracingConfig(env as NodeJS.ProcessEnv);
      expect(config.endpoint, name).to.equal(`http://${TRACE_STORE}:4318/v1/traces`);
      expect(config.sampler, name).to.equal('parentbased_traceidratio');
      expect(config.ratio, name).to.equal(0.1);
    }
  });

  it('takes the sampler and the endpoint from the environment (.env)', () => {
    const told = resolvedCompose({
      ...TEST_SECRETS,
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_TRACES_SAMPLER_ARG: '1',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.example:4318',
    });
    const env = told.services['orchestrateur-service']?.environment ?? {};
    const config = tracingConfig(env as NodeJS.ProcessEnv);
    expect(config).to.include({
      sampler: 'always_on',
      ratio: 1,
      endpoint: 'http://collector.example:4318/v1/traces',
    });
  });

  it("builds the front with the UI's trace address, which TRACE_UI_URL changes or empties", () => {
    expect(buildArgs(view().resolved).VITE_TRACE_UI_URL).to.equal('http://127.0.0.1:16686/trace/');
    const other = resolvedCompose({ ...TEST_SECRETS, TRACE_UI_URL: 'https://t.example/{traceId}' });
    expect(buildArgs(other).VITE_TRACE_UI_URL).to.equal('https://t.example/{traceId}');
    const none = resolvedCompose({ ...TEST_SECRETS, TRACE_UI_URL: '' });
    expect(buildArgs(none).VITE_TRACE_UI_URL).to.equal('');
    // The web-build stage declares it, so Vite sees it as VITE_TRACE_UI_URL.
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const webBuild = dockerfile.slice(dockerfile.indexOf(' AS web-build'));
    expect(webBuild.slice(0, webBuild.indexOf('\nFROM '))).to.match(
      /^ARG VITE_TRACE_UI_URL=\n(.*\n)*RUN npm run build -w web$/m,
    );
  });

  it("gives Grafana a Jaeger datasource on the trace store's query port", () => {
    const file = readYaml('deploy/grafana/provisioning/datasources/jaeger.yml') as {
      apiVersion?: number;
      datasources?: Datasource[];
    };
    expect(file.apiVersion).to.equal(1);
    expect(file.datasources).to.have.length(1);
    const ds = file.datasources?.[0];
    expect(ds).to.include({ type: 'jaeger', uid: 'jaeger', access: 'proxy' });
    const url = new URL(ds?.url ?? '');
    expect(view().resolved.services[url.hostname], url.hostname).to.not.equal(undefined);
    expect([url.hostname, url.port]).to.deep.equal([TRACE_STORE, '16686']);
    // The dashboard's link opens this datasource in Explore.
    const dashboard = JSON.parse(readFileSync('deploy/grafana/dashboards/saga.json', 'utf8')) as {
      links?: { title?: string; url?: string }[];
    };
    const link = dashboard.links?.find((l) => /trace/i.test(l.title ?? ''));
    const panes = new URL(link?.url ?? '', 'http://grafana').searchParams.get('panes') ?? '{}';
    const [pane] = Object.values(JSON.parse(panes) as Record<string, { datasource?: string }>);
    expect(pane?.datasource).to.equal(ds?.uid);
  });
});
