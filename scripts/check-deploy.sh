#!/usr/bin/env bash
# Checks the deployment files without a Docker engine:
#   compose file, Prometheus config and alerts (+ their unit tests), KrakenD routes against the
#   real Express routers, and every dashboard expression against a real Prometheus.
# Needs: apt-get install -y docker-compose prometheus nginx   (docker-compose, promtool, prometheus, nginx)
#
#   scripts/check-deploy.sh          # the checks below, then the mocha suite test/deploy
#   scripts/check-deploy.sh --quick  # static checks only (no PostgreSQL, no Prometheus run)
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "missing $1: apt-get install -y $2" >&2
    exit 1
  }
}
need docker-compose docker-compose
need promtool prometheus
need prometheus prometheus
need nginx nginx

step() { printf '\n== %s\n' "$*"; }

step 'docker-compose config -q'
# The file requires its secrets from the environment: any values do for a syntax check.
(
  export SERVICE_TOKEN=$(printf 'x%.0s' {1..32}) POSTGRES_PASSWORD=check GRAFANA_ADMIN_PASSWORD=check \
    OPERATOR_PASSWORD=check-operator AUTH_KEY_ENCRYPTION_KEY=$(printf '0%.0s' {1..64})
  for db in ORCHESTRATEUR PRODUITS MAGASIN STOCK CLIENT PANIER VENTES AUTH; do
    export "${db}_DB_PASSWORD=check-${db}"
  done
  docker-compose config -q
)

step 'JSON files parse'
for f in deploy/krakend/krakend.json deploy/grafana/dashboards/*.json; do
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$f" && echo "ok $f"
done

step 'promtool check config / rules / test rules'
promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/alerts.yml
promtool test rules test/deploy/support/alerts.rules-test.yml

if [[ "${1:-}" == '--quick' ]]; then
  exit 0
fi

step 'mocha test/deploy (routes against the routers, dashboard against Prometheus)'
npx mocha --config test/deploy/support/mocharc.json
