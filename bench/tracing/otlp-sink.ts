import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTraces } from '../../test/tracing/otlp-receiver.js';

/** What reached the sink since the last `take()`. */
export interface Received {
  /** OTLP export requests (one per batch the orchestrator's span processor sent). */
  requests: number;
  bytes: number;
  spans: number;
  /** Spans by name, their variable part (a step's, a statement's) kept. */
  byName: Record<string, number>;
}

/**
 * An OTLP/HTTP traces endpoint on 127.0.0.1 that accepts every export and keeps its body
 * undecoded: decoding (the tests' decoder) waits for `take()`, between measurements, so the
 * bench process spends nothing on it while it drives the load.
 */
export interface OtlpSink {
  endpoint: string;
  take(): Received;
  close(): Promise<void>;
}

export async function startOtlpSink(): Promise<OtlpSink> {
  let bodies: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = bodies;
      bodies = [];
      const byName: Record<string, number> = {};
      let spans = 0;
      for (const body of taken) {
        for (const s of decodeTraces(body)) {
          spans += 1;
          byName[s.name] = (byName[s.name] ?? 0) + 1;
        }
      }
      const bytes = taken.reduce((n, b) => n + b.length, 0);
      return { requests: taken.length, bytes, spans, byName };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
