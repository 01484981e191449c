import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { apiProxy } from './dev/api-proxy.js';

// Tooling config: this file is the one place the dev/preview server reads its environment.
const env = process.env;
const proxy = apiProxy(env);
const host = env.DEV_HOST ?? '127.0.0.1';

export default defineConfig({
  plugins: [react()],
  server: { host, port: Number(env.DEV_PORT ?? 5173), strictPort: true, proxy },
  preview: { host, port: Number(env.DEV_PORT ?? 4173), strictPort: true, proxy },
  build: {
    // Under the root dist/, which git, ESLint and Prettier already ignore.
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
  },
});
