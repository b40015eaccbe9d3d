#!/bin/sh
# bench/limit.sh — ripple's Independent Cascade engine against the C reference
# kernel (../shared/bench/ic_limit.c), on the same graph (soc-Epinions1,
# directed) and parameters, single-threaded and with 2 threads/workers:
#   R:   p=0.05, one uniformly random root per trial (ic_limit -R; supercritical)
#   k10: p=0.01, 10 fixed random seeds (ic_limit -k 10; subcritical), the same
#        seeds for both (written by ic_limit -o).
# Prints trials/s of each and the ratio ripple/C. Then the same for the
# COMMAND a strategist runs, `ripple run --format json --quiet` with its
# default outputs (exposures, curves, histogram), in the issue's two cases:
#   hubs:     p=0.01 from the labels 10,20,30 (ic_limit -s with those ids)
#   random:1: p=0.01 from one random root per trial (ic_limit -R)
# against C's coin mode (the like-for-like yardstick: exposures touch every
# arc of a sharer, as coins do) with the ratio to -G beside it, at 1 and 2
# workers/threads. The command's trials/s come from two trial counts, so
# loading and set-up cancel out. Run from anywhere:
#   sh bench/limit.sh            (make bench-limit)
# The machine is shared and noisy: each figure is the best of REPEAT runs.
# Environment: SHARED (default ../shared, relative to the repo), TRIALS_R and
# TRIALS_K (trials per run; defaults 20000 and 500000), TRIALS_HUB and
# TRIALS_ROOT (the command cases' extra trials; defaults 200000 and 10000000),
# REPEAT (default 3), ENGINE=0 to skip the engine cases.
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
if [ "${ENGINE:-1}" != 0 ]; then
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
fi

# The command. Rates come from two trial counts (10% and 110% of EXTRA), so
# loading and set-up cancel out, for ripple run and for ic_limit alike. At
# one worker they are trials per CPU second (user + system), which a busy
# machine disturbs far less than wall time; the 2-worker rows are wall time
# (CPU time cannot show scaling). Best of REPEAT.
TRIALS_HUB=${TRIALS_HUB:-200000}
TRIALS_ROOT=${TRIALS_ROOT:-10000000}
printf '10\n20\n30\n' > "$tmp/hubs.txt"
go build -o "$tmp/ripple" ./cmd/ripple
# secs KIND CMD...: CPU (user + system) or wall seconds of CMD, output thrown away.
secs() {
	kind=$1
	shift
	/usr/bin/time -f "%U %S %e" -o "$tmp/time.txt" "$@" >/dev/null 2>&1
	if [ "$kind" = cpu ]; then awk '{ print $1 + $2 }' "$tmp/time.txt"; else awk '{ print $3 }' "$tmp/time.txt"; fi
}
# rate KIND EXTRA CMD...: trials/s of CMD, which takes the trial count as
# its last argument, between EXTRA/10 and EXTRA + EXTRA/10 trials.
rate() {
	kind=$1 extra=$2
	shift 2
	for _ in $(seq "$REPEAT"); do
		t1=$(secs "$kind" "$@" $((extra / 10)))
		t2=$(secs "$kind" "$@" $((extra + extra / 10)))
		awk -v a="$t1" -v b="$t2" -v n="$extra" 'BEGIN { if (b > a) printf "%.0f\n", n / (b - a) }'
	done | best
}
printf '\nripple run (the command, default outputs) against the C kernel (1 thread: per CPU second; 2: wall):\n'
printf '%-30s %7s %12s %12s %12s %9s %6s\n' case threads C_coins/s C_-G/s ripple_tr/s /coins /-G
for t in 1 2; do
	kind=cpu
	if [ "$t" = 2 ]; then kind=wall; fi
	C="$tmp/ic_limit -f $tmp/epinions.txt -p 0.01 -t $t"
	R="$tmp/ripple run --graph $tmp/epinions.txt --format json --quiet --strength 0.01 --workers $t"
	cc=$(rate "$kind" "$TRIALS_HUB" $C -s "$tmp/hubs.txt" -N)
	cg=$(rate "$kind" "$TRIALS_HUB" $C -s "$tmp/hubs.txt" -G -N)
	g=$(rate "$kind" "$TRIALS_HUB" $R --seeds 10,20,30 --trials)
	printf '%-30s %7s %12.0f %12.0f %12.0f %9s %6s\n' "hubs 10,20,30 p=0.01" "$t" "$cc" "$cg" "$g" "$(ratio "$g" "$cc")" "$(ratio "$g" "$cg")"
	eval "hc_$t=$cc hg_$t=$g"
	cc=$(rate "$kind" "$TRIALS_ROOT" $C -R -N)
	cg=$(rate "$kind" "$TRIALS_ROOT" $C -R -G -N)
	g=$(rate "$kind" "$TRIALS_ROOT" $R --seeds random:1 --trials)
	printf '%-30s %7s %12.0f %12.0f %12.0f %9s %6s\n' "random:1 p=0.01 (-R)" "$t" "$cc" "$cg" "$g" "$(ratio "$g" "$cc")" "$(ratio "$g" "$cg")"
	eval "rc_$t=$cc rg_$t=$g"
done
printf '\n2-worker scaling of the command (2 workers wall / 1 worker CPU), against C coins measured beside it:\n'
printf '  hubs:     C %s   ripple %s\n' "$(ratio "$hc_2" "$hc_1")" "$(ratio "$hg_2" "$hg_1")"
printf '  random:1: C %s   ripple %s\n' "$(ratio "$rc_2" "$rc_1")" "$(ratio "$rg_2" "$rg_1")"
