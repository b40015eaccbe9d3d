#!/bin/bash
# Runs a ripple sweep on a real one-node Slurm cluster on this machine and
# checks that the merged result is byte-identical to one unsharded sweep.
#
#   deploy/slurm/test-local.sh [SCENARIO]
#
# Installs slurm-wlm and munge with apt-get when they are missing (as root);
# exits 77 with a message, skipping, only when they cannot be installed
# (or when not run as root, which the daemons here need).
# Starts its own munged, slurmctld and slurmd on loopback (127.0.0.1, two
# adjacent free ports from 16817 up, so that runs from several checkouts at
# once do not collide) with every file in a temporary folder, and stops them by
# process id on any exit. Submits a 4-task array and a dependent merge
# (submit.sh), waits at most TIMEOUT seconds (default 300), compares every
# file but manifest.json with a single-process sweep, then resubmits task 2
# alone (a retry) and checks the merge is still the same bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scenario=${1:-$here/testdata/small.yaml}
scenario=$(cd "$(dirname "$scenario")" && pwd)/$(basename "$scenario")
timeout=${TIMEOUT:-300}
n=4

need() { command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; }
if ! need; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing slurm-wlm and munge"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge) >/dev/null 2>&1 || true
  fi
  if ! need; then
    echo "SKIP: slurm-wlm and munge are not installed and cannot be installed here (needs root and apt-get)"
    exit 77
  fi
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the one-node cluster runs its daemons as root (SlurmUser=root); run as root"
  exit 77
fi

tmp=$(mktemp -d /tmp/ripple-slurm.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ $rc -ne 0 ]; then
    for f in "$tmp"/*.log "$tmp"/results/slurm-*.out; do
      [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }
    done
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building ripple"
(cd "$root" && go build -o "$tmp/ripple" ./cmd/ripple)
export RIPPLE=$tmp/ripple

# munge with its own key and socket, so a munged already running is left alone.
head -c 1024 /dev/urandom >"$tmp/munge.key"
chmod 600 "$tmp/munge.key"
munged -F --force -S "$tmp/munge.sock" --key-file="$tmp/munge.key" --pid-file="$tmp/munged.pid" \
  --log-file="$tmp/munged.log" --seed-file="$tmp/munge.seed" &
pids+=($!)

# Two adjacent ports nothing listens on: another cluster of this script
# (a parallel test run) holds its own pair.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=$((16817 + 2 * ($$ % 500)))
for _ in $(seq 500); do
  listening "$port" || listening $((port + 1)) || break
  port=$((port + 2 > 17816 ? 16817 : port + 2))
done

mkdir -p "$tmp/spool" "$tmp/state"
cat >"$tmp/slurm.conf" <<CONF
ClusterName=ripple-test
SlurmctldHost=$(hostname -s)(127.0.0.1)
MailProg=/bin/true
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$tmp/munge.sock
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
NodeName=ripplenode NodeAddr=127.0.0.1 NodeHostname=$(hostname -s) CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ripplenode Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf

for _ in $(seq 50); do [ -S "$tmp/munge.sock" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" &
pids+=($!)
slurmd -D -N ripplenode -f "$SLURM_CONF" &
pids+=($!)

deadline=$((SECONDS + timeout))
alive() { for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "FAIL: a Slurm or munge daemon (pid $p) exited"; exit 1; }; done; }
until sinfo -h -o '%T' 2>/dev/null | grep -qx idle; do
  alive
  [ $SECONDS -lt $deadline ] || { echo "FAIL: the Slurm node did not come up in ${timeout}s"; sinfo || true; exit 1; }
  sleep 1
done
echo "slurm is up: $(sinfo -h -o '%N %T %c CPUs')"

wait_jobs() { # wait until the given jobs have left the queue
  while [ -n "$(squeue -h -j "$1" -o '%i' 2>/dev/null)" ]; do
    alive
    [ $SECONDS -lt $deadline ] || { echo "FAIL: jobs $1 still queued after ${timeout}s"; squeue || true; exit 1; }
    sleep 1
  done
}

results=$tmp/results
read -r _ array _ merge < <("$here/submit.sh" "$scenario" "$results" $n --partition=test)
echo "submitted array $array and merge $merge (afterok)"
wait_jobs "$array,$merge"
[ -f "$results/merged/report.html" ] || { echo "FAIL: the merge job wrote no merged/report.html"; exit 1; }

echo "single-process sweep"
"$RIPPLE" sweep "$scenario" --out "$tmp/single" --quiet >/dev/null
nodate() { LC_ALL=C sed -E 's#/(CreationDate|ModDate) \(D:[0-9]{14}\)#/\1 (D:00000000000000)#g'; }
compare() {
  local n=0
  for f in "$tmp/single"/*; do
    name=$(basename "$f")
    [ "$name" = manifest.json ] && continue
    if [[ $name == *.pdf ]]; then
      # ripple's PDF figures carry the wall-clock /CreationDate and /ModDate
      # (gonum's vgpdf sets them); everything else in them must match.
      cmp <(nodate <"$f") <(nodate <"$results/merged/$name") ||
        { echo "FAIL: merged/$name differs from the single-process sweep's (dates aside)"; exit 1; }
    else
      cmp "$f" "$results/merged/$name" || { echo "FAIL: merged/$name differs from the single-process sweep's"; exit 1; }
    fi
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || { echo "FAIL: nothing to compare"; exit 1; }
  echo "merged == single-process sweep: $n files byte-identical ($1)"
}
compare "$n tasks"

# A retry: task 2 runs again on its own (as a requeue would), then the merge.
retry=$(sbatch --parsable --partition=test --array=2 --output="$results/slurm-retry-%A_%a.out" \
  "$here/sweep-array.sbatch" "$scenario" "$results" $n)
retry=${retry%%;*}
remerge=$(sbatch --parsable --partition=test --dependency="afterok:$retry" --output="$results/slurm-remerge-%j.out" \
  "$here/merge.sbatch" "$results" $n)
remerge=${remerge%%;*}
wait_jobs "$retry,$remerge"
[ -f "$results/merged/report.html" ] || { echo "FAIL: the merge after the retry wrote nothing"; exit 1; }
compare "after task 2 ran twice"
echo "PASS: slurm array of $n tasks + dependent merge"
