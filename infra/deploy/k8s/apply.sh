#!/usr/bin/env bash
# Applies pilot-platform.yaml one step at a time, in the production shape's order, waiting for each:
# config → PostgreSQL logins → Temporal schema → server → namespace → migrations → workers → API → UI.
# Run it again after a change: finished Jobs stay as they are, Deployments roll.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest="$here/pilot-platform.yaml"
apply_step() { kubectl apply -f "$manifest" -l "pilot.step=$1"; }

apply_step config
# The set-up Job runs the very SQL file the local shape and the compose file run.
kubectl create configmap pilot-postgres-setup --from-file="$here/../postgres-setup.sql" \
  --dry-run=client -o yaml | kubectl apply -f -
apply_step setup
kubectl wait --for=condition=complete job/pilot-postgres-setup --timeout=5m
apply_step schema
kubectl wait --for=condition=complete job/temporal-schema --timeout=10m
apply_step server
kubectl rollout status deployment/temporal --timeout=10m
apply_step namespace
kubectl wait --for=condition=complete job/temporal-namespace --timeout=5m
apply_step migrate
kubectl wait --for=condition=complete job/pilot-migrate --timeout=10m
apply_step workers
kubectl rollout status deployment/pilot-worker --timeout=10m
apply_step api
kubectl rollout status deployment/pilot-api --timeout=10m
apply_step admin
kubectl rollout status deployment/pilot-admin --timeout=10m
