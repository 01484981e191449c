import type { Response } from 'express';
import { principalOf } from '../../lib/auth.js';
import type { Operator } from '../application/operator-actions.js';

/** The operator acting, as their token names them (AUTH_REQUIRED=false: nobody is known). */
export function operatorOf(res: Response, motif: string | undefined): Operator {
  const p = principalOf(res);
  const par = p?.kind === 'operateur' ? p.username : 'inconnu (AUTH_REQUIRED=false)';
  return { par, motif: motif ?? null };
}
