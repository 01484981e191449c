import type { Db } from '../../lib/db.js';
import { selectOne } from '../../lib/sql.js';

/** Which ventes the report covers; `du`/`au` are UTC calendar days (YYYY-MM-DD), both included. */
export interface RapportFiltre {
  magasin_id: number | null;
  du: string | null;
  au: string | null;
}

export interface MeilleurProduit {
  produit_id: number;
  quantite: number;
  total_cents: number;
}

export interface VentesMagasin {
  magasin_id: number;
  nombre_ventes: number;
  total_cents: number;
}

export interface VentesJour {
  jour: string;
  nombre_ventes: number;
  total_cents: number;
}

export interface RapportTotaux {
  total_cents: number;
  nombre_ventes: number;
  articles_vendus: number;
  meilleurs_produits: MeilleurProduit[];
  par_magasin: VentesMagasin[];
  par_jour: VentesJour[];
}

// One statement, so every figure comes from the same snapshot. The day bounds are turned
// into instants at UTC midnight, so the index on (magasin_id, created_at) can serve the
// range; `au` is included up to the next midnight. Sums of bigint are numeric in
// PostgreSQL: cast back, the driver reads bigint as a number.
const RAPPORT_SQL = `
WITH v AS (
  SELECT id, magasin_id, total_cents, created_at
    FROM ventes
   WHERE (CAST(:magasinId AS integer) IS NULL OR magasin_id = :magasinId)
     AND (CAST(:du AS date) IS NULL
          OR created_at >= CAST(CAST(:du AS date) AS timestamp) AT TIME ZONE 'UTC')
     AND (CAST(:au AS date) IS NULL
          OR created_at < CAST(CAST(:au AS date) + 1 AS timestamp) AT TIME ZONE 'UTC')
),
produits AS (
  SELECT l.produit_id,
         SUM(l.quantite) AS quantite,
         CAST(SUM(CAST(l.quantite AS bigint) * l.prix_unitaire_cents) AS bigint) AS total_cents
    FROM vente_lignes l JOIN v ON v.id = l.vente_id
   GROUP BY l.produit_id
)
SELECT
  (SELECT CAST(COALESCE(SUM(total_cents), 0) AS bigint) FROM v) AS total_cents,
  (SELECT COUNT(*) FROM v) AS nombre_ventes,
  (SELECT CAST(COALESCE(SUM(quantite), 0) AS bigint) FROM produits) AS articles_vendus,
  (SELECT COALESCE(json_agg(p ORDER BY p.quantite DESC, p.total_cents DESC, p.produit_id),
                   CAST('[]' AS json))
     FROM (SELECT produit_id, quantite, total_cents FROM produits
            ORDER BY quantite DESC, total_cents DESC, produit_id LIMIT :top) p
  ) AS meilleurs_produits,
  (SELECT COALESCE(json_agg(m ORDER BY m.magasin_id), CAST('[]' AS json))
     FROM (SELECT magasin_id, COUNT(*) AS nombre_ventes,
                  CAST(SUM(total_cents) AS bigint) AS total_cents
             FROM v GROUP BY magasin_id) m
  ) AS par_magasin,
  (SELECT COALESCE(json_agg(j ORDER BY j.jour), CAST('[]' AS json))
     FROM (SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS jour,
                  COUNT(*) AS nombre_ventes, CAST(SUM(total_cents) AS bigint) AS total_cents
             FROM v GROUP BY 1) j
  ) AS par_jour`;

/** Totals of the ventes that match, their best-selling produits (top N by quantity), per magasin and per UTC day. */
export function rapportTotaux(db: Db, filtre: RapportFiltre, top: number): Promise<RapportTotaux> {
  return selectOne(db, RAPPORT_SQL, {
    magasinId: filtre.magasin_id,
    du: filtre.du,
    au: filtre.au,
    top,
  });
}
