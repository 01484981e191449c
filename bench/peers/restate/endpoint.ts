/**
 * The checkout on Restate: a service handler with one `ctx.run` per participant call, its
 * journal kept by the restate-server it is registered with (default durability there).
 * Served by our own HTTP/2 server on 127.0.0.1 (the SDK's `serve()` binds every
 * interface). Env: PORT, the four service URLs.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { type DurableStep, type RetryPolicy, runCheckout, statusOf } from '../checkout-flow.js';
import { inputSchema } from '../checkout-http.js';
import { ContractCalls, isRefusal, Refusal } from '../contract.js';
import { peerEnv } from '../env.js';
import { loadRestateSdk, type RestateContext, type RestateRunOptions } from './sdk.js';

const env = peerEnv(process.env);
const restate = await loadRestateSdk();
const calls = new ContractCalls(env.urls, env);

const runOptions = (policy: RetryPolicy): RestateRunOptions => ({
  ...(Number.isFinite(policy.attempts) ? { maxRetryAttempts: policy.attempts } : {}),
  initialRetryInterval: policy.baseMs,
  maxRetryInterval: policy.maxMs,
  retryIntervalFactor: 2,
});

/** Refusals and unreadable answers end the step for good; anything else is retried. */
function asTerminalError(err: unknown) {
  if (isRefusal(err)) {
    return new restate.TerminalError(err.message, {
      errorCode: err.status,
      metadata: { code: err.code },
    });
  }
  if ((err as Error | null)?.name === 'Unreadable') {
    return new restate.TerminalError(String(err), { errorCode: 502 });
  }
  return undefined;
}

/** A journaled step. A refusal comes back (live or replayed) as a terminal 4xx: make it a Refusal again. */
const journaled =
  (ctx: RestateContext): DurableStep =>
  async (name, policy, action) => {
    try {
      return await ctx.run(name, action, runOptions(policy));
    } catch (err) {
      const e = err as {
        name?: string;
        code?: number;
        metadata?: Record<string, string>;
        message?: string;
      };
      const code = e.metadata?.code;
      if (
        e.name === 'TerminalError' &&
        code &&
        e.code !== undefined &&
        e.code >= 400 &&
        e.code < 500
      ) {
        throw new Refusal(code, e.code, e.message ?? code);
      }
      throw err;
    }
  };

const checkoutService = restate.service({
  name: 'Checkout',
  handlers: {
    checkout: async (ctx, body) => {
      const { value: input, error } = inputSchema.validate(body);
      if (error) throw new restate.TerminalError(error.message, { errorCode: 400 });
      const outcome = await runCheckout(ctx.rand.uuidv4(), input, calls, journaled(ctx));
      if (outcome.etat === 'CONFIRMEE') return outcome;
      throw new restate.TerminalError(JSON.stringify(outcome), { errorCode: statusOf(outcome) });
    },
  },
  options: { asTerminalError },
});

const server = http2.createServer(restate.createEndpointHandler({ services: [checkoutService] }));
server.listen(env.port, '127.0.0.1');
await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ message: 'restate endpoint listening', url })}\n`);
// restate-server keeps its HTTP/2 sessions open: close them, or close() never returns.
const sessions = new Set<http2.ServerHttp2Session>();
server.on('session', (session: http2.ServerHttp2Session) => {
  sessions.add(session);
  session.once('close', () => sessions.delete(session));
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  for (const session of sessions) session.destroy();
});
