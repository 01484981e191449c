import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The layers of the orchestrator, and who may import whom (docs/architecture.md). */
const orch = './src/orchestrateur';
const layerZones = [
  // The generic engine imports nothing of the product: only src/lib and itself.
  { target: './src/saga', from: './src', except: ['./saga', './lib'] },
  // The checkout domain imports neither the layers that use it nor those that serve it.
  {
    target: `${orch}/checkout`,
    from: orch,
    except: ['./checkout'],
    message: 'the checkout domain imports neither application, data, clients nor routes',
  },
  { target: [`${orch}/data`, `${orch}/clients`], from: [`${orch}/application`, `${orch}/routes`] },
  { target: `${orch}/application`, from: `${orch}/routes` },
  // Services and orchestrator share src/lib only.
  { target: './src/services', from: ['./src/orchestrateur', './src/saga'] },
  { target: './src/orchestrateur', from: './src/services' },
];

/** The web front: features never import each other; shared code imports no feature. */
const webFeatures = ['boutique', 'commande', 'connexion', 'console', 'pannes', 'tableau-de-bord'];
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
      './saga/definition.ts',
      './lib/participant-calls.ts',
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
