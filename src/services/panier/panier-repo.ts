import type { Db } from '../../lib/db.js';
import type { Knex } from 'knex';
import { prepared, type Runner } from '../../lib/prepared.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import { execute, selectFirst, selectRows } from '../../lib/sql.js';

export interface LignePanier {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export function findLignes(db: Db, clientId: number): Promise<LignePanier[]> {
  return selectRows(
    db,
    `SELECT produit_id, quantite, prix_unitaire_cents FROM panier_lignes
      WHERE client_id = :clientId ORDER BY produit_id`,
    { clientId },
  );
}

/** Serialises, per client, the changes whose limits depend on the rest of the cart. */
export async function lockPanier(db: Db, clientId: number): Promise<void> {
  await db.raw(`SELECT pg_advisory_xact_lock(hashtext('panier_lignes'), :clientId)`, {
    clientId,
  });
}

/** How many lines the cart holds, and how many units of that produit. */
export async function countLignes(
  db: Db,
  clientId: number,
  produitId: number,
): Promise<{ lignes: number; quantite: number }> {
  const row = await selectFirst<{ lignes: number; quantite: number }>(
    db,
    `SELECT count(*)::int AS lignes,
            COALESCE(sum(quantite) FILTER (WHERE produit_id = :produitId), 0)::int AS quantite
       FROM panier_lignes WHERE client_id = :clientId`,
    { clientId, produitId },
  );
  return row ?? { lignes: 0, quantite: 0 };
}

/** Adds quantite to the line (creating it) and takes the price given, i.e. today's price. */
export async function addToLigne(db: Db, clientId: number, ligne: LignePanier): Promise<void> {
  await execute(
    db,
    `INSERT INTO panier_lignes (client_id, produit_id, quantite, prix_unitaire_cents)
     VALUES (:clientId, :produitId, :quantite, :prix)
     ON CONFLICT (client_id, produit_id) DO UPDATE
       SET quantite = panier_lignes.quantite + EXCLUDED.quantite,
           prix_unitaire_cents = EXCLUDED.prix_unitaire_cents,
           updated_at = now()`,
    {
      clientId,
      produitId: ligne.produit_id,
      quantite: ligne.quantite,
      prix: ligne.prix_unitaire_cents,
    },
  );
}

/** False when the cart has no such line. */
export async function setQuantite(
  db: Db,
  clientId: number,
  produitId: number,
  quantite: number,
): Promise<boolean> {
  const changed = await execute(
    db,
    `UPDATE panier_lignes SET quantite = :quantite, updated_at = now()
      WHERE client_id = :clientId AND produit_id = :produitId`,
    { clientId, produitId, quantite },
  );
  return changed === 1;
}

export async function deleteLigne(db: Db, clientId: number, produitId: number): Promise<boolean> {
  const deleted = await execute(
    db,
    'DELETE FROM panier_lignes WHERE client_id = :clientId AND produit_id = :produitId',
    { clientId, produitId },
  );
  return deleted === 1;
}

export async function isKnownClient(db: Db, clientId: number): Promise<boolean> {
  const row = await selectFirst<{ known: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM clients_connus WHERE client_id = :clientId)
         OR EXISTS (SELECT 1 FROM panier_lignes WHERE client_id = :clientId) AS known`,
    { clientId },
  );
  return row?.known === true;
}

export async function rememberClient(db: Db, clientId: number): Promise<void> {
  await execute(
    db,
    'INSERT INTO clients_connus (client_id) VALUES (:clientId) ON CONFLICT DO NOTHING',
    {
      clientId,
    },
  );
}

const PANIER_CONNU = prepared<LignePanier & { known: boolean }>(
  'panier_lire',
  `SELECT k.known, p.produit_id, p.quantite, p.prix_unitaire_cents
     FROM (SELECT EXISTS (SELECT 1 FROM clients_connus WHERE client_id = :clientId)
               OR EXISTS (SELECT 1 FROM panier_lignes WHERE client_id = :clientId) AS known) k
     LEFT JOIN panier_lignes p ON p.client_id = :clientId
    ORDER BY p.produit_id`,
);

/**
 * Whether the client is known, and its lines, in one statement (the saga's read of the
 * cart, once per checkout): `known` false means ask the client service.
 */
export async function findPanierConnu(
  db: Knex,
  clientId: number,
): Promise<{ known: boolean; lignes: LignePanier[] }> {
  const { rows } = await PANIER_CONNU(db, { clientId });
  const lignes = rows
    .filter((r) => r.produit_id !== null)
    .map(({ produit_id, quantite, prix_unitaire_cents }) => ({
      produit_id,
      quantite,
      prix_unitaire_cents,
    }));
  return { known: rows[0]?.known === true, lignes };
}

const VIDER = prepared<{ claimed: boolean; vidage_client: number | null }>(
  'panier_vider',
  'SELECT claimed, vidage_client FROM vider_panier(:commandeId, :clientId, CAST(:lignes AS jsonb))',
);

/**
 * Takes exactly those quantities out of the cart, once per commande (a line that falls to
 * zero goes away), in one round trip: the `vider_panier` function claims the commande,
 * locks the lines, then takes the quantities out on a snapshot taken after the locks (see
 * its migration). `claimed` false means the commande had already emptied a cart, whose
 * client is `client` (undefined only if the claim's row is gone, which nothing does).
 */
export async function viderPanier(
  db: Runner,
  commandeId: string,
  clientId: number,
  lignes: readonly LigneQuantite[],
): Promise<{ claimed: boolean; client: number | undefined }> {
  const params = { commandeId, clientId, lignes: JSON.stringify(lignes) };
  const row = (await VIDER(db, params)).rows[0];
  return { claimed: row?.claimed === true, client: row?.vidage_client ?? undefined };
}
