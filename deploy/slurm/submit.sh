#!/bin/bash
# Submit a ripple sweep as an N-task Slurm job array plus a merge job that
# runs only when every task succeeded (--dependency=afterok).
#
#   deploy/slurm/submit.sh SCENARIO RESULTS N [extra sbatch options...]
#
# Prints the two job ids. RESULTS must be on a file system every node sees.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 SCENARIO RESULTS N [sbatch options...]" >&2
  exit 2
fi
scenario=$1 results=$2 n=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
case $n in '' | *[!0-9]* | 0) echo "N must be a positive number of tasks, got '$n'" >&2; exit 2 ;; esac
mkdir -p "$results"
array=$(sbatch --parsable "$@" --array="1-$n" --output="$results/slurm-%A_%a.out" \
  "$here/sweep-array.sbatch" "$scenario" "$results" "$n")
array=${array%%;*}
merge=$(sbatch --parsable "$@" --dependency="afterok:$array" --output="$results/slurm-merge-%j.out" \
  "$here/merge.sbatch" "$results" "$n")
echo "array $array merge ${merge%%;*}"
