#!/usr/bin/env bash
# Temporal's two databases on PostgreSQL, created and brought up to the server's schema with the SQL
# tool of its build — the steps Temporal documents for a server on SQL. Each step is safe to repeat:
# an existing database is kept, setup-schema leaves a newer version alone, update-schema applies only
# the versions a database lacks. The local production shape and the deployments both run this file.
# Settings, all from the environment (the names the tool and the server's config template read):
#   SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD   Temporal's login (it needs CREATEDB)
#   DBNAME, VISIBILITY_DBNAME                    the two databases (temporal, temporal_visibility)
#   TEMPORAL_SERVER_DIR                          the build: bin/sql and schema/postgresql/v12/
set -euo pipefail
dir="${TEMPORAL_SERVER_DIR:?set TEMPORAL_SERVER_DIR to the Temporal server build}"
export SQL_PLUGIN=postgres12
for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  database="${pair%%:*}"
  schema="${pair##*:}"
  "$dir/bin/sql" --db "$database" create-database
  "$dir/bin/sql" --db "$database" setup-schema -v 0.0
  "$dir/bin/sql" --db "$database" update-schema -d "$dir/schema/postgresql/v12/$schema/versioned"
done
