/**
 * The floor: a "null orchestrator" that runs the same checkout (same calls, bodies, keys,
 * retries and compensations, same HTTP client settings) with nothing persisted anywhere.
 * Run as its own process: `tsx bench/null-orchestrateur.ts` with PORT and the four
 * service URLs in the env.
 */
import { randomUUID } from 'node:crypto';
import { plainStep, runCheckout } from './peers/checkout-flow.js';
import { serveCheckout } from './peers/checkout-http.js';
import { ContractCalls } from './peers/contract.js';
import { peerEnv } from './peers/env.js';

const env = peerEnv(process.env);
const calls = new ContractCalls(env.urls, env);
await serveCheckout(env.port, 'null orchestrateur listening', (input) =>
  runCheckout(randomUUID(), input, calls, plainStep),
);
