#!/bin/sh
# The service's own database role, created once by the PostgreSQL image when it first makes
# its data directory (mounted in /docker-entrypoint-initdb.d, run with the superuser):
#
#   - a login role named after the database (POSTGRES_DB: produits, stock, auth...), with
#     the password SERVICE_DB_PASSWORD, neither superuser nor able to create roles or databases;
#   - it owns that database (so its migrations create and change the tables) and may connect
#     to no other: CONNECT is taken from PUBLIC on every other database of the server.
#
# The superuser's password (POSTGRES_PASSWORD) stays in the database container; no service
# gets it. To add the role to a volume created before this script existed, run it by hand:
#   docker compose exec <name>-db sh /docker-entrypoint-initdb.d/10-service-role.sh
# (then, in psql as that volume's superuser, REASSIGN OWNED BY saga TO <name>).
set -eu
: "${POSTGRES_DB:?POSTGRES_DB names the database and its role}"
: "${SERVICE_DB_PASSWORD:?SERVICE_DB_PASSWORD is the service role's password}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet \
  --username "${POSTGRES_USER:-postgres}" --dbname "$POSTGRES_DB" \
  --set=role="$POSTGRES_DB" --set=password="$SERVICE_DB_PASSWORD" --set=db="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
ALTER DATABASE :"db" OWNER TO :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SELECT format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', datname)
  FROM pg_database WHERE datname <> :'db' AND datallowconn
\gexec
SQL
