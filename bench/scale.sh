#!/bin/sh
# bench/scale.sh — how ripple grows with the graph (issue 9, scale item).
#
# For each size, a directed G(n,p) with mean degree 10 (n = ARCS/10):
#   generate  ripple graph generate gnp ... -o g.rgraph   (generation and the snapshot write)
#   reload    ripple graph info g.rgraph                  (snapshot reload, checks, statistics, checksum)
#   text      ripple graph info g.txt                     (the same graph as an edge list; up to TEXT_MAX arcs)
#   run       ripple run --graph g.rgraph --trials 1000 --workers 1 --seeds random:100 --strength 0.09
#             (IC at 0.9x critical: s<k> = 0.9, about 1,000 people reached a trial),
#             and the same with --trials 1 (the run's fixed cost)
# and prints the CPU time (user + system: on a shared machine the wall clock
# mostly measures the neighbours) and peak resident memory (GNU time's %M) of
# each step, the run's setup (a one-trial run less the reload), CPU time per
# trial (a TRIALS-trial run less a one-trial run, over TRIALS-1) and per
# examined arc, the engine's own wall clock per trial, peak
# memory per arc, and the growth exponent of each column against the number
# of arcs (least squares on logs; 1 is linear, 0 is flat).
#
# Examined arcs are estimated as mean reach x mean out-degree: every adopter
# looks at each of its out-arcs once, and in directed G(n,p) a node's
# out-degree does not depend on its being reached.
#
# Usage: sh bench/scale.sh [ARCS ...]       (default: 1000000 10000000 100000000)
# Environment: DIR (scratch folder, default $TMPDIR/ripple-scale; the 100M
# snapshot takes 0.9 GB, its edge list is not written past TEXT_MAX),
# TEXT_MAX (default 10000000), SEED (default 1), TRIALS (default 1000).
# Needs Go, GNU time (/usr/bin/time) and python3. The machine is shared: run
# the 100M case once, when it is quiet (see uptime).
set -eu
cd "$(dirname "$0")/.."
DIR=${DIR:-${TMPDIR:-/tmp}/ripple-scale}
TEXT_MAX=${TEXT_MAX:-10000000}
SEED=${SEED:-1}
TRIALS=${TRIALS:-1000}
[ $# -gt 0 ] || set -- 1000000 10000000 100000000
mkdir -p "$DIR"
go build -o "$DIR/ripple" ./cmd/ripple
rip="$DIR/ripple"
rows="$DIR/rows.txt"
: > "$rows"

# measure NAME CMD...: runs CMD under GNU time; appends "NAME cpu-seconds kB".
measure() {
	name=$1
	shift
	/usr/bin/time -f "%U %S %M" -o "$DIR/time.txt" "$@" > "$DIR/out.txt"
	awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$DIR/time.txt" > "$DIR/time2.txt"
	mv "$DIR/time2.txt" "$DIR/time.txt"
	echo "$name $(cat "$DIR/time.txt")" >> "$DIR/step.txt"
}

for arcs in "$@"; do
	n=$((arcs / 10))
	p=$(python3 -c "print(10/($n-1))")
	g="$DIR/g$arcs.rgraph"
	: > "$DIR/step.txt"
	echo "== $arcs arcs: gnp n=$n,p=$p,directed=1" >&2
	measure generate "$rip" graph generate gnp "n=$n,p=$p,directed=1" --seed "$SEED" -o "$g"
	measure reload "$rip" graph info "$g" --format json
	cp "$DIR/out.txt" "$DIR/info.json"
	if [ "$arcs" -le "$TEXT_MAX" ]; then
		"$rip" graph convert "$g" "$DIR/g$arcs.txt" > /dev/null
		measure text "$rip" graph info "$DIR/g$arcs.txt" --format json
		rm -f "$DIR/g$arcs.txt"
	else
		echo "text - -" >> "$DIR/step.txt"
	fi
	measure setup "$rip" run --graph "$g" --trials 1 --workers 1 --seeds random:100 --strength 0.09 \
		--seed "$SEED" --format json --quiet
	measure run "$rip" run --graph "$g" --trials "$TRIALS" --workers 1 --seeds random:100 --strength 0.09 \
		--seed "$SEED" --format json --quiet
	cp "$DIR/out.txt" "$DIR/run.json"
	python3 - "$DIR" >> "$rows" <<'EOF'
import json, sys
d = sys.argv[1]
info = json.load(open(d + "/info.json"))
run = json.load(open(d + "/run.json"))
steps = {l.split()[0]: l.split()[1:] for l in open(d + "/step.txt")}
arcs = info["arcs"]
wall_trial = run["timing"]["seconds"] / run["trials"]
# A run of one trial costs the load and the run's setup (plans, the
# analytic threshold's power iteration); the trials cost the difference.
cpu_trial = max(float(steps["run"][0]) - float(steps["setup"][0]), 0) / (run["trials"] - 1)
setup = max(float(steps["setup"][0]) - float(steps["reload"][0]), 0)
examined = run["reach"]["mean"] * info["stats"]["mean_degree"]
row = [arcs, info["nodes"]]
for s in ("generate", "reload", "text", "run"):
    t, kb = steps[s]
    row += [t, kb]
row += [cpu_trial, examined, cpu_trial / examined, wall_trial, setup]
print(" ".join(str(x) for x in row))
EOF
	rm -f "$g"
done

python3 - "$rows" <<'EOF'
import math, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def num(x):
    return None if x == "-" else float(x)
cols = [
    ("generate cpu s", 2, 1), ("generate peak B/arc", 3, 1024),
    ("reload cpu s", 4, 1), ("reload peak B/arc", 5, 1024),
    ("text load cpu s", 6, 1), ("text peak B/arc", 7, 1024),
    ("run peak B/arc", 9, 1024), ("cpu ms/trial", 10, 1e3), ("cpu ns/examined arc", 12, 1e9),
    ("wall ms/trial", 13, 1e3), ("run setup cpu s", 14, 1),
]
head = ["arcs", "nodes"] + [c[0] for c in cols]
table = []
for r in rows:
    arcs = float(r[0])
    line = ["{:,}".format(int(arcs)), "{:,}".format(int(float(r[1])))]
    for name, i, scale in cols:
        v = num(r[i])
        if v is None:
            line.append("-")
        elif "B/arc" in name:
            line.append("%.1f" % (v * scale / arcs))
        else:
            line.append("%.3g" % (v * scale))
    table.append(line)
def slope(xs, ys):
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if y and y > 0]
    if len(pts) < 2:
        return "-"
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return "%.2f" % (sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx)
exp = ["exponent", ""]
for name, i, scale in cols:
    xs = [float(r[0]) for r in rows if num(r[i]) is not None]
    ys = [num(r[i]) for r in rows if num(r[i]) is not None]
    exp.append(slope(xs, ys))  # of the totals, not of the ratios
table.append(exp)
w = [max(len(str(row[j])) for row in [head] + table) for j in range(len(head))]
for row in [head] + table:
    print("  ".join(str(c).rjust(w[j]) for j, c in enumerate(row)))
print("\nexamined arcs a trial: %s. exponents: of the totals (seconds, peak bytes) against arcs; 1 is linear. "
      "Per-trial figures are at a fixed reach, so 0 is flat." % ", ".join("%.0f" % float(r[11]) for r in rows))
EOF
