import { expect } from 'chai';
import type { CommandeView } from '../../src/orchestrateur/routes/commande-view.js';
import { call, type HttpAnswer } from './orchestrateur.js';

export type CommandeBody = CommandeView;

export async function checkout(
  base: string,
  clientId: number,
  headers: Record<string, string> = {},
  magasinId = 1,
): Promise<HttpAnswer & { commande: CommandeBody }> {
  const res = await call(base, 'POST', '/api/commande/checkout', {
    json: { client_id: clientId, magasin_id: magasinId },
    headers,
  });
  return { ...res, commande: res.body as CommandeBody };
}

export const etats = (c: CommandeBody): string[] => c.historique.map((h) => h.etat);

export function expectError(res: HttpAnswer, status: number, code: string): void {
  expect(res.status, res.text).to.equal(status);
  const body = res.body as { error?: { code?: string; message?: string } };
  expect(body.error?.code).to.equal(code);
  expect(body.error?.message).to.be.a('string').and.not.equal('');
}
