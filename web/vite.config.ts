import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { apiProxy } from './dev/api-proxy.js';
import { mockAuth } from './dev/mock-auth.js';

// Tooling config: this file is the one place the dev/preview server reads its environment.
const env = process.env;
const proxy = apiProxy(env);

export default defineConfig({
  plugins: [
    react(),
    ...(env.AUTH_MOCK === 'true' ? [mockAuth(Number(env.AUTH_MOCK_TTL_S ?? 900))] : []),
  ],
  server: {
    host: env.WEB_HOST ?? '127.0.0.1',
    port: Number(env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy,
  },
  preview: {
    host: env.WEB_HOST ?? '127.0.0.1',
    port: Number(env.WEB_PORT ?? 4173),
    strictPort: true,
    proxy,
  },
  build: {
    // Under the root dist/, which git, ESLint and Prettier already ignore.
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
  },
});
