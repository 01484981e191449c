/**
 * The floor: a "null orchestrator" that makes exactly the same calls as the real one,
 * with the same HTTP client and settings, but persists nothing. Run as its own process:
 * `tsx bench/null-orchestrateur.ts` with PORT and the four service URLs in the env.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { Participants } from '../src/orchestrateur/clients/participants.js';
import { ServiceHttp } from '../src/orchestrateur/clients/service-http.js';
import { loadOrchestrateurConfig } from '../src/orchestrateur/config.js';
import { listen } from '../src/lib/http.js';

const config = loadOrchestrateurConfig(process.env);
const p = new Participants(
  new ServiceHttp({ timeoutMs: config.stepTimeoutMs, maxSockets: config.httpMaxSockets }),
  config,
);
const app = express();
app.use(express.json({ limit: '100kb' }));
app.post('/api/commande/checkout', async (req, res) => {
  const { client_id: clientId, magasin_id: magasinId } = req.body as {
    client_id: number;
    magasin_id: number;
  };
  const id = randomUUID();
  const signal = new AbortController().signal;
  const call = (step: string) => ({ sagaId: id, step, attempt: 1, signal });
  const panier = await p.lirePanier(clientId, call('panier'));
  await p.reserverStock(magasinId, panier.lignes, call('stock'));
  await p.payer(clientId, panier.total_cents, call('paiement'));
  await p.enregistrerVente(
    {
      client_id: clientId,
      magasin_id: magasinId,
      lignes: panier.lignes,
      total_cents: panier.total_cents,
    },
    call('vente'),
  );
  await p.viderPanier(clientId, panier.lignes, call('vider_panier'));
  res.status(201).json({ id, etat: 'CONFIRMEE', total_cents: panier.total_cents });
});
const server = await listen(app, '127.0.0.1', config.port);
process.stdout.write(
  `${JSON.stringify({ message: 'null orchestrateur listening', url: server.url })}\n`,
);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
