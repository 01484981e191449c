/**
 * What the plain `npx knex <command> --env <service>` loads: the knex CLI looks for
 * knexfile.js before knexfile.ts, and on bare Node it can load neither knexfile.ts nor the
 * `.js` paths that file imports (./seeds/demo-seed.js is seeds/demo-seed.ts). This file, plain
 * JavaScript, registers tsx's loader for the rest of the process, so that knexfile.ts, and the
 * migrations and seeds it imports, load as under `npm run knex` (node --import tsx; there tsx
 * is registered a second time, which changes nothing), then hands the CLI knexfile.ts's
 * configuration as it is.
 */
import { register } from 'tsx/esm/api';

register();
const { default: config } = await import('./knexfile.ts');

export default config;
