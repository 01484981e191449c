import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as the OTLP export carried it (the fields the tests read). */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
  links: { traceId: string; spanId: string }[];
  statusCode: number;
}

/** A protobuf wire reader: just what ExportTraceServiceRequest needs. */
class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = this.buf[this.pos++] as number;
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  }
  bytes(): Buffer {
    const n = this.varint();
    this.pos += n;
    return this.buf.subarray(this.pos - n, this.pos);
  }
  /** Calls `on(field, reader-of-its-bytes or its number)` for each field. */
  fields(on: (field: number, value: Buffer | number) => void): void {
    while (!this.done) {
      const tag = this.varint();
      const wire = tag & 7;
      if (wire === 0) on(tag >>> 3, this.varint());
      else if (wire === 2) on(tag >>> 3, this.bytes());
      else if (wire === 1 || wire === 5) {
        const n = wire === 1 ? 8 : 4;
        on(tag >>> 3, this.buf.subarray(this.pos, this.pos + n));
        this.pos += n;
      } else throw new Error(`wire type ${wire}`);
    }
  }
}

const each = (buf: Buffer, on: (field: number, value: Buffer | number) => void): void =>
  new Reader(buf).fields(on);
const hex = (v: Buffer | number): string => (typeof v === 'number' ? '' : v.toString('hex'));

function anyValue(buf: Buffer): string | number | boolean {
  let value: string | number | boolean = '';
  each(buf, (f, v) => {
    if (f === 1 && Buffer.isBuffer(v)) value = v.toString('utf8');
    else if (f === 2) value = v === 1;
    else if (f === 3 && typeof v === 'number') value = v;
    else if (f === 4 && Buffer.isBuffer(v)) value = v.readDoubleLE(0);
  });
  return value;
}

function keyValue(buf: Buffer, into: Record<string, string | number | boolean>): void {
  let key = '';
  let value: string | number | boolean = '';
  each(buf, (f, v) => {
    if (f === 1 && Buffer.isBuffer(v)) key = v.toString('utf8');
    if (f === 2 && Buffer.isBuffer(v)) value = anyValue(v);
  });
  into[key] = value;
}

function span(buf: Buffer, service: string): ReceivedSpan {
  const s: ReceivedSpan = {
    ...{ service, traceId: '', spanId: '', parentSpanId: '', name: '', kind: 0 },
    ...{ attributes: {}, links: [], statusCode: 0 },
  };
  each(buf, (f, v) => {
    if (f === 1) s.traceId = hex(v);
    else if (f === 2) s.spanId = hex(v);
    else if (f === 4) s.parentSpanId = hex(v);
    else if (f === 5 && Buffer.isBuffer(v)) s.name = v.toString('utf8');
    else if (f === 6 && typeof v === 'number') s.kind = v;
    else if (f === 9 && Buffer.isBuffer(v)) keyValue(v, s.attributes);
    else if (f === 13 && Buffer.isBuffer(v)) {
      const link = { traceId: '', spanId: '' };
      each(v, (lf, lv) => {
        if (lf === 1) link.traceId = hex(lv);
        if (lf === 2) link.spanId = hex(lv);
      });
      s.links.push(link);
    } else if (f === 15 && Buffer.isBuffer(v))
      each(v, (sf, sv) => {
        if (sf === 3 && typeof sv === 'number') s.statusCode = sv;
      });
  });
  return s;
}

/** Decodes an OTLP ExportTraceServiceRequest (protobuf) into its spans. */
export function decodeTraces(buf: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  each(buf, (_f, resourceSpans) => {
    if (!Buffer.isBuffer(resourceSpans)) return;
    const resource: Record<string, string | number | boolean> = {};
    const scopes: Buffer[] = [];
    each(resourceSpans, (f, v) => {
      if (f === 1 && Buffer.isBuffer(v))
        each(v, (rf, rv) => rf === 1 && Buffer.isBuffer(rv) && keyValue(rv, resource));
      if (f === 2 && Buffer.isBuffer(v)) scopes.push(v);
    });
    const service = String(resource['service.name'] ?? '');
    for (const scope of scopes)
      each(scope, (f, v) => {
        if (f === 2 && Buffer.isBuffer(v)) spans.push(span(v, service));
      });
  });
  return spans;
}

/** An OTLP/HTTP receiver on 127.0.0.1 keeping every span it is sent. */
export interface OtlpReceiver {
  endpoint: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const ok =
        req.url === '/v1/traces' && req.headers['content-type'] === 'application/x-protobuf';
      if (ok) spans.push(...decodeTraces(Buffer.concat(chunks)));
      res.writeHead(ok ? 200 : 415, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
