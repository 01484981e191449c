import Joi from 'joi';
import { parseEnv } from './config.js';

/** The OTEL_* variables tracing honours (the OpenTelemetry specification's names). */
export interface TracingConfig {
  /** Where spans go (OTLP http/protobuf); undefined: tracing is off and costs nothing. */
  endpoint: string | undefined;
  sampler: TracesSampler;
  /** The ratio of the `*traceidratio` samplers, 0..1. */
  ratio: number;
  /** OTEL_SERVICE_NAME: replaces the process's own name (`orchestrateur`, `stock`…). */
  serviceName: string | undefined;
}

export type TracesSampler =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

const SAMPLERS: readonly TracesSampler[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];

interface TracingEnv {
  OTEL_SDK_DISABLED: boolean;
  OTEL_TRACES_EXPORTER: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_TRACES_SAMPLER: TracesSampler;
  OTEL_TRACES_SAMPLER_ARG: number;
  OTEL_SERVICE_NAME?: string;
}

const url = Joi.string().uri({ scheme: ['http', 'https'] });

const schema = Joi.object<TracingEnv>({
  OTEL_SDK_DISABLED: Joi.boolean().default(false),
  OTEL_TRACES_EXPORTER: Joi.string().valid('otlp', 'none').default('otlp'),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.replace(/\/+$/, ''),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  OTEL_TRACES_SAMPLER: Joi.string()
    .valid(...SAMPLERS)
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: Joi.number().min(0).max(1).default(1),
  OTEL_SERVICE_NAME: Joi.string().max(100),
});

/**
 * Tracing's settings, from the standard variables: the traces endpoint as given, else the
 * general one with `/v1/traces`; none of them (or OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER=none)
 * leaves tracing off.
 */
export function tracingConfig(env: NodeJS.ProcessEnv): TracingConfig {
  const e = parseEnv(schema, env);
  const endpoint =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`);
  const off = e.OTEL_SDK_DISABLED || e.OTEL_TRACES_EXPORTER === 'none';
  return {
    endpoint: off ? undefined : endpoint,
    sampler: e.OTEL_TRACES_SAMPLER,
    ratio: e.OTEL_TRACES_SAMPLER_ARG,
    serviceName: e.OTEL_SERVICE_NAME,
  };
}
