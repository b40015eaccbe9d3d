package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// twoIslands returns two seeded G(n, p) graphs side by side, nodes [0, n)
// and [n, 2n), with no arc between them, and trust weights when weighted.
func twoIslands(t testing.TB, n int, p float64, weighted bool) *graph.CSR {
	t.Helper()
	a, b := gnpForTest(t, n, p, true, 7), gnpForTest(t, n, p, true, 8)
	var arcs [][2]uint32
	var w []float32
	for i, g := range []*graph.CSR{a, b} {
		for u := range g.N() {
			for _, v := range g.Out.Neighbors(uint32(u)) {
				arcs = append(arcs, [2]uint32{uint32(u + i*n), v + uint32(i*n)})
				w = append(w, float32(1+len(arcs)%5)/5)
			}
		}
	}
	if !weighted {
		w = nil
	}
	return buildGraph(t, 2*n, arcs, w, false)
}

// islandSeeds is a test Seeder: k random start points in [0, n) from the
// trial's stream, and a fixed one launched at time 2.
type islandSeeds struct{ n, k int }

func (s islandSeeds) Starts(dst []Start, rnd *rand.Rand, _ uint64) ([]Start, float64) {
	for range s.k {
		dst = append(dst, Start{Node: uint32(rnd.IntN(s.n)), Active: true})
	}
	return append(dst, Start{Node: 1, Time: 2, Active: true}), 0
}

// TestCompeteUnmetRivalIsByteIdentical is the proof that ours draws exactly
// the single-content run's numbers: with a rival on an island ours cannot
// reach, ours' accumulator (reach, exposures, generations, curves, hits)
// marshals to the same bytes as sim.IC's with the same seed.
func TestCompeteUnmetRivalIsByteIdentical(t *testing.T) {
	const n = 300
	cases := []struct {
		name     string
		weighted bool
		ic       IC
		b        Behaviours
		zombies  float64
	}{
		{name: "uniform fast path", ic: IC{Strength: 0.12}},
		{name: "uniform geometric", ic: IC{Strength: 0.03, Skip: SkipGeometric}},
		{name: "trust weights", weighted: true, ic: IC{Strength: 0.3, Weighting: TrustWeights}},
		{name: "weighted cascade, decay", ic: IC{Strength: 0.9, Weighting: WeightedCascade}, b: Behaviours{Decay: 0.8}},
		{name: "zombies", ic: IC{Strength: 0.15}, zombies: 0.2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := twoIslands(t, n, 0.03, tc.weighted)
			b := tc.b
			if tc.zombies > 0 {
				z, err := RandomZombies(g.N(), tc.zombies, 3)
				if err != nil {
					t.Fatal(err)
				}
				b.Zombie = z
			}
			ours := islandSeeds{n: n, k: 2}
			rival := Plan{Name: "rival", Groups: []Group{{Seeds: Selector{Kind: SelectLabels, Labels: []string{"300", "301", "302"}}}}}
			rb, err := rival.Bind(g)
			if err != nil {
				t.Fatal(err)
			}
			cfg := Config{Seed: 42, Trials: 3000, Theta: 0.05, Workers: 1, Record: RecorderOptions{Exposures: true, Hits: true}}
			kern, err := tc.ic.Bind(g, b)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Run(context.Background(), kern, ours, cfg)
			if err != nil {
				t.Fatal(err)
			}
			m := Compete{IC: tc.ic, Contents: []Content{
				{Name: "ours", Seeds: ours, Strength: tc.ic.Strength, Behaviours: b},
				{Name: "rival", Seeds: rb, Start: 1, Strength: 0.5, Convert: 0.5, Behaviours: b},
			}}
			ck, err := m.Bind(g)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Workers = 3
			got, err := RunCompete(context.Background(), ck, cfg)
			if err != nil {
				t.Fatal(err)
			}
			wj, _ := json.Marshal(want.Acc)
			gj, _ := json.Marshal(got.Contents[0].Acc)
			if !bytes.Equal(wj, gj) {
				t.Errorf("ours differs from the single-content run:\n got=%.300s\nwant=%.300s", gj, wj)
			}
			if got.Contents[1].Summary.Reach.Mean < 3 {
				t.Errorf("rival reach %v: want ≥ 3 (its seeds)", got.Contents[1].Summary.Reach.Mean)
			}
			// Shares: nobody is contested, so ours' share is its reach over both.
			r0, r1 := got.Contents[0].Acc.ReachSum.Float64(), got.Contents[1].Acc.ReachSum.Float64()
			if s := got.FirstShare(0).Mean; s != r0/(r0+r1) {
				t.Errorf("share of ours: got=%v, want=%v", s, r0/(r0+r1))
			}
		})
	}
}

// TestCompeteDeterministic checks the determinism contract: the whole
// result (every content, the share sums) is the same bytes for 1 and 4
// workers, and different for another seed.
func TestCompeteDeterministic(t *testing.T) {
	g := gnpForTest(t, 400, 0.02, true, 5)
	m := Compete{IC: IC{}, Contents: []Content{
		{Name: "ours", Seeds: at0(0, 1, 2), Strength: 0.2},
		{Name: "backlash", Seeds: at0(3, 4), Start: 1, Strength: 0.25, Convert: 0.3},
		{Name: "parody", Seeds: at0(5), Strength: 0.3},
	}}
	k, err := m.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	run := func(seed uint64, workers int) []byte {
		cfg := Config{Seed: seed, Trials: 1500, Theta: 0.1, Workers: workers, Batch: 64, Record: RecorderOptions{Exposures: true, Hits: true}}
		r, err := RunCompete(context.Background(), k, cfg)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := run(9, 1), run(9, 4)
	if !bytes.Equal(a, b) {
		t.Error("1 and 4 workers give different results")
	}
	if bytes.Equal(a, run(10, 4)) {
		t.Error("seeds 9 and 10 give the same result")
	}
}

func TestCompeteBadInput(t *testing.T) {
	g := gnpForTest(t, 50, 0.1, true, 5)
	plan := func(labels ...string) *BoundPlan {
		b, err := Plan{Groups: []Group{{Seeds: Selector{Kind: SelectLabels, Labels: labels}}}}.Bind(g)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ok := Content{Name: "ours", Seeds: plan("1", "2"), Strength: 0.1}
	cases := []struct {
		name string
		m    Compete
		want string
	}{
		{"none", Compete{}, "no content"},
		{"same name", Compete{Contents: []Content{ok, {Name: "ours", Seeds: plan("3"), Strength: 0.1}}}, `two contents named "ours"`},
		{"no name", Compete{Contents: []Content{ok, {Seeds: plan("3")}}}, "content 2 has no name"},
		{"no seeds", Compete{Contents: []Content{ok, {Name: "b", Strength: 0.1}}}, `content "b" has no seeds`},
		{"start before zero", Compete{Contents: []Content{ok, {Name: "b", Seeds: plan("3"), Start: -1}}}, "bad start -1"},
		{"start NaN", Compete{Contents: []Content{ok, {Name: "b", Seeds: plan("3"), Start: math.NaN()}}}, "bad start NaN"},
		{"conversion above 1", Compete{Contents: []Content{ok, {Name: "b", Seeds: plan("3"), Convert: 1.5}}}, "bad conversion probability q=1.5"},
		{"conversion below 0", Compete{Contents: []Content{ok, {Name: "b", Seeds: plan("3"), Convert: -0.1}}}, "bad conversion probability q=-0.1"},
		{"overlap", Compete{Contents: []Content{ok, {Name: "b", Seeds: plan("3", "2")}}}, `"2" seeds both "ours" and "b"`},
		{"bad strength", Compete{Contents: []Content{ok, {Name: "b", Seeds: plan("3"), Strength: 2}}}, `content "b": sim: ic: bad strength`},
		{"timed", Compete{IC: IC{Delay: Delay{Kind: ExponentialDelay, Median: 1}}, Contents: []Content{ok}}, "generations"},
		{"too many", Compete{Contents: make([]Content, MaxContents+1)}, "more than 8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m.Bind(g)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got=%v, want an error containing %q", err, tc.want)
			}
		})
	}
	k, err := Compete{Contents: []Content{ok}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RunCompete(context.Background(), k, Config{Trials: 10, Theta: 0.1, Precision: Precision{RelReach: 0.1}}); err == nil {
		t.Error("a precision target was accepted")
	}
}

// TestCompeteBroadcastTies: a rival's broadcast reaching everyone (f = 1,
// q = 1) at generation 0 ties with each of our seeds; each tie is a fair
// coin, and every person ends up holding exactly one content. So ours'
// reach is Binomial(k, 1/2) plus nothing (its seeds' neighbours already
// hold the rival), and the two reaches add up to n in every trial.
func TestCompeteBroadcastTies(t *testing.T) {
	g := gnpForTest(t, 60, 0.1, true, 5)
	rival, err := Plan{Name: "ad", Channels: []Channel{{Fraction: 1, Convert: 1}}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	k, err := Compete{Contents: []Content{
		{Name: "ours", Seeds: at0(0, 1, 2, 3), Strength: 0.9},
		{Name: "ad", Seeds: rival, Strength: 0.9},
	}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	const N = 4000
	res, err := RunCompete(context.Background(), k, Config{Seed: 5, Trials: N, Theta: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Sums.Reached.Float64(); got != 60*N {
		t.Errorf("people reached: got=%v, want=%v (everyone, every trial)", got, 60*N)
	}
	ours := res.Contents[0].Summary.Reach.Mean
	if tol := 4 * math.Sqrt(4*0.25/N); math.Abs(ours-2) > tol {
		t.Errorf("ours' reach: got=%.4f, want=2 ± %.4f (four fair coins)", ours, tol)
	}
	if r := res.Contents[1].Acc.ReachSum.Float64() + res.Contents[0].Acc.ReachSum.Float64(); r != 60*N {
		t.Errorf("reach of both: got=%v, want=%v", r, 60*N)
	}
}

// BenchmarkCompete measures a race of two contents on a seeded G(n, p)
// beside the single-content IC run of ours alone (same trials): the ratio
// is the cost of competition.
func BenchmarkCompete(b *testing.B) {
	g := gnpForTest(b, 20000, 0.0005, true, 11)
	cfg := Config{Seed: 1, Trials: 50, Theta: 0.05, Workers: 1}
	ic, err := IC{Strength: 0.15}.Bind(g, Behaviours{})
	if err != nil {
		b.Fatal(err)
	}
	k, err := Compete{Contents: []Content{
		{Name: "ours", Seeds: at0(0, 1, 2), Strength: 0.15},
		{Name: "rival", Seeds: at0(3, 4, 5), Start: 1, Strength: 0.15},
	}}.Bind(g)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("ic", func(b *testing.B) {
		for b.Loop() {
			if _, err := Run(context.Background(), ic, at0(0, 1, 2), cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compete", func(b *testing.B) {
		for b.Loop() {
			if _, err := RunCompete(context.Background(), k, cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCompeteLateRivalIsByteIdentical: a rival launched long after ours has
// died out can never change it, so ours — here a real plan with a staggered
// group and a broadcast channel whose impressions mostly do not convert —
// marshals to the same bytes as the single-content run.
func TestCompeteLateRivalIsByteIdentical(t *testing.T) {
	g := gnpForTest(t, 500, 0.01, true, 12)
	ours, err := Plan{Name: "ours",
		Groups:   []Group{{Seeds: Selector{Kind: SelectRandom, K: 3}}, {Seeds: Selector{Kind: SelectTopDegree, K: 2}, Time: 2}},
		Channels: []Channel{{Name: "ad", Time: 1, Fraction: 0.05, Convert: 0.3}},
	}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	rival, err := Plan{Name: "late", Groups: []Group{{Seeds: Selector{Kind: SelectRandom, K: 4}}}, Channels: []Channel{{Fraction: 0.5, Convert: 0.5}}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	ic := IC{Strength: 0.12}
	b := Behaviours{Decay: 0.9}
	cfg := Config{Seed: 8, Trials: 2000, Theta: 0.05, Record: RecorderOptions{Generations: 128, Exposures: true, Hits: true}}
	kern, err := ic.Bind(g, b)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Run(context.Background(), kern, ours, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if last := want.Acc.GenSums[len(want.Acc.GenSums)-1]; last != 0 {
		t.Fatalf("ours spreads past %d generations (%d late activations); the rival would not be late", len(want.Acc.GenSums), last)
	}
	ck, err := Compete{IC: ic, Contents: []Content{
		{Name: "ours", Seeds: ours, Strength: ic.Strength, Behaviours: b},
		{Name: "late", Seeds: rival, Start: 1000, Strength: 0.5, Behaviours: b, Convert: 0.9},
	}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	got, err := RunCompete(context.Background(), ck, cfg)
	if err != nil {
		t.Fatal(err)
	}
	wj, _ := json.Marshal(want.Acc)
	gj, _ := json.Marshal(got.Contents[0].Acc)
	if !bytes.Equal(wj, gj) {
		t.Errorf("ours differs from the single-content run:\n got=%.300s\nwant=%.300s", gj, wj)
	}
}

// TestCompeteTrace checks RunCompeteTrace: the same result as RunCompete,
// one entry per trial whose sum and sum of squares are exactly those the
// content's accumulator folded, and the same trace for 1 and 4 workers.
func TestCompeteTrace(t *testing.T) {
	g := gnpForTest(t, 300, 0.02, true, 7)
	m := Compete{IC: IC{}, Contents: []Content{
		{Name: "ours", Seeds: at0(0, 1), Strength: 0.2},
		{Name: "backlash", Seeds: at0(3, 4), Start: 1, Strength: 0.25, Convert: 0.3},
	}}
	k, err := m.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Seed: 3, Trials: 700, Theta: 0.1, Batch: 64}
	want, err := RunCompete(context.Background(), k, cfg)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	var traces [][]int64
	for _, workers := range []int{1, 4} {
		cfg.Workers = workers
		for c := range 2 {
			res, tr, err := RunCompeteTrace(context.Background(), k, cfg, c)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := json.Marshal(res); !bytes.Equal(got, wantJSON) {
				t.Errorf("workers=%d content=%d: the result differs from RunCompete's", workers, c)
			}
			var sum, sq float64
			for _, r := range tr {
				sum += float64(r)
				sq += float64(r) * float64(r)
			}
			acc := res.Contents[c].Acc
			if len(tr) != cfg.Trials || sum != acc.ReachSum.Float64() || sq != acc.ReachSq.Float64() {
				t.Errorf("workers=%d content=%d: got=%d entries, Σ=%v, Σ²=%v, want=%d, %v, %v", workers, c, len(tr), sum, sq, cfg.Trials, acc.ReachSum.Float64(), acc.ReachSq.Float64())
			}
			if c == 1 {
				traces = append(traces, tr)
			}
		}
	}
	if !slices.Equal(traces[0], traces[1]) {
		t.Error("1 and 4 workers give different traces")
	}
	if _, _, err := RunCompeteTrace(context.Background(), k, cfg, 2); err == nil {
		t.Error("a trace of content 2 of 2 was accepted")
	}
}
