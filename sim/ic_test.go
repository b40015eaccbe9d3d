package sim

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// runIC binds m on g and runs trials from seeder.
func runIC(t *testing.T, g *graph.CSR, m IC, b Behaviours, seeder Seeder, cfg Config) *Result {
	t.Helper()
	k, err := m.Bind(g, b)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theta == 0 {
		cfg.Theta = 0.5
	}
	res, err := Run(context.Background(), k, seeder, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestICExact(t *testing.T) {
	g := buildGraph(t, 6, tinyArcs, nil, false)
	gw := buildGraph(t, 6, tinyArcs, tinyWeights, false)
	uniform := func(p float64) func(int) float64 { return func(int) float64 { return p } }
	trust := func(s float64) func(int) float64 {
		return func(j int) float64 { return min(1, s*float64(gw.Out.Weights[j])) }
	}
	wc := func(s float64) func(int) float64 {
		return func(j int) float64 { return s / float64(g.In.Degree(g.Out.Targets[j])) }
	}
	zombie3 := []bool{false, false, false, true, false, false}
	stagger := fixedSeeds{starts: []Start{{Node: 0, Active: true}, {Node: 4, Time: 2, Active: true}}}
	for _, tc := range []struct {
		name   string
		g      *graph.CSR
		m      IC
		b      Behaviours
		seeds  []uint32
		seeder Seeder
		p      func(int) float64
		exp    bool
	}{
		{name: "uniform coins", g: g, m: IC{Strength: 0.4, Skip: SkipCoins}, seeds: []uint32{0}, p: uniform(0.4)},
		{name: "uniform geometric", g: g, m: IC{Strength: 0.4, Skip: SkipGeometric}, seeds: []uint32{0}, p: uniform(0.4)},
		{name: "uniform small p auto", g: g, m: IC{Strength: 0.05}, seeds: []uint32{0, 4}, p: uniform(0.05)},
		{name: "exposures tracked", g: g, m: IC{Strength: 0.5}, seeds: []uint32{0, 4}, p: uniform(0.5), exp: true},
		{name: "trust weights", g: gw, m: IC{Strength: 0.6, Weighting: TrustWeights}, seeds: []uint32{0}, p: trust(0.6)},
		{name: "weighted cascade", g: g, m: IC{Strength: 0.9, Weighting: WeightedCascade}, seeds: []uint32{1}, p: wc(0.9)},
		{name: "zombie", g: g, m: IC{Strength: 0.7}, b: Behaviours{Zombie: zombie3}, seeds: []uint32{0}, p: uniform(0.7)},
		{name: "staggered start", g: g, m: IC{Strength: 0.4}, seeds: []uint32{0, 4}, seeder: stagger, p: uniform(0.4)},
		{name: "exponential delay", g: g, m: IC{Strength: 0.4, Delay: Delay{Kind: ExponentialDelay, Median: 2}}, seeds: []uint32{0}, p: uniform(0.4), exp: true},
		{name: "log-normal delay, trust", g: gw, m: IC{Strength: 0.6, Weighting: TrustWeights, Delay: Delay{Kind: LogNormalDelay, Median: 3, Sigma: 1}}, seeds: []uint32{0}, p: trust(0.6)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var zombie []bool
			if tc.b.Zombie != nil {
				zombie = tc.b.Zombie
			}
			want := exactReach(t, tc.g, tc.seeds, zombie, icChoices(tc.g, tc.p))
			seeder := tc.seeder
			if seeder == nil {
				seeder = at0(tc.seeds...)
			}
			res := runIC(t, tc.g, tc.m, tc.b, seeder, Config{Seed: 11, Trials: 20000, Workers: 2, Record: RecorderOptions{Exposures: tc.exp}})
			checkExact(t, want, res.Acc)
		})
	}
}

// TestICDecay checks freshness decay on a chain 0→1→2→3: a share by a node
// of generation g succeeds with probability p·d^g, so P(R ≥ 2) = p,
// P(R ≥ 3) = p·pd, P(R ≥ 4) = p·pd·pd².
func TestICDecay(t *testing.T) {
	g := buildGraph(t, 4, [][2]uint32{{0, 1}, {1, 2}, {2, 3}}, nil, false)
	const p, d = 0.8, 0.5
	tail := []float64{1, 1, p, p * p * d, p * p * d * p * d * d}
	want := make([]float64, 5)
	for r := 1; r <= 4; r++ {
		next := 0.0
		if r < 4 {
			next = tail[r+1]
		}
		want[r] = tail[r] - next
	}
	res := runIC(t, g, IC{Strength: p}, Behaviours{Decay: d}, at0(0), Config{Seed: 3, Trials: 20000})
	checkExact(t, want, res.Acc)
}

// TestICHalfLife checks the half-life on a chain 0→1→2 with exponential
// delays of median m: node 1 activates at T ~ Exp(ln2/m) and shares with
// probability p·2^(−T/H), whose mean is p·H/(H+m). So P(R = 3) = p²·H/(H+m).
func TestICHalfLife(t *testing.T) {
	g := buildGraph(t, 3, [][2]uint32{{0, 1}, {1, 2}}, nil, false)
	const p, m, h = 0.9, 2.0, 1.0
	p3 := p * p * h / (h + m)
	want := []float64{0, 1 - p, p - p3, p3}
	res := runIC(t, g, IC{Strength: p, Delay: Delay{Kind: ExponentialDelay, Median: m}}, Behaviours{HalfLife: h}, at0(0), Config{Seed: 5, Trials: 20000})
	checkExact(t, want, res.Acc)
}

// TestICPathsAgree checks that the fast path and the general level-by-level
// path draw the same worlds: the same trials give byte-identical
// accumulators (an all-false zombie list forces the general path).
func TestICPathsAgree(t *testing.T) {
	g := directedGnp(t, 2000, 3.0/2000, 1)
	for _, s := range []float64{0.05, 0.4} {
		cfg := Config{Seed: 9, Trials: 500, Record: RecorderOptions{Exposures: true}}
		fast := runIC(t, g, IC{Strength: s}, Behaviours{}, randomRoot{n: 2000}, cfg)
		slow := runIC(t, g, IC{Strength: s}, Behaviours{Zombie: make([]bool, 2000)}, randomRoot{n: 2000}, cfg)
		if a, b := mustJSON(t, fast.Acc), mustJSON(t, slow.Acc); a != b {
			t.Errorf("s=%v: fast and general paths differ:\n%.300s\n%.300s", s, a, b)
		}
	}
}

func TestICExposures(t *testing.T) {
	// A star 0→1..5 and a chain 5→6: with s = 0 only the seed is reached and
	// its 5 out-neighbours are exposed (6 exposures); with s = 1 everyone.
	arcs := [][2]uint32{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {5, 6}}
	g := buildGraph(t, 7, arcs, nil, false)
	for _, tc := range []struct {
		s                float64
		b                Behaviours
		reach, exposures float64
	}{
		{s: 0, reach: 1, exposures: 6},
		{s: 1, reach: 7, exposures: 7},
		{s: 1, b: Behaviours{Zombie: []bool{false, false, false, false, false, true, false}}, reach: 5, exposures: 6},
	} {
		res := runIC(t, g, IC{Strength: tc.s}, tc.b, at0(0), Config{Seed: 1, Trials: 10, Record: RecorderOptions{Exposures: true}})
		s := res.Summary
		if s.Reach.Mean != tc.reach || s.Exposures.Mean != tc.exposures {
			t.Errorf("s=%v %+v: got reach=%v exposures=%v, want=%v %v", tc.s, tc.b, s.Reach.Mean, s.Exposures.Mean, tc.reach, tc.exposures)
		}
	}
}

func TestICBadInput(t *testing.T) {
	g := buildGraph(t, 3, [][2]uint32{{0, 1}, {1, 2}}, nil, false)
	for _, tc := range []struct {
		m    IC
		b    Behaviours
		want string
	}{
		{m: IC{Strength: 1.5}, want: "bad strength: s=1.5"},
		{m: IC{Strength: -0.1}, want: "bad strength: s=-0.1"},
		{m: IC{Strength: math.NaN()}, want: "bad strength: s=NaN"},
		{m: IC{Strength: 0.1, Delay: Delay{Kind: ExponentialDelay}}, want: "bad delay median"},
		{m: IC{Strength: 0.1, Delay: Delay{Kind: LogNormalDelay, Median: 1, Sigma: -1}}, want: "bad delay sigma"},
		{m: IC{Strength: 0.1, Weighting: 7}, want: "bad weighting"},
		{m: IC{Strength: 0.1}, b: Behaviours{Decay: 1.2}, want: "sim: ic: bad freshness decay: d=1.2"},
		{m: IC{Strength: 0.1}, b: Behaviours{HalfLife: 3}, want: "needs a time axis"},
		{m: IC{Strength: 0.1}, b: Behaviours{Zombie: []bool{true}}, want: "sim: ic: zombie followers: 1 entries for 3 nodes"},
	} {
		_, err := tc.m.Bind(g, tc.b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Bind(%+v, %+v): got=%v, want error containing %q", tc.m, tc.b, err, tc.want)
		}
	}
}

// TestRecorderGenerationsAfterReset: Reset clears only the generations a
// trial used (up to the last one) and Accumulator.Add folds only those in;
// a deep trial followed by a shallow one must leave no stale counts, and a
// generation beyond the last entry folds into it.
func TestRecorderGenerationsAfterReset(t *testing.T) {
	const gens = 8
	rec := NewRecorder(30, Generations, RecorderOptions{Generations: gens})
	acc := NewAccumulator(AccConfig{Nodes: 30, CascadeAt: 30, Clock: Generations, Generations: gens, Bins: gens, BinWidth: 1})
	// Three trials: the deepest generation of the first comes from
	// ActivateAll, the second goes beyond the last entry.
	for i, trial := range [][]struct{ v, gen int }{{{0, 0}, {1, 5}, {2, 5}}, {{3, 20}, {4, 0}}, {{5, 0}}} {
		if i > 0 {
			rec.Reset()
			for g, c := range rec.gens {
				if c != 0 {
					t.Errorf("trial %d after Reset: gens[%d]: got=%d, want=0", i, g, c)
				}
			}
		}
		for j := 0; j < len(trial); j++ {
			if j+1 < len(trial) && trial[j+1].gen == trial[j].gen {
				rec.ActivateAll([]uint32{uint32(trial[j].v), uint32(trial[j+1].v)}, trial[j].gen, float64(trial[j].gen))
				j++
				continue
			}
			rec.Activate(uint32(trial[j].v), trial[j].gen, float64(trial[j].gen))
		}
		acc.Add(rec, 0)
	}
	want := []uint64{3, 0, 0, 0, 0, 2, 0, 1}
	if !slices.Equal(acc.GenSums, want) {
		t.Errorf("GenSums: got=%v, want=%v", acc.GenSums, want)
	}
}

// TestCoinHitsSeen: the fused coin and exposure pass draws the same live
// arcs as coinHits and counts the same new exposures as exposeSeen, leaving
// the same marks, for sharers with already-exposed and fresh targets at
// probabilities from none to all.
func TestCoinHitsSeen(t *testing.T) {
	for _, tc := range []struct {
		name string
		arcs []uint32
		pre  []uint32 // exposed before the sharer
		p    float64
	}{
		{name: "empty", p: 0.5},
		{name: "fresh", arcs: []uint32{1, 3, 5, 7, 9, 11, 13}, p: 0.3},
		{name: "some seen", arcs: []uint32{0, 2, 4, 6, 8, 10, 12, 14, 15}, pre: []uint32{2, 8, 15}, p: 0.6},
		{name: "all seen", arcs: []uint32{4, 5, 6}, pre: []uint32{4, 5, 6}, p: 1},
		{name: "none live", arcs: []uint32{1, 2, 3, 4, 5}, pre: []uint32{3}, p: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const ep = 7
			for key := range uint64(20) {
				s := NewCoins(key, 3, PurposeShare).s
				thr := Threshold(tc.p)
				a, b := make([]uint8, 16), make([]uint8, 16)
				for _, v := range tc.pre {
					a[v], b[v] = ep, ep
				}
				wantLive := coinHits(len(tc.arcs), s, thr, make([]int32, 0, len(tc.arcs)))
				wantNew := exposeSeen(tc.arcs, a, ep)
				gotLive, gotNew := coinHitsSeen(tc.arcs, b, ep, s, thr, make([]int32, 0, len(tc.arcs)))
				if !slices.Equal(gotLive, wantLive) || gotNew != wantNew || !slices.Equal(a, b) {
					t.Fatalf("key %d: got live=%v new=%d marks=%v, want live=%v new=%d marks=%v",
						key, gotLive, gotNew, b, wantLive, wantNew, a)
				}
			}
		})
	}
}
