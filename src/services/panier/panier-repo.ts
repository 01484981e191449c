import type { Db } from '../../lib/db.js';
import { claimCommande } from '../../lib/idempotency.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import { execute, selectFirst, selectRows } from '../../lib/sql.js';

export interface LignePanier {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

/** The given lines as a relation `l(produit_id, quantite)`, to join with the cart. */
const LIGNES = `jsonb_to_recordset(CAST(:lignes AS jsonb)) AS l(produit_id integer, quantite integer)`;

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

/**
 * Takes exactly those quantities out of the cart; a line that falls to zero goes away. Run
 * inside a transaction: the lines are locked first, in produit order, so that the DELETE and
 * the UPDATE each see a line as it is once a concurrent edit committed (one statement doing
 * both would judge every line on one snapshot and skip a line edited meanwhile).
 */
export async function removeQuantites(
  db: Db,
  clientId: number,
  lignes: readonly LigneQuantite[],
): Promise<void> {
  const bindings = { clientId, lignes: JSON.stringify(lignes) };
  await db.raw(
    `SELECT p.produit_id FROM panier_lignes p JOIN ${LIGNES} USING (produit_id)
      WHERE p.client_id = :clientId ORDER BY p.produit_id FOR UPDATE OF p`,
    bindings,
  );
  await execute(
    db,
    `DELETE FROM panier_lignes p USING ${LIGNES}
      WHERE p.client_id = :clientId AND p.produit_id = l.produit_id AND p.quantite <= l.quantite`,
    bindings,
  );
  await execute(
    db,
    `UPDATE panier_lignes p SET quantite = p.quantite - l.quantite, updated_at = now()
       FROM ${LIGNES}
      WHERE p.client_id = :clientId AND p.produit_id = l.produit_id AND p.quantite > l.quantite`,
    bindings,
  );
}

/** False when that commande already emptied a cart (see claimCommande). */
export function claimVidage(
  db: Db,
  commandeId: string,
  clientId: number,
  lignes: readonly LigneQuantite[],
): Promise<boolean> {
  return claimCommande(db, 'vidages', {
    commande_id: commandeId,
    client_id: clientId,
    lignes: JSON.stringify(lignes),
  });
}

export async function findVidageClient(db: Db, commandeId: string): Promise<number | undefined> {
  const row = await selectFirst<{ client_id: number }>(
    db,
    'SELECT client_id FROM vidages WHERE commande_id = :commandeId',
    { commandeId },
  );
  return row?.client_id;
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
