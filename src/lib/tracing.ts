import {
  type Attributes,
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  type Link,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { parseTraceParent, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { TracingConfig } from './tracing-config.js';

export {
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
};

/**
 * One tracer provider per service started in this process (`npm start` and the tests run
 * several in one), each exporting with its own `service.name`. No endpoint, no provider:
 * `tracerOf` answers undefined and callers skip every span (nothing recorded, nothing spent).
 */
interface Entry {
  provider: TracerProvider;
  tracer: Tracer;
}
/** By service name; the last started is the current one (a test may start two instances). */
const providers = new Map<string, Entry[]>();
const propagator = new W3CTraceContextPropagator();
let contextManager: AsyncLocalStorageContextManager | undefined;

function samplerOf(config: TracingConfig): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.ratio);
  switch (config.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    default: {
      const never: never = config.sampler;
      throw new Error(`Unknown sampler ${String(never)}`);
    }
  }
}

/** What a started service holds of tracing: its tracer (none when off) and how to stop. */
export interface Tracing {
  readonly tracer: Tracer | undefined;
  /** Exports what is buffered, then stops the provider. */
  stop(): Promise<void>;
}

/** Starts tracing for one service, if an endpoint is configured; else a no-op. */
export function startTracing(service: string, config: TracingConfig | undefined): Tracing {
  if (config?.endpoint === undefined) return { tracer: undefined, stop: async () => {} };
  if (contextManager === undefined) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName ?? service }),
    sampler: samplerOf(config),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: config.endpoint }),
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  const entry = { provider, tracer: provider.getTracer(service) };
  providers.set(service, [...(providers.get(service) ?? []), entry]);
  return {
    tracer: entry.tracer,
    stop: async () => {
      const rest = (providers.get(service) ?? []).filter((e) => e !== entry);
      if (rest.length > 0) providers.set(service, rest);
      else providers.delete(service);
      await provider.shutdown();
    },
  };
}

/** The tracer of a service started in this process, undefined when it traces nothing. */
export const tracerOf = (service: string): Tracer | undefined =>
  providers.get(service)?.at(-1)?.tracer;

/** Exports every span ended so far (tests, before reading what was received). */
export async function flushTraces(): Promise<void> {
  await Promise.all([...providers.values()].flat().map((p) => p.provider.forceFlush()));
}

/** The W3C `traceparent` of the current span, if there is one. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  return carrier.traceparent;
}

/** The trace id of the current span (for log lines), if there is one. */
export function currentTraceId(): string | undefined {
  const sc = trace.getSpanContext(context.active());
  return sc !== undefined && isSpanContextValid(sc) ? sc.traceId : undefined;
}

/** Adds the current trace context (`traceparent`) to outgoing headers. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagator.inject(context.active(), headers, defaultTextMapSetter);
}

/** The caller's trace context from incoming headers (none: a new trace starts). */
export const extractTraceContext = (headers: Record<string, unknown>): Context =>
  propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);

/** The trace id of a stored `traceparent`, if it is one. */
export const traceIdOf = (traceparent: string | null | undefined): string | null =>
  (traceparent && parseTraceParent(traceparent)?.traceId) ?? null;

/** A link to the span a stored `traceparent` names (e.g. a saga's first trace). */
export function linkTo(traceparent: string | null | undefined, attributes?: Attributes): Link[] {
  const sc = traceparent ? parseTraceParent(traceparent) : null;
  return sc ? [{ context: sc, ...(attributes ? { attributes } : {}) }] : [];
}

/** True when a span is current (a query outside any request or saga is not traced). */
export const inTrace = (): boolean => trace.getSpan(context.active()) !== undefined;

/** The span context of the current span, to link to later (e.g. from a grouped write). */
export function currentSpanContext(): Link['context'] | undefined {
  const sc = trace.getSpanContext(context.active());
  return sc !== undefined && isSpanContextValid(sc) ? sc : undefined;
}

/** A context whose current span is the one `sc` names (to start a child of it). */
export const contextOf = (sc: Link['context']): Context => trace.setSpanContext(ROOT_CONTEXT, sc);

/** Runs fn with `span` current, as a child of `parent`. */
export const runInSpan = <T>(parent: Context, span: Span, fn: () => T): T =>
  context.with(trace.setSpan(parent, span), fn);

/** Marks a span failed by `err`. */
export function recordFailure(span: Span, err: unknown, message?: string): void {
  if (err instanceof Error) span.recordException(err);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: message ?? (err instanceof Error ? err.message : String(err)),
  });
}

/**
 * Runs fn inside a new span made current (what fn starts are its children); the span ends
 * when fn settles, failed if it throws. Without a tracer, just runs fn.
 */
export function inSpan<T>(
  tracer: Tracer | undefined,
  name: string,
  options: SpanOptions & { parent?: Context },
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (tracer === undefined) return fn(undefined);
  const { parent, ...spanOptions } = options;
  return tracer.startActiveSpan(name, spanOptions, parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      recordFailure(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}
