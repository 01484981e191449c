import { setTimeout as sleep } from 'node:timers/promises';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import Joi from 'joi';
import type { AuthGuards } from './auth.js';
import { errorBody } from './errors.js';
import {
  type CallName,
  callSpec,
  callsOf,
  participantServices,
  type ParticipantService,
  refusalOf,
} from './participant-calls.js';
import type { DemoFaultsConfig } from './service-config.js';
import { validate } from './validation.js';

/**
 * Demo fault switches ("pannes"): an operator makes the next N saga calls of one operation
 * of a participant (one call of src/lib/participant-calls.ts, by its name) fail, to watch retries and compensations happen. Mounted only when the
 * participant runs with DEMO_FAULTS=true; otherwise neither the routes nor the checks exist.
 */

export const PANNE_MODES = ['indisponible', 'lenteur', 'refus'] as const;
export type PanneMode = (typeof PANNE_MODES)[number];

/** The services whose saga calls can be faulted: every service of the participant record. */
export const panneParticipants = participantServices;
export type Participant = ParticipantService;

/** A participant's operations: the calls of the record it answers, by their names. */
export const panneOperations = (participant: string): CallName[] => callsOf(participant);

/**
 * What `refus` answers for a call: the first refusal the contract names for it, or, for a
 * call it gives none (a compensation, the step past the pivot), 409 REFUS_SIMULE, an outcome
 * the orchestrator cannot know, so it retries.
 */
export const simulatedRefusal = (operation: CallName): { status: number; code: string } =>
  refusalOf(operation) ?? { status: 409, code: 'REFUS_SIMULE' };

export interface PanneActive {
  operation: string;
  mode: PanneMode;
  restant: number;
}

export interface PannesView {
  participant: Participant;
  operations: string[];
  actives: PanneActive[];
}

/**
 * The switches of one process, kept in memory: each instance of a participant has its own,
 * and a restart switches everything off.
 */
export class PanneSwitches {
  readonly operations: readonly string[];
  private readonly armed = new Map<string, { mode: PanneMode; restant: number }>();

  constructor(readonly participant: Participant) {
    this.operations = panneOperations(participant);
  }

  /** Replaces whatever was armed on that operation. */
  arm(operation: string, mode: PanneMode, nombre: number): void {
    this.armed.set(operation, { mode, restant: nombre });
  }

  clear(): void {
    this.armed.clear();
  }

  isArmed(operation: string): boolean {
    return this.armed.has(operation);
  }

  /** Uses up one count of the fault armed on that operation: its mode, or undefined if none. */
  take(operation: string): PanneMode | undefined {
    const armed = this.armed.get(operation);
    if (armed === undefined) return undefined;
    armed.restant -= 1;
    if (armed.restant <= 0) this.armed.delete(operation);
    return armed.mode;
  }

  view(): PannesView {
    const actives = this.operations.flatMap((operation) => {
      const armed = this.armed.get(operation);
      return armed ? [{ operation, ...armed }] : [];
    });
    return { participant: this.participant, operations: [...this.operations], actives };
  }
}

const panneBody = Joi.object<{ mode: PanneMode; nombre: number }>({
  mode: Joi.string()
    .valid(...PANNE_MODES)
    .required(),
  nombre: Joi.number().integer().min(1).max(100).required(),
}).required();

/**
 * GET and DELETE `/api/pannes/<participant>`, PUT `/api/pannes/<participant>/:operation`,
 * each behind `guard` (the operateur role).
 */
export function panneRoutes(switches: PanneSwitches, guard: RequestHandler): Router {
  const router = Router();
  const base = `/api/pannes/${switches.participant}`;
  const operationParams = Joi.object<{ operation: string }>({
    operation: Joi.string()
      .valid(...switches.operations)
      .required(),
  });
  router.get(base, guard, (_req, res) => {
    res.json(switches.view());
  });
  router.put(`${base}/:operation`, guard, (req, res) => {
    const { operation } = validate(operationParams, req.params, 'path');
    const { mode, nombre } = validate(panneBody, req.body, 'body');
    switches.arm(operation, mode, nombre);
    res.json(switches.view());
  });
  router.delete(base, guard, (_req, res) => {
    switches.clear();
    res.json(switches.view());
  });
  return router;
}

/** Waits `ms`; false when the caller hung up first (nothing is left to answer). */
async function hold(res: Response, ms: number): Promise<boolean> {
  const gone = new AbortController();
  const onClose = (): void => gone.abort();
  res.on('close', onClose);
  try {
    await sleep(ms, undefined, { signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', onClose);
  }
}

/** Whether a request is one of the saga's calls (the others are never faulted). */
export type SagaCallTest = (req: Request, res: Response) => Promise<boolean>;

/**
 * A saga call is one the service principal makes (the orchestrator's token): a person
 * reading their cart on the same route is left alone, and a caller without a valid token
 * goes on to the route's own 401. With AUTH_REQUIRED=false nobody can be told apart, so
 * every call of the route counts.
 */
export function sagaCallTest(guards: AuthGuards): SagaCallTest {
  const service = guards.requireRole('service');
  return async (req, res) => {
    let passed = false;
    try {
      await service(req, res, () => {
        passed = true;
      });
    } catch {
      return false;
    }
    return passed;
  };
}

/** In front of an operation's route: a saga call that meets an armed fault never reaches it. */
export function panneCheck(
  switches: PanneSwitches,
  operation: CallName,
  opts: { lenteurMs: number; isSagaCall: SagaCallTest },
): RequestHandler {
  const what = `${switches.participant} ${operation}`;
  const refus = simulatedRefusal(operation);
  return async (req, res, next) => {
    // Nothing armed: not even the caller is looked at (the route checks it as usual).
    const mode =
      switches.isArmed(operation) && (await opts.isSagaCall(req, res))
        ? switches.take(operation)
        : undefined;
    if (mode === undefined) {
      next();
      return;
    }
    if (mode === 'refus') {
      res.status(refus.status).json(errorBody(refus.code, `Simulated refusal of ${what} (demo)`));
      return;
    }
    if (mode === 'lenteur' && !(await hold(res, opts.lenteurMs))) return;
    const how = mode === 'lenteur' ? 'slow answer' : 'outage';
    res
      .status(503)
      .setHeader('Retry-After', '1')
      .json(errorBody('PANNE_SIMULEE', `Simulated ${how} of ${what} (demo)`));
  };
}

/**
 * A participant's routes, with its fault switches in front when DEMO_FAULTS=true; the
 * routes alone otherwise (then /api/pannes/... answers 404 like any unknown path).
 */
export function withPannes(
  participant: Participant,
  config: DemoFaultsConfig,
  guards: AuthGuards,
  routes: Router | RequestHandler,
): Router | RequestHandler {
  if (!config.demoFaults) return routes;
  const switches = new PanneSwitches(participant);
  const check = { lenteurMs: config.panneLenteurMs, isSagaCall: sagaCallTest(guards) };
  const router = Router();
  router.use(panneRoutes(switches, guards.requireRole('operateur')));
  for (const operation of panneOperations(participant)) {
    const { method, path } = callSpec(operation);
    router[method === 'GET' ? 'get' : 'post'](path, panneCheck(switches, operation, check));
  }
  router.use(routes);
  return router;
}
