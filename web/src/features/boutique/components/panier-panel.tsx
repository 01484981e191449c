import type { ReactNode } from 'react';
import { Facts } from '../../../components/facts.js';
import { Panel } from '../../../components/panel.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import type { Client, Panier } from '../../../lib/api-types.js';
import { cx } from '../../../lib/cx.js';
import { formatCents } from '../../../lib/format.js';
import u from '../../../styles/utilities.module.css';
import type { StockByProduit } from '../hooks/use-boutique.js';
import type { PanierActions } from '../hooks/use-panier.js';
import { LignePanier } from './ligne-panier.js';
import styles from './panier-panel.module.css';

function Totaux({ panier, client }: { panier: Panier; client: Client | undefined }) {
  const items = [
    {
      label: 'Total',
      value: formatCents(panier.total_cents),
      className: cx(u.num, styles.total),
    },
    {
      label: 'Votre solde',
      value: client ? formatCents(client.solde_cents) : '…',
      className: u.num,
    },
  ];
  return <Facts className={styles.totaux} items={items} />;
}

/** The cart: its lines, total and the client's balance; the checkout part goes under them. */
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
  children: ReactNode;
}) {
  const { query } = actions;
  const panier = query.data;
  const manque = panier && client ? panier.total_cents - client.solde_cents : 0;
  return (
    <Panel className={styles.panier} aria-labelledby="panier-title">
      <h2 id="panier-title">Votre panier</h2>
      {actions.error !== undefined && <ErrorMessage error={actions.error} />}
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {!panier && query.error === undefined && <Loading label="Chargement du panier…" />}
      {panier && panier.lignes.length === 0 && (
        <p className={u.empty}>Votre panier est vide. Ajoutez des produits depuis le catalogue.</p>
      )}
      {panier && panier.lignes.length > 0 && (
        <ul className={styles.lignes}>
          {panier.lignes.map((l) => (
            <LignePanier
              key={l.produit_id}
              nom={noms.get(l.produit_id) ?? `Produit n° ${l.produit_id}`}
              ligne={l}
              disponible={stock?.get(l.produit_id) ?? (stock ? 0 : undefined)}
              actions={actions}
            />
          ))}
        </ul>
      )}
      {panier && <Totaux panier={panier} client={client} />}
      {manque > 0 && (
        <p className={styles.warning}>
          Il vous manque {formatCents(manque)} pour régler ce panier.
        </p>
      )}
      {children}
    </Panel>
  );
}
