import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the gate holds: what it was, and what to do with it. */
export interface HeldCall {
  method: string;
  path: string;
  /** Passes it on to the service (its effect lands, whoever still waits for the answer). */
  pass(): void;
  /** Drops it: the service never sees it. */
  drop(): void;
  /** Passes it on, then cuts the caller off before the answer: done, but not told. */
  passAndCut(): void;
}

type Decision = 'pass' | 'drop' | 'cut';

/**
 * A proxy in front of one service that passes everything on, except the calls matching a
 * trap: those it holds until the test says whether they reach the service. So a test can
 * kill whoever made the call while it is in flight, at exactly that step.
 */
export class CallGate {
  private server: http.Server | undefined;
  private trap: { match: RegExp; seen: (c: HeldCall) => void } | undefined;
  private down: RegExp | undefined;

  constructor(private readonly target: () => string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** The next call whose `METHOD path` matches is held; resolves when it arrives. */
  hold(match: RegExp): Promise<HeldCall> {
    return new Promise((seen) => (this.trap = { match, seen }));
  }

  /** Every call whose `METHOD path` matches answers 503 until this is called again with none. */
  failing(match: RegExp | undefined): void {
    this.down = match;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readAll(req);
    const line = `${req.method} ${req.url}`;
    if (this.down?.test(line)) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"INDISPONIBLE","message":"test: service unavailable"}}');
      return;
    }
    const trap = this.trap;
    if (trap && trap.match.test(line)) {
      this.trap = undefined;
      const decided = new Promise<Decision>((decide) =>
        trap.seen({
          method: req.method ?? '',
          path: req.url ?? '',
          pass: () => decide('pass'),
          drop: () => decide('drop'),
          passAndCut: () => decide('cut'),
        }),
      );
      const decision = await decided;
      if (decision === 'drop') {
        req.socket.destroy();
        return;
      }
      forward(this.target(), req, body, res, decision === 'cut');
      return;
    }
    forward(this.target(), req, body, res, false);
  }
}

function forward(
  base: string,
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
  cut: boolean,
): void {
  const upstream = http.request(
    `${base}${req.url ?? '/'}`,
    { method: req.method, headers: req.headers },
    (answer) => {
      if (cut) req.socket.destroy();
      if (res.destroyed || cut) {
        answer.resume();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => req.socket.destroy());
  upstream.end(body);
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
