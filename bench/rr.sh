#!/bin/sh
# bench/rr.sh — reverse-reachable (RR) set sampling of package influence
# against the C reference kernel's reverse mode (../shared/bench/ic_limit.c
# with -R -T: one uniformly random root per trial on the transposed graph,
# which is what an RR set of uniform IC is), on the same graph
# (soc-Epinions1, directed) and probabilities, with 1 and 2 threads/workers:
#   p=0.05  large sets (about 600 nodes each)
#   p=0.01  small sets (about 2 nodes each)
# Prints sets/s of each and the ratio ripple/C. Both draw one coin per arc
# (C's default; ripple draws 32-bit coins, two per 64-bit draw). ripple also
# stores every set (4 bytes per node id); C only counts them.
# Run from anywhere:  sh bench/rr.sh
# The machine is shared and noisy: each figure is the best of REPEAT runs.
# Environment: SHARED (default ../shared, relative to the repo), SETS_05 and
# SETS_01 (sets per run; defaults 20000 and 2000000), REPEAT (default 3).
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SETS_05=${SETS_05:-20000}
SETS_01=${SETS_01:-2000000}
REPEAT=${REPEAT:-3}
tmp=${TMPDIR:-/tmp}/ripple-bench-rr
mkdir -p "$tmp"

if [ ! -f "$SHARED/bench/ic_limit.c" ] || [ ! -f "$SHARED/data/graphs/soc-Epinions1.txt.gz" ]; then
	echo "bench/rr.sh: $SHARED/bench/ic_limit.c or soc-Epinions1 not found; set SHARED" >&2
	exit 1
fi
gcc -O3 -march=native -fopenmp -o "$tmp/ic_limit" "$SHARED/bench/ic_limit.c" -lm
zcat "$SHARED/data/graphs/soc-Epinions1.txt.gz" > "$tmp/epinions.txt"
go test -c -o "$tmp/influence.test" ./influence

# best: the largest of the numbers on stdin.
best() { sort -g | tail -n 1; }
# c_rate P SETS THREADS: trials/s of ic_limit -R -T.
c_rate() {
	for _ in $(seq "$REPEAT"); do
		"$tmp/ic_limit" -f "$tmp/epinions.txt" -p "$1" -N "$2" -R -T -t "$3" 2>/dev/null |
			sed -n 's/.*trials\/s=\([0-9.]*\).*/\1/p'
	done | best
}
# go_rate P SETS CPU: sets/s of BenchmarkRRSets/pP.
go_rate() {
	(cd influence && RIPPLE_BENCH_GRAPH="$tmp/epinions.txt" \
		"$tmp/influence.test" -test.run '^$' -test.bench "RRSets/p$1\$" -test.benchtime "$2x" -test.cpu "$3" -test.count "$REPEAT") |
		sed -n 's/.* \([0-9.e+]*\) sets\/s.*/\1/p' | best
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf '%-8s %7s %12s %12s %6s\n' p threads C_sets/s ripple_sets/s ratio
for t in 1 2; do
	for case in "0.05 $SETS_05" "0.01 $SETS_01"; do
		set -- $case
		c=$(c_rate "$1" "$2" "$t")
		g=$(go_rate "$1" "$2" "$t")
		printf '%-8s %7s %12.0f %12.0f %6s\n' "$1" "$t" "$c" "$g" "$(ratio "$g" "$c")"
	done
done
