/**
 * A small HTTP proxy in front of one participant service, through which the orchestrators
 * reach it. Normally it passes everything on; while a fault is on, each request meets it:
 * - slow: the request is held past the orchestrator's step timeout, then passed on (its
 *   effect lands late: a hanging action, if its saga was compensated meanwhile);
 * - unavailable: 503 without passing it on;
 * - drop: the connection is cut, before the service sees the request or after it answered
 *   (the effect happened, the answer is lost), one or the other at random;
 * - reject: a 4xx the contract does not name as a refusal (401 and 403 as during a token
 *   rotation, 404 and 405 as from another version of the service, 409 and 422 with codes no
 *   step names, 413, 415), before the service sees the request or in place of its answer
 *   (the effect happened), one or the other at random. No 400: the contract names a 400 of
 *   the sale as a refusal by its status alone, and a proxy has no business sending one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault = 'slow' | 'unavailable' | 'drop' | 'reject';

/** Technical 4xx answers: none is a refusal any step of the contract names. */
const REJECTIONS: readonly [number, string][] = [
  [401, 'NON_AUTHENTIFIE'],
  [403, 'ACCES_REFUSE'],
  [404, 'NOT_FOUND'],
  [405, 'METHOD_NOT_ALLOWED'],
  [409, 'CONFLICT'],
  [413, 'PAYLOAD_TOO_LARGE'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [422, 'IDEMPOTENCY_MISMATCH'],
];

export class FaultProxy {
  private fault: ProxyFault | undefined;
  private server: http.Server | undefined;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    readonly name: string,
    private readonly target: { port: number },
    private readonly slowMs: number,
    private readonly random: () => number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  set(fault: ProxyFault | undefined): void {
    this.fault = fault;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
    this.agent.destroy();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const fault = this.fault;
    if (fault === 'unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"PANNE_INJECTEE","message":"chaos: service unavailable"}}');
      return;
    }
    const before = (fault === 'drop' || fault === 'reject') && this.random() < 0.5;
    const rejection = REJECTIONS[Math.floor(this.random() * REJECTIONS.length)] ?? [401, 'X'];
    if (before && fault === 'reject') {
      reject(res, rejection);
      return;
    }
    if (before) {
      req.socket.destroy();
      return;
    }
    if (fault === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    const body = await readAll(req);
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: this.agent,
      },
      (answer) => {
        if (fault === 'drop' || fault === 'reject') {
          answer.resume();
          answer.on('end', () =>
            fault === 'drop' ? req.socket.destroy() : reject(res, rejection),
          );
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy()); // the service is down: so is the call
    upstream.end(body);
  }
}

function reject(res: http.ServerResponse, [status, code]: readonly [number, string]): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message: `chaos: ${status} ${code}` } }));
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
