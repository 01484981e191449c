/**
 * One entry point for every process of the system: `tsx src/main.ts <name>`.
 * The Docker image runs the same file with the service name as its command.
 */
const entries: Record<string, () => Promise<{ main(): Promise<void> }>> = {
  all: () => import('./system/start-all.js'),
  migrate: () => import('./system/migrate-all.js'),
  seed: () => import('./system/seed-all.js'),
  services: () => import('./system/services-host.js'),
  orchestrateur: () => import('./orchestrateur/main.js'),
  produits: () => import('./services/produits/main.js'),
  magasin: () => import('./services/magasin/main.js'),
  stock: () => import('./services/stock/main.js'),
  client: () => import('./services/client/main.js'),
  panier: () => import('./services/panier/main.js'),
  ventes: () => import('./services/ventes/main.js'),
  auth: () => import('./services/auth/main.js'),
};

const name = process.argv[2] ?? '';
const load = entries[name];
if (!load) {
  process.stderr.write(`Usage: main <${Object.keys(entries).join('|')}>\n`);
  process.exit(2);
}
load()
  .then((mod) => mod.main())
  .catch(async (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    // In a container, a service that cannot start keeps saying why on its port (startup.ts).
    const { holdFailedStart } = await import('./lib/startup.js');
    if (!(await holdFailedStart(name, err))) process.exit(1);
  });
