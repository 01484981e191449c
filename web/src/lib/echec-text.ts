import type { Echec } from './api-types.js';
import { codeText } from './error-text.js';
import { etapeLabel } from './etat-labels.js';
import { formatCents } from './format.js';

export interface EchecContext {
  /** Produit names, to say which one is missing. */
  produits?: ReadonlyMap<number, string>;
  totalCents?: number | null;
  soldeCents?: number | null;
}

/** The stock service writes "Produit 5: 1 asked, 0 available in magasin 1". */
const STOCK_MESSAGE = /Produit (\d+): (\d+) asked, (\d+) available/;
/** The client service writes "Client 2 cannot pay 3999 cents". */
const SOLDE_MESSAGE = /cannot pay (\d+) cents/;

function stockText(echec: Echec, ctx: EchecContext): string {
  const m = STOCK_MESSAGE.exec(echec.message);
  if (!m) return 'Stock insuffisant dans ce magasin pour un des produits du panier.';
  const [, id, asked, available] = m;
  const nom = ctx.produits?.get(Number(id)) ?? `produit n° ${id}`;
  return `Stock insuffisant pour « ${nom} » : ${asked} demandé(s), ${available} disponible(s) dans ce magasin.`;
}

function soldeText(echec: Echec, ctx: EchecContext): string {
  const fromMessage = SOLDE_MESSAGE.exec(echec.message)?.[1];
  const total = ctx.totalCents ?? (fromMessage ? Number(fromMessage) : null);
  if (total !== null && ctx.soldeCents !== undefined && ctx.soldeCents !== null) {
    const manque = total - ctx.soldeCents;
    if (manque > 0) {
      return `Solde insuffisant : il manque ${formatCents(manque)} (total ${formatCents(total)}, solde ${formatCents(ctx.soldeCents)}).`;
    }
  }
  return total === null
    ? 'Solde insuffisant pour payer la commande.'
    : `Solde insuffisant pour payer ${formatCents(total)}.`;
}

/** Why a commande failed, in words: which produit is missing, how much money is. */
export function describeEchec(echec: Echec, ctx: EchecContext = {}): string {
  switch (echec.code) {
    case 'STOCK_INSUFFISANT':
      return stockText(echec, ctx);
    case 'SOLDE_INSUFFISANT':
      return soldeText(echec, ctx);
    case 'ANNULEE_PAR_OPERATEUR':
      return `Annulée par un opérateur. Motif : « ${echec.message} »`;
    default: {
      const known = codeText(echec.code);
      const where = `Échec à l’étape « ${etapeLabel(echec.etape)} »`;
      return known ? `${where} : ${known}` : `${where} (${echec.code}).`;
    }
  }
}
