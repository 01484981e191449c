import type { AddressInfo } from 'node:net';
import express from 'express';
import Joi from 'joi';
import { type CheckoutInput, type Outcome, statusOf } from './checkout-flow.js';

/** What a checkout request carries (the orchestrator's body without its optional fields). */
export const inputSchema = Joi.object<CheckoutInput>({
  client_id: Joi.number().integer().positive().required(),
  magasin_id: Joi.number().integer().positive().required(),
});

/**
 * `POST /api/commande/checkout` in front of a saga runner, answering as the orchestrator
 * does (201 confirmed, 409 cancelled by a refusal, 502 otherwise). Listens on 127.0.0.1,
 * then prints `{"message": ready, "url"}` (what the bench waits for) and stops on SIGTERM.
 */
export async function serveCheckout(
  port: number,
  ready: string,
  run: (input: CheckoutInput) => Promise<Outcome>,
  onStop: () => Promise<void> = async () => undefined,
): Promise<void> {
  const app = express();
  app.use(express.json({ limit: '100kb' }));
  app.post('/api/commande/checkout', async (req, res) => {
    const { value, error } = inputSchema.validate(req.body);
    if (error) {
      res.status(400).json({ error: { code: 'VALIDATION_ERROR', message: error.message } });
      return;
    }
    try {
      const outcome = await run(value);
      res.status(statusOf(outcome)).json(outcome);
    } catch (err) {
      res.status(500).json({ error: { code: 'ERREUR_INTERNE', message: String(err) } });
    }
  });
  const server = app.listen(port, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`${JSON.stringify({ message: ready, url })}\n`);
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void onStop().then(() => process.exit(0)));
  });
}
