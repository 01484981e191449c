import type { ReactNode } from 'react';
import { CataloguePage } from '../features/catalogue/components/catalogue-page.js';
import { ProduitPage } from '../features/catalogue/components/produit-page.js';
import { MagasinPage } from '../features/magasins/components/magasin-page.js';
import { MagasinsPage } from '../features/magasins/components/magasins-page.js';
import { LignePage } from '../features/stocks/components/ligne-page.js';
import { StocksPage } from '../features/stocks/components/stocks-page.js';
import { paths } from '../lib/paths.js';
import type { RouteDef } from './routes.js';
import { NotFoundPage } from './simple-pages.js';

/** A path's id, when it is one the services could hold (else the page is not found). */
const idOf = (value: string | undefined): number | null =>
  value !== undefined && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2147483647
    ? Number(value)
    : null;

/** Renders the page for the ids of the path, or "not found" when one is not an id. */
const withIds =
  (names: readonly string[], page: (ids: number[]) => ReactNode) =>
  (params: Record<string, string>): ReactNode => {
    const ids = names.map((n) => idOf(params[n]));
    if (ids.some((id) => id === null)) return <NotFoundPage home={paths.tableauDeBord} />;
    return page(ids as number[]);
  };

/** The employees' pages (operator role): catalogue, magasins, stocks. */
export const EMPLOYEE_ROUTES: readonly RouteDef[] = [
  {
    pattern: paths.catalogue,
    title: 'Catalogue',
    role: 'operateur',
    render: () => <CataloguePage />,
  },
  {
    pattern: '/catalogue/:id',
    title: 'Produit',
    role: 'operateur',
    render: withIds(['id'], ([id = 0]) => <ProduitPage key={id} id={id} />),
  },
  { pattern: paths.magasins, title: 'Magasins', role: 'operateur', render: () => <MagasinsPage /> },
  {
    pattern: '/magasins/:id',
    title: 'Magasin',
    role: 'operateur',
    render: withIds(['id'], ([id = 0]) => <MagasinPage key={id} id={id} />),
  },
  {
    pattern: paths.stocks,
    title: 'Stocks',
    role: 'operateur',
    render: () => <StocksPage magasinId={null} />,
  },
  {
    pattern: '/stocks/:magasin',
    title: 'Stocks',
    role: 'operateur',
    render: withIds(['magasin'], ([m = 0]) => <StocksPage key={m} magasinId={m} />),
  },
  {
    pattern: '/stocks/:magasin/produits/:produit',
    title: 'Ligne de stock',
    role: 'operateur',
    render: withIds(['magasin', 'produit'], ([m = 0, p = 0]) => (
      <LignePage key={`${m}-${p}`} magasinId={m} produitId={p} />
    )),
  },
];
