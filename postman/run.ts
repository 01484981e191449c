/**
 * Runs the Postman collection with newman against the running system.
 *
 *   npm start                 # in another terminal, then:
 *   npm run postman           # against localhost:8000..8007 (BASE_PORT / <NAME>_PORT move them)
 *   npm run postman -- --boot # boots the whole system itself, runs, stops it
 *
 * Folder "3. Droits" runs only when the system checks identity (probed, not assumed), and
 * "4. Contrat des services" only when the saga's service token is known: the booted system's,
 * or SERVICE_TOKEN as given to `npm start`.
 */
import { fileURLToPath } from 'node:url';
import newman, { type NewmanRunSummary } from 'newman';
import { createLogger } from '../src/lib/logger.js';
import { loadSystemConfig, SYSTEM_SERVICES } from '../src/system/config.js';
import { type RunningSystem, startSystem } from '../src/system/start-all.js';

const collection = fileURLToPath(new URL('./saga.postman_collection.json', import.meta.url));

const FOLDERS = {
  connexion: '0. Connexion',
  parcours: '1. Parcours client',
  echecs: '2. Échecs de la saga',
  droits: '3. Droits',
  contrat: '4. Contrat des services',
  inscription: '5. Inscription',
  employes: '6. Employés',
} as const;

function runCollection(vars: Record<string, string>, folders: string[]): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection,
        folder: folders,
        envVar: Object.entries(vars).map(([key, value]) => ({ key, value })),
        reporters: ['cli'],
        timeoutRequest: 30_000,
      },
      (err, summary) => (err ? reject(err) : resolve(summary)),
    );
  });
}

interface Attempt {
  cursor?: { ref?: string };
  item?: { id?: string };
  response?: { code?: number; headers?: { has(name: string): boolean } };
}

/**
 * Failed assertions, leaving out those of an attempt answered 503 + Retry-After that the
 * collection sent again (its collection-level script honours Retry-After): the attempt that
 * came after it is the one that counts.
 */
function countedFailures(summary: NewmanRunSummary): number {
  const attempts = summary.run.executions as unknown as Attempt[];
  const resent = new Set<string | undefined>();
  attempts.forEach((a, i) => {
    const again = attempts.slice(i + 1).some((b) => b.item?.id === a.item?.id);
    if (a.response?.code === 503 && a.response.headers?.has('Retry-After') && again) {
      resent.add(a.cursor?.ref);
    }
  });
  const failures = summary.run.failures as unknown as Attempt[];
  return failures.filter((f) => f.cursor?.ref === undefined || !resent.has(f.cursor.ref)).length;
}

/** Whether the system checks identity: an operator route asked without a token says so. */
async function identityChecked(clientUrl: string): Promise<boolean> {
  const res = await fetch(`${clientUrl}/api/clients?limit=1`);
  if (res.status !== 401 && res.status !== 200) {
    throw new Error(`${clientUrl}/api/clients answered ${res.status}: is the system running?`);
  }
  return res.status === 401;
}

async function main(): Promise<number> {
  const config = loadSystemConfig();
  const urls = Object.fromEntries(
    SYSTEM_SERVICES.map((s) => [s, `http://127.0.0.1:${config.ports[s]}`]),
  );
  const boot = process.argv.includes('--boot');
  let system: RunningSystem | undefined;
  if (boot) {
    system = await startSystem(config, createLogger('system', 'warn', config.logFormat));
  }
  try {
    const folders: string[] = [
      FOLDERS.connexion,
      FOLDERS.parcours,
      FOLDERS.echecs,
      FOLDERS.inscription,
      FOLDERS.employes,
    ];
    if (await identityChecked(urls.client ?? '')) folders.push(FOLDERS.droits);
    else process.stdout.write(`AUTH_REQUIRED=false: "${FOLDERS.droits}" left out\n`);
    const serviceToken = boot ? config.serviceToken : process.env.SERVICE_TOKEN;
    if (serviceToken) folders.push(FOLDERS.contrat);
    else {
      process.stdout.write(
        `"${FOLDERS.contrat}" left out: give the system's SERVICE_TOKEN (or use --boot)\n`,
      );
    }
    const summary = await runCollection({ ...urls, serviceToken: serviceToken ?? '' }, folders);
    const failures = countedFailures(summary);
    return failures === 0 && summary.error === undefined ? 0 : 1;
  } finally {
    await system?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
