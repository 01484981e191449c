import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the gateway received it. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInGateway {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/**
 * Stands where KrakenD would: records every request and answers like the API does. A
 * checkout answers 201 with its Location, the key set a JSON document, anything else echoes
 * the method and path.
 */
export async function startStandInGateway(): Promise<StandInGateway> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const json = { 'content-type': 'application/json', 'x-request-id': 'from-gateway' };
      if (r.url.startsWith('/api/commande/checkout')) {
        res.writeHead(201, { ...json, location: '/api/commande/6f0c' });
        res.end(JSON.stringify({ id: '6f0c', etat: 'CONFIRMEE' }));
      } else if (r.url === '/.well-known/jwks.json') {
        res.writeHead(200, json);
        res.end(JSON.stringify({ keys: [] }));
      } else {
        res.writeHead(200, json);
        res.end(JSON.stringify({ method: r.method, url: r.url }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
