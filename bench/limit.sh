#!/bin/sh
# bench/limit.sh — ripple's Independent Cascade engine against the C reference
# kernel (../shared/bench/ic_limit.c), on the same graph (soc-Epinions1,
# directed) and parameters, single-threaded and with 2 threads/workers:
#   R:   p=0.05, one uniformly random root per trial (ic_limit -R; supercritical)
#   k10: p=0.01, 10 fixed random seeds (ic_limit -k 10; subcritical), the same
#        seeds for both (written by ic_limit -o).
# Prints trials/s of each and the ratio ripple/C. Run from anywhere:
#   sh bench/limit.sh            (make bench-limit)
# The machine is shared and noisy: each figure is the best of REPEAT runs.
# Environment: SHARED (default ../shared, relative to the repo), TRIALS_R and
# TRIALS_K (trials per run; defaults 20000 and 500000), REPEAT (default 3).
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
TRIALS_R=${TRIALS_R:-20000}
TRIALS_K=${TRIALS_K:-500000}
REPEAT=${REPEAT:-3}
tmp=${TMPDIR:-/tmp}/ripple-bench-limit
mkdir -p "$tmp"

if [ ! -f "$SHARED/bench/ic_limit.c" ] || [ ! -f "$SHARED/data/graphs/soc-Epinions1.txt.gz" ]; then
	echo "bench-limit: $SHARED/bench/ic_limit.c or soc-Epinions1 not found; set SHARED" >&2
	exit 1
fi
gcc -O3 -march=native -fopenmp -o "$tmp/ic_limit" "$SHARED/bench/ic_limit.c" -lm
zcat "$SHARED/data/graphs/soc-Epinions1.txt.gz" > "$tmp/epinions.txt"
"$tmp/ic_limit" -f "$tmp/epinions.txt" -k 10 -x -o "$tmp/seeds.txt" 2>/dev/null

# best: the largest of the numbers on stdin.
best() { sort -g | tail -n 1; }
# c_rate ARGS...: trials/s of the C kernel.
c_rate() {
	for _ in $(seq "$REPEAT"); do
		"$tmp/ic_limit" -f "$tmp/epinions.txt" "$@" 2>/dev/null | sed -n 's/.*trials\/s=\([0-9.]*\).*/\1/p'
	done | best
}
# go_rate CASE TRIALS CPU: trials/s of ripple's BenchmarkICLimit/CASE.
go_test_bin="$tmp/sim.test"
go test -c -o "$go_test_bin" ./sim
go_rate() {
	(cd sim && RIPPLE_BENCH_GRAPH="$tmp/epinions.txt" RIPPLE_BENCH_SEEDS="$tmp/seeds.txt" \
		"$go_test_bin" -test.run '^$' -test.bench "ICLimit/$1\$" -test.benchtime "$2x" -test.cpu "$3" -test.count "$REPEAT") |
		sed -n 's/.* \([0-9.e+]*\) trials\/s.*/\1/p' | best
}

printf '%-26s %8s %14s %14s %8s\n' case threads C_trials/s ripple_trials/s ratio
for t in 1 2; do
	c=$(c_rate -p 0.05 -R -N "$TRIALS_R" -t "$t")
	g=$(go_rate R_p0.05 "$TRIALS_R" "$t")
	printf '%-26s %8s %14.0f %14.0f %8.2f\n' "p=0.05 -R (supercritical)" "$t" "$c" "$g" "$(echo "$g / $c" | bc -l)"
	eval "cR$t=$c gR$t=$g"
	c=$(c_rate -p 0.01 -k 10 -N "$TRIALS_K" -t "$t")
	g=$(go_rate k10_p0.01 "$TRIALS_K" "$t")
	printf '%-26s %8s %14.0f %14.0f %8.2f\n' "p=0.01 -k 10 (subcritical)" "$t" "$c" "$g" "$(echo "$g / $c" | bc -l)"
	eval "cK$t=$c gK$t=$g"
done
printf '\n2-thread scaling (2 threads / 1 thread):\n'
printf '  p=0.05 -R:    C %.2f   ripple %.2f\n' "$(echo "$cR2 / $cR1" | bc -l)" "$(echo "$gR2 / $gR1" | bc -l)"
printf '  p=0.01 -k 10: C %.2f   ripple %.2f\n' "$(echo "$cK2 / $cK1" | bc -l)" "$(echo "$gK2 / $gK1" | bc -l)"
