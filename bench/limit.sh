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

# ratio A B: A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Like for like: ripple's coin per arc against C's (the C default), and
# ripple's default (geometric skipping for low-probability sharers) against
# C's -G.
printf '%-28s %-10s %7s %12s %12s %6s\n' case mode threads C_trials/s ripple_tr/s ratio
for t in 1 2; do
	for mode in coins geometric; do
		cflag="" gsuffix="_coins"
		if [ "$mode" = geometric ]; then cflag="-G" gsuffix=""; fi
		c=$(c_rate -p 0.05 -R -N "$TRIALS_R" -t "$t" $cflag)
		g=$(go_rate "R_p0.05$gsuffix" "$TRIALS_R" "$t")
		printf '%-28s %-10s %7s %12.0f %12.0f %6s\n' "p=0.05 -R (supercritical)" "$mode" "$t" "$c" "$g" "$(ratio "$g" "$c")"
		eval "cR_${mode}_$t=$c gR_${mode}_$t=$g"
		c=$(c_rate -p 0.01 -s "$tmp/seeds.txt" -N "$TRIALS_K" -t "$t" $cflag)
		g=$(go_rate "k10_p0.01$gsuffix" "$TRIALS_K" "$t")
		printf '%-28s %-10s %7s %12.0f %12.0f %6s\n' "p=0.01 -k 10 (subcritical)" "$mode" "$t" "$c" "$g" "$(ratio "$g" "$c")"
		eval "cK_${mode}_$t=$c gK_${mode}_$t=$g"
	done
done
printf '\n2-thread scaling (2 threads / 1 thread), judged against C measured beside it:\n'
for mode in coins geometric; do
	eval "printf '  %-10s p=0.05 -R:    C %s   ripple %s\n' $mode \$(ratio \$cR_${mode}_2 \$cR_${mode}_1) \$(ratio \$gR_${mode}_2 \$gR_${mode}_1)"
	eval "printf '  %-10s p=0.01 -k 10: C %s   ripple %s\n' $mode \$(ratio \$cK_${mode}_2 \$cK_${mode}_1) \$(ratio \$gK_${mode}_2 \$gK_${mode}_1)"
done
