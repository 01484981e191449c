import type { Db } from '../../lib/db.js';

export interface LignePanier {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export interface LigneARetirer {
  produit_id: number;
  quantite: number;
}

export async function findLignes(db: Db, clientId: number): Promise<LignePanier[]> {
  const { rows } = await db.raw<{ rows: LignePanier[] }>(
    `SELECT produit_id, quantite, prix_unitaire_cents FROM panier_lignes
      WHERE client_id = :clientId ORDER BY produit_id`,
    { clientId },
  );
  return rows;
}

/** Adds quantite to the line (creating it) and takes the price given, i.e. today's price. */
export async function addToLigne(db: Db, clientId: number, ligne: LignePanier): Promise<void> {
  await db.raw(
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
  const result = await db.raw<{ rowCount: number }>(
    `UPDATE panier_lignes SET quantite = :quantite, updated_at = now()
      WHERE client_id = :clientId AND produit_id = :produitId`,
    { clientId, produitId, quantite },
  );
  return result.rowCount === 1;
}

export async function deleteLigne(db: Db, clientId: number, produitId: number): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    'DELETE FROM panier_lignes WHERE client_id = :clientId AND produit_id = :produitId',
    { clientId, produitId },
  );
  return result.rowCount === 1;
}

/** Takes exactly those quantities out of the cart; a line that falls to zero goes away. */
export async function removeQuantites(
  db: Db,
  clientId: number,
  lignes: readonly LigneARetirer[],
): Promise<void> {
  await db.raw(
    `WITH l AS (
       SELECT * FROM jsonb_to_recordset(CAST(:lignes AS jsonb)) AS l(produit_id integer, quantite integer)
     ), gone AS (
       DELETE FROM panier_lignes p USING l
        WHERE p.client_id = :clientId AND p.produit_id = l.produit_id AND p.quantite <= l.quantite
     )
     UPDATE panier_lignes p SET quantite = p.quantite - l.quantite, updated_at = now()
       FROM l
      WHERE p.client_id = :clientId AND p.produit_id = l.produit_id AND p.quantite > l.quantite`,
    { clientId, lignes: JSON.stringify(lignes) },
  );
}

/** False when that commande already emptied a cart (a concurrent claim waits here). */
export async function claimVidage(
  db: Db,
  commandeId: string,
  clientId: number,
  lignes: readonly LigneARetirer[],
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `INSERT INTO vidages (commande_id, client_id, lignes)
     VALUES (:commandeId, :clientId, CAST(:lignes AS jsonb))
     ON CONFLICT (commande_id) DO NOTHING`,
    { commandeId, clientId, lignes: JSON.stringify(lignes) },
  );
  return result.rowCount === 1;
}

export async function findVidageClient(db: Db, commandeId: string): Promise<number | undefined> {
  const { rows } = await db.raw<{ rows: { client_id: number }[] }>(
    'SELECT client_id FROM vidages WHERE commande_id = :commandeId',
    { commandeId },
  );
  return rows[0]?.client_id;
}

export async function isKnownClient(db: Db, clientId: number): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { known: boolean }[] }>(
    `SELECT EXISTS (SELECT 1 FROM clients_connus WHERE client_id = :clientId)
         OR EXISTS (SELECT 1 FROM panier_lignes WHERE client_id = :clientId) AS known`,
    { clientId },
  );
  return rows[0]?.known === true;
}

export async function rememberClient(db: Db, clientId: number): Promise<void> {
  await db.raw('INSERT INTO clients_connus (client_id) VALUES (:clientId) ON CONFLICT DO NOTHING', {
    clientId,
  });
}
