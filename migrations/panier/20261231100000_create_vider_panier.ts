import type { Knex } from 'knex';

/**
 * vider_panier(commande, client, lignes): the whole of a vider in one round trip. It claims
 * the commande and locks the cart's lines it will change (in produit order, as every
 * transaction locks them), then, in a statement of its own, takes the quantities out. A
 * VOLATILE function gives each of its statements a fresh snapshot, so the second one sees
 * every line as it is once the locks are granted, which one statement could not (its
 * snapshot predates the locks, and a line edited meanwhile would be judged on its old
 * quantity). The call's implicit transaction holds both: a crash leaves neither.
 *
 * Returns whether this call made the claim and, either way, the client whose cart that
 * commande emptied (for a repeat to be checked against).
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE FUNCTION vider_panier(p_commande uuid, p_client integer, p_lignes jsonb)
      RETURNS TABLE (claimed boolean, vidage_client integer)
      LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      won integer;
      held integer;
    BEGIN
      WITH claim AS (
        INSERT INTO vidages (commande_id, client_id, lignes)
        VALUES (p_commande, p_client, p_lignes)
        ON CONFLICT (commande_id) DO NOTHING
        RETURNING 1
      ), locked AS (
        SELECT p.produit_id FROM panier_lignes p
          JOIN jsonb_to_recordset(p_lignes) AS l(produit_id integer, quantite integer)
            USING (produit_id)
         WHERE p.client_id = p_client AND EXISTS (SELECT 1 FROM claim)
         ORDER BY p.produit_id FOR UPDATE OF p
      )
      SELECT (SELECT count(*) FROM claim), (SELECT count(*) FROM locked) INTO won, held;
      IF won = 0 THEN
        RETURN QUERY SELECT false, v.client_id FROM vidages v WHERE v.commande_id = p_commande;
        RETURN;
      END IF;
      WITH l AS (
        SELECT * FROM jsonb_to_recordset(p_lignes) AS l(produit_id integer, quantite integer)
      ), gone AS (
        DELETE FROM panier_lignes p USING l
         WHERE p.client_id = p_client AND p.produit_id = l.produit_id
           AND p.quantite <= l.quantite
      )
      UPDATE panier_lignes p SET quantite = p.quantite - l.quantite, updated_at = now()
        FROM l
       WHERE p.client_id = p_client AND p.produit_id = l.produit_id
         AND p.quantite > l.quantite;
      RETURN QUERY SELECT true, p_client;
    END
    $$`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP FUNCTION vider_panier(uuid, integer, jsonb)');
}
