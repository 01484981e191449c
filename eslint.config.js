import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of the orchestrator, and who may import whom: exactly the map of
 * docs/architecture.md. Each zone forbids `target` to import `from`.
 */
const orch = './src/orchestrateur';
const root = [
  `${orch}/app.ts`,
  `${orch}/app-checkout.ts`,
  `${orch}/app-inscription.ts`,
  `${orch}/config.ts`,
  `${orch}/main.ts`,
];
const layerZones = [
  // src/lib is shared by every process: it imports none of them.
  {
    target: './src/lib',
    from: ['./src/orchestrateur', './src/services', './src/saga', './src/system'],
  },
  // The generic engine imports nothing of the product: only src/lib and itself.
  { target: './src/saga', from: './src', except: ['./saga', './lib'] },
  // The checkout domain: the engine, src/lib and itself, nothing of the layers around it.
  {
    target: `${orch}/checkout`,
    from: orch,
    except: ['./checkout'],
    message: 'the checkout domain imports neither application, data, clients nor routes',
  },
  // The sign-up domain: the same rule, and the two sagas never import each other.
  {
    target: `${orch}/inscription`,
    from: orch,
    except: ['./inscription'],
    message: 'the sign-up domain imports neither application, data, clients nor routes',
  },
  // Data access and clients serve the domain; neither calls the other nor anything above.
  {
    target: `${orch}/data`,
    from: [`${orch}/application`, `${orch}/routes`, `${orch}/clients`, ...root],
    message: 'data imports only the checkout domain, the engine and src/lib',
  },
  {
    target: `${orch}/clients`,
    from: [`${orch}/application`, `${orch}/routes`, `${orch}/data`, ...root],
    message: 'clients import only the checkout domain, the engine and src/lib',
  },
  // Use cases call the domain, the engine and data; clients reach them through the domain's port.
  {
    target: `${orch}/application`,
    from: [`${orch}/routes`, `${orch}/clients`, ...root],
    message: 'the application layer never imports routes or clients (app.ts wires them)',
  },
  // Routes translate HTTP to use cases; they read the domain's types, never data or clients.
  {
    target: `${orch}/routes`,
    from: [`${orch}/data`, `${orch}/clients`, `${orch}/metrics.ts`, './src/saga', ...root],
    message: 'routes import the application layer and the domain only',
  },
  // Services and orchestrator share src/lib only; seeds are data, loaded by src/system.
  { target: './src/services', from: ['./src/orchestrateur', './src/saga', './src/system'] },
  { target: './src/orchestrateur', from: ['./src/services', './src/system'] },
  {
    target: './seeds',
    from: './src',
    message: 'seeds are data: they get what they need passed in',
  },
  {
    target: ['./src/orchestrateur', './src/services', './src/saga', './src/lib', './src/main.ts'],
    from: './seeds',
    message: 'only src/system loads the demo data',
  },
];

/** The web front: features never import each other; shared code imports no feature. */
const webFeatures = [
  'boutique',
  'commande',
  'connexion',
  'console',
  'inscription',
  'pannes',
  'tableau-de-bord',
];
const webZones = [
  ...webFeatures.map((f) => ({
    target: `./web/src/features/${f}`,
    from: './web/src/features',
    except: [`./${f}`],
    message: 'features never import each other: share through web/src/components or web/src/lib',
  })),
  {
    target: ['./web/src/components', './web/src/lib'],
    from: ['./web/src/features', './web/src/app'],
  },
  // Of the server code, the front reads only pure data: the saga table, the engine's
  // definitions read off it, and the participant calls.
  {
    target: './web/src',
    from: './src',
    except: [
      './orchestrateur/checkout/transitions.ts',
      './orchestrateur/inscription/transitions.ts',
      './saga/definition.ts',
      './lib/participant-calls.ts',
      './lib/inscription-calls.ts',
      './lib/password-policy.ts',
    ],
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', '**/node_modules/', 'dist/', '**/dist/', '.data/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // ESM TypeScript imports name the emitted `.js`; the source is the `.ts` beside it.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: webZones }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
