import { startClient } from '../../../src/services/client/app.js';
import { loadClientConfig } from '../../../src/services/client/config.js';
import { startMagasin } from '../../../src/services/magasin/app.js';
import { loadMagasinConfig } from '../../../src/services/magasin/config.js';
import { startPanier } from '../../../src/services/panier/app.js';
import { loadPanierConfig } from '../../../src/services/panier/config.js';
import { startProduits } from '../../../src/services/produits/app.js';
import { loadProduitsConfig } from '../../../src/services/produits/config.js';
import { startStock } from '../../../src/services/stock/app.js';
import { loadStockConfig } from '../../../src/services/stock/config.js';
import { startVentes } from '../../../src/services/ventes/app.js';
import { loadVentesConfig } from '../../../src/services/ventes/config.js';
import { type TestServices, testEnv } from './services.js';

/**
 * The six services with `extra` in every one's environment (e.g. DEMO_FAULTS=true), identity
 * off unless `extra` turns it on.
 */
export async function startServicesWith(extra: Record<string, string>): Promise<TestServices> {
  const env = async (name: string, more: Record<string, string> = {}) =>
    testEnv(name, { AUTH_REQUIRED: 'false', ...extra, ...more });
  const [produits, magasin, stock, client, ventes] = await Promise.all([
    env('produits').then((e) => startProduits(loadProduitsConfig(e))),
    env('magasin').then((e) => startMagasin(loadMagasinConfig(e))),
    env('stock').then((e) => startStock(loadStockConfig(e))),
    env('client').then((e) => startClient(loadClientConfig(e))),
    env('ventes').then((e) => startVentes(loadVentesConfig(e))),
  ]);
  const urls = { PRODUITS_URL: produits.url, CLIENT_URL: client.url };
  const panier = await startPanier(loadPanierConfig(await env('panier', urls)));
  const services = { produits, magasin, stock, client, panier, ventes };
  const close = async (): Promise<void> => {
    await Promise.all(Object.values(services).map((s) => s.close()));
  };
  return { ...services, close };
}
