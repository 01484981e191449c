/**
 * A small HTTP proxy in front of one participant service, through which the orchestrators
 * reach it. Normally it passes everything on; while a fault is on, each request meets it:
 * - slow: the request is held past the orchestrator's step timeout, then passed on (its
 *   effect lands late: a hanging action, if its saga was compensated meanwhile);
 * - unavailable: 503 without passing it on;
 * - drop: the connection is cut, before the service sees the request or after it answered
 *   (the effect happened, the answer is lost), one or the other at random.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault = 'slow' | 'unavailable' | 'drop';

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
    const dropBefore = fault === 'drop' && this.random() < 0.5;
    if (dropBefore) {
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
        if (fault === 'drop') {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
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

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
