import type { Client, Panier } from '../../../lib/api-types.js';
import { Facts } from '../../../components/facts.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import { formatCents } from '../../../lib/format.js';
import type { PanierActions } from '../hooks/use-panier.js';
import type { StockByProduit } from './catalogue.js';

function Ligne({
  nom,
  ligne,
  disponible,
  actions,
}: {
  nom: string;
  ligne: Panier['lignes'][number];
  disponible: number | undefined;
  actions: PanierActions;
}) {
  const { produit_id: id, quantite } = ligne;
  const manque = disponible !== undefined && quantite > disponible;
  return (
    <li className="ligne">
      <div className="ligne-nom">
        <span>{nom}</span>
        <span className="muted">{formatCents(ligne.prix_unitaire_cents)} l’unité</span>
        {manque && (
          <span className="warning-text">
            {disponible === 0
              ? 'En rupture dans ce magasin'
              : `Seulement ${disponible} en stock dans ce magasin`}
          </span>
        )}
      </div>
      <div className="stepper" role="group" aria-label={`Quantité de ${nom}`}>
        <button
          type="button"
          className="button button-icon"
          aria-label={`Retirer un ${nom}`}
          disabled={actions.busy}
          onClick={() => void actions.changer(id, quantite - 1)}
        >
          −
        </button>
        <output aria-live="polite" aria-label={`Quantité de ${nom}`}>
          {quantite}
        </output>
        <button
          type="button"
          className="button button-icon"
          aria-label={`Ajouter un ${nom}`}
          disabled={actions.busy}
          onClick={() => void actions.changer(id, quantite + 1)}
        >
          +
        </button>
      </div>
      <span className="ligne-total num">{formatCents(quantite * ligne.prix_unitaire_cents)}</span>
      <button
        type="button"
        className="button button-link"
        disabled={actions.busy}
        aria-label={`Supprimer ${nom} du panier`}
        onClick={() => void actions.retirer(id)}
      >
        Supprimer
      </button>
    </li>
  );
}

export function PanierPanel({
  actions,
  client,
  noms,
  stock,
  children,
}: {
  actions: PanierActions;
  client: Client | undefined;
  noms: ReadonlyMap<number, string>;
  stock: StockByProduit | undefined;
  /** The checkout part, under the totals. */
  children: React.ReactNode;
}) {
  const { query } = actions;
  const panier = query.data;
  const manque = panier && client ? panier.total_cents - client.solde_cents : 0;
  return (
    <section className="panel panier" aria-labelledby="panier-title">
      <h2 id="panier-title">Votre panier</h2>
      {actions.error !== undefined && <ErrorMessage error={actions.error} />}
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {!panier && query.error === undefined && <Loading label="Chargement du panier…" />}
      {panier && panier.lignes.length === 0 && (
        <p className="empty">Votre panier est vide. Ajoutez des produits depuis le catalogue.</p>
      )}
      {panier && panier.lignes.length > 0 && (
        <ul className="lignes">
          {panier.lignes.map((l) => (
            <Ligne
              key={l.produit_id}
              nom={noms.get(l.produit_id) ?? `Produit n° ${l.produit_id}`}
              ligne={l}
              disponible={stock?.get(l.produit_id) ?? (stock ? 0 : undefined)}
              actions={actions}
            />
          ))}
        </ul>
      )}
      {panier && (
        <Facts
          className="totaux"
          items={[
            { label: 'Total', value: formatCents(panier.total_cents), className: 'num total' },
            {
              label: 'Votre solde',
              value: client ? formatCents(client.solde_cents) : '…',
              className: 'num',
            },
          ]}
        />
      )}
      {manque > 0 && (
        <p className="warning-text">Il vous manque {formatCents(manque)} pour régler ce panier.</p>
      )}
      {children}
    </section>
  );
}
