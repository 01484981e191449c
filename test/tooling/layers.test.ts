import { expect } from 'chai';
import { ESLint } from 'eslint';

/**
 * The import map of docs/architecture.md, as `npm run lint` enforces it: each forbidden
 * direction fails, each allowed one passes. Runs the project's own ESLint configuration on
 * made-up files placed in each layer (only the import rule; no type information needed).
 */
describe('the layers, as lint enforces them', function () {
  this.timeout(60_000);
  const eslint = new ESLint({
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
  });

  async function problems(file: string, from: string): Promise<string[]> {
    const code = `import * as m from '${from}';\nexport const x = m;\n`;
    const [result] = await eslint.lintText(code, { filePath: file });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
  }

  const FORBIDDEN: [string, string, string][] = [
    ['the engine', 'src/saga/x.ts', '../orchestrateur/checkout/transitions.js'],
    ['src/lib', 'src/lib/x.ts', '../orchestrateur/app.js'],
    ['the domain → data', 'src/orchestrateur/checkout/x.ts', '../data/commandes-repo.js'],
    ['the domain → application', 'src/orchestrateur/checkout/x.ts', '../application/checkout.js'],
    ['data → application', 'src/orchestrateur/data/x.ts', '../application/checkout.js'],
    ['data → clients', 'src/orchestrateur/data/x.ts', '../clients/service-http.js'],
    ['clients → data', 'src/orchestrateur/clients/x.ts', '../data/commandes-repo.js'],
    ['clients → application', 'src/orchestrateur/clients/x.ts', '../application/checkout.js'],
    ['application → routes', 'src/orchestrateur/application/x.ts', '../routes/commande-view.js'],
    ['application → clients', 'src/orchestrateur/application/x.ts', '../clients/participants.js'],
    ['application → app.ts', 'src/orchestrateur/application/x.ts', '../app.js'],
    ['routes → data', 'src/orchestrateur/routes/x.ts', '../data/commandes-repo.js'],
    ['routes → clients', 'src/orchestrateur/routes/x.ts', '../clients/service-http.js'],
    ['routes → the engine', 'src/orchestrateur/routes/x.ts', '../../saga/index.js'],
    ['a service → the orchestrator', 'src/services/stock/x.ts', '../../orchestrateur/app.js'],
    ['the orchestrator → a service', 'src/orchestrateur/x.ts', '../services/stock/app.js'],
    ['seeds → src', 'seeds/x.ts', '../src/lib/db.js'],
    ['the orchestrator → seeds', 'src/orchestrateur/x.ts', '../../seeds/demo-data.js'],
  ];
  for (const [what, file, from] of FORBIDDEN) {
    it(`refuses ${what}`, async () => {
      const found = await problems(file, from);
      expect(found, `${file} importing ${from}`).to.have.length(1);
      expect(found[0]).to.match(/^import-x\/no-restricted-paths: /);
    });
  }

  const ALLOWED: [string, string, string][] = [
    ['application → data', 'src/orchestrateur/application/x.ts', '../data/commandes-repo.js'],
    ['application → the domain', 'src/orchestrateur/application/x.ts', '../checkout/commande.js'],
    ['application → the engine', 'src/orchestrateur/application/x.ts', '../../saga/index.js'],
    ['routes → application', 'src/orchestrateur/routes/x.ts', '../application/checkout.js'],
    ['routes → the domain', 'src/orchestrateur/routes/x.ts', '../checkout/transitions.js'],
    ['data → the domain', 'src/orchestrateur/data/x.ts', '../checkout/commande.js'],
    ['clients → the engine', 'src/orchestrateur/clients/x.ts', '../../saga/index.js'],
    ['the domain → the engine', 'src/orchestrateur/checkout/x.ts', '../../saga/index.js'],
    ['app.ts → every layer', 'src/orchestrateur/app.ts', './clients/service-http.js'],
    ['src/system → seeds', 'src/system/x.ts', '../../seeds/demo-data.js'],
  ];
  for (const [what, file, from] of ALLOWED) {
    it(`allows ${what}`, async () => {
      expect(await problems(file, from), `${file} importing ${from}`).to.deep.equal([]);
    });
  }
});
