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
  const ctx = (step: string) => ({ commandeId: id, step, signal });
  const panier = await p.lirePanier(clientId, ctx('panier'));
  await p.reserverStock(id, magasinId, panier.lignes, ctx('stock'));
  await p.payer(id, clientId, panier.total_cents, ctx('paiement'));
  await p.enregistrerVente(
    {
      commande_id: id,
      client_id: clientId,
      magasin_id: magasinId,
      lignes: panier.lignes,
      total_cents: panier.total_cents,
    },
    ctx('vente'),
  );
  await p.viderPanier(clientId, id, panier.lignes, ctx('vider_panier'));
  res.status(201).json({ id, etat: 'CONFIRMEE', total_cents: panier.total_cents });
});
const server = await listen(app, '127.0.0.1', config.port);
process.stdout.write(
  `${JSON.stringify({ message: 'null orchestrateur listening', url: server.url })}\n`,
);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
