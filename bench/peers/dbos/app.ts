/**
 * The checkout on DBOS Transact: one workflow, one `DBOS.runStep` per participant call,
 * checkpointed in its system database on the bench's PostgreSQL, with DBOS's defaults
 * (each checkpoint its own synchronously committed transaction). An HTTP front like the
 * orchestrator's starts the workflow under the commande id and answers with its result.
 * Env: PORT, the four service URLs, DBOS_SYSTEM_DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { type CheckoutInput, type DurableStep, runCheckout } from '../checkout-flow.js';
import { serveCheckout } from '../checkout-http.js';
import { ContractCalls, isTransient } from '../contract.js';
import { peerEnv } from '../env.js';
import { loadDbos } from './sdk.js';

const env = peerEnv(process.env);
if (!env.systemDatabaseUrl) throw new Error('DBOS_SYSTEM_DATABASE_URL is required');
const DBOS = await loadDbos();
const calls = new ContractCalls(env.urls, env);

/** A checkpointed step: DBOS retries it itself, transient failures only. */
const step: DurableStep = (name, policy, action) =>
  DBOS.runStep(action, {
    name,
    retriesAllowed: true,
    maxAttempts: policy.attempts,
    intervalSeconds: policy.baseMs / 1000,
    backoffRate: 2,
    shouldRetry: isTransient,
  });

/** The commande id is the workflow id: the Idempotency-Keys are `<workflow id>:<step>`. */
const checkout = DBOS.registerWorkflow(
  async (input: CheckoutInput) => {
    const id = DBOS.workflowID;
    if (id === undefined) throw new Error('checkout runs as a DBOS workflow only');
    return runCheckout(id, input, calls, step);
  },
  { name: 'checkout' },
);

DBOS.setConfig({ name: 'checkout-bench', systemDatabaseUrl: env.systemDatabaseUrl });
await DBOS.launch();
await serveCheckout(
  env.port,
  'dbos checkout listening',
  async (input) => {
    const handle = await DBOS.startWorkflow(checkout, { workflowID: randomUUID() })(input);
    return handle.getResult();
  },
  () => DBOS.shutdown(),
);
