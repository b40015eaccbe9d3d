#!/bin/bash
# Runs a ripple sweep on Kubernetes: the shared volume, the scenario as a
# ConfigMap, the Indexed Job of shards, then (only when every index
# succeeded) the merge Job.
#
#   deploy/k8s/run.sh SCENARIO [TIMEOUT]     (TIMEOUT default 24h)
#
# The image ripple:latest must be reachable by the cluster (deploy/k8s/Dockerfile).
# To change the number of shards, edit completions, parallelism and both
# SHARDS values together.
set -euo pipefail
if [ $# -lt 1 ]; then echo "usage: $0 SCENARIO [TIMEOUT]" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
kubectl apply -f "$here/volume.yaml"
kubectl create configmap ripple-scenario --from-file=scenario.yaml="$1" --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f "$here/sweep-job.yaml"
kubectl wait --for=condition=complete job/ripple-sweep --timeout="${2:-24h}"
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/ripple-merge --timeout=1h
