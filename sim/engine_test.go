package sim

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// gnp builds a directed G(n, p) graph: every ordered pair u≠v is an arc
// with probability p (geometric skipping over each row).
func directedGnp(t testing.TB, n int, p float64, seed uint64) *graph.CSR {
	t.Helper()
	rnd := rand.New(rand.NewPCG(seed, 0x6e70))
	b := graph.NewBuilder(graph.Options{})
	b.AddNodes(n)
	lq := math.Log1p(-p)
	for u := range n {
		v := -1
		for {
			v += 1 + int(math.Log(1-rnd.Float64())/lq)
			if v >= n {
				break
			}
			if v != u {
				b.AddEdge(uint32(u), uint32(v))
			}
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestICTheoryGnp checks IC on directed G(n, c/n) against percolation
// theory. The live-edge graph is G(n, c·p/n). Below c·p = 1 a single seed
// reaches 1/(1 − c·p) people on average (total progeny of a branching
// process with mean c·p) and never a finite fraction. Above, the seed lies
// in the giant in-component with probability S and then reaches the giant
// out-component, of fraction S, where S = 1 − exp(−c·p·S); so P(cascade) = S
// and mean reach ≈ S²·n.
//
// n = 20000: the finite-size corrections are O(n^−1/2) ≈ 0.007 in fractions
// and O(1/n) relative in the subcritical mean; the tolerances below are 4
// Monte Carlo standard errors plus 0.01 for those.
func TestICTheoryGnp(t *testing.T) {
	const n, c = 20000, 4.0
	g := directedGnp(t, n, c/n, 7)
	t.Run("subcritical", func(t *testing.T) {
		const p = 0.125 // c·p = 0.5
		res := runIC(t, g, IC{Strength: p}, Behaviours{}, randomRoot{n: n}, Config{Seed: 1, Trials: 20000, Theta: 0.05})
		s := res.Summary
		want := 1 / (1 - c*p)
		if tol := 4*s.Reach.SE + 0.01*want; math.Abs(s.Reach.Mean-want) > tol {
			t.Errorf("mean reach: got=%.4f, want=%.4f ± %.4f", s.Reach.Mean, want, tol)
		}
		if s.Cascade.Mean != 0 || s.Verdict != NotCrossed {
			t.Errorf("P(cascade): got=%v verdict=%v, want=0 not_crossed", s.Cascade.Mean, s.Verdict)
		}
		// Early generations of a subcritical branching process: each sharer
		// activates c·p others on average (minus O(1/n) collisions).
		if math.Abs(s.Branching-c*p) > 0.03 {
			t.Errorf("branching: got=%.4f, want=%.4f ± 0.03", s.Branching, c*p)
		}
	})
	t.Run("supercritical", func(t *testing.T) {
		const p = 0.5 // c·p = 2
		S := 0.5
		for range 200 {
			S = 1 - math.Exp(-c*p*S)
		}
		res := runIC(t, g, IC{Strength: p}, Behaviours{}, randomRoot{n: n}, Config{Seed: 2, Trials: 3000, Theta: 0.3})
		s := res.Summary
		if tol := 4*s.Cascade.SE + 0.01; math.Abs(s.Cascade.Mean-S) > tol {
			t.Errorf("P(cascade): got=%.4f, want S=%.4f ± %.4f", s.Cascade.Mean, S, tol)
		}
		if got, tol := s.Reach.Mean/n, 4*s.Reach.SE/n+0.01; math.Abs(got-S*S) > tol {
			t.Errorf("mean reach/n: got=%.4f, want S²=%.4f ± %.4f", got, S*S, tol)
		}
		if s.Verdict != Crossed {
			t.Errorf("verdict: got=%v, want=%v", s.Verdict, Crossed)
		}
	})
}

// TestDeterminism: the same seed gives byte-identical accumulators for 1
// and 8 workers, with and without a precision target, and a run split into
// two shards merges to the whole run.
func TestDeterminism(t *testing.T) {
	g := directedGnp(t, 3000, 2.0/3000, 3)
	k, err := IC{Strength: 0.6}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	rec := RecorderOptions{Exposures: true, Hits: true}
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"fixed", Config{Seed: 4, Trials: 3000, Batch: 64, Theta: 0.1, Record: rec}},
		{"target", Config{Seed: 4, Trials: 100000, Batch: 64, Theta: 0.1, Record: rec, Precision: Precision{RelReach: 0.05}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out []string
			for _, w := range []int{1, 8} {
				cfg := tc.cfg
				cfg.Workers = w
				res, err := Run(context.Background(), k, randomRoot{n: 3000}, cfg)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, mustJSON(t, res.Acc))
			}
			if out[0] != out[1] {
				t.Errorf("workers=1 and workers=8 differ")
			}
		})
	}
	t.Run("shards", func(t *testing.T) {
		cfg := Config{Seed: 4, Trials: 3000, Theta: 0.1, Record: rec}
		whole, err := Run(context.Background(), k, randomRoot{n: 3000}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var merged *Accumulator
		for _, part := range [][2]uint64{{1000, 2000}, {0, 1000}} {
			c := cfg
			c.First, c.Trials = part[0], int(part[1]-part[0])
			res, err := Run(context.Background(), k, randomRoot{n: 3000}, c)
			if err != nil {
				t.Fatal(err)
			}
			// Round-trip through JSON, as shards written by other machines.
			var a Accumulator
			if err := json.Unmarshal([]byte(mustJSON(t, res.Acc)), &a); err != nil {
				t.Fatal(err)
			}
			if merged == nil {
				merged = &a
			} else if err := merged.Merge(&a); err != nil {
				t.Fatal(err)
			}
		}
		c := cfg
		c.First, c.Trials = 2000, 1000
		last, err := Run(context.Background(), k, randomRoot{n: 3000}, c)
		if err != nil {
			t.Fatal(err)
		}
		if err := merged.Merge(last.Acc); err != nil {
			t.Fatal(err)
		}
		if a, b := mustJSON(t, merged), mustJSON(t, whole.Acc); a != b {
			t.Errorf("merged shards differ from the whole run")
		}
	})
}

func TestMergeMismatch(t *testing.T) {
	a := NewAccumulator(AccConfig{Nodes: 5, CascadeAt: 3, Generations: 4, Bins: 4, BinWidth: 1})
	b := NewAccumulator(AccConfig{Nodes: 5, CascadeAt: 2, Generations: 4, Bins: 4, BinWidth: 1})
	if err := a.Merge(b); !errors.Is(err, ErrConfigMismatch) {
		t.Errorf("got=%v, want %v", err, ErrConfigMismatch)
	}
}

// TestPrecisionTarget: the run stops at a batch boundary once the relative
// half-width of mean reach is met, well before the cap.
func TestPrecisionTarget(t *testing.T) {
	g := directedGnp(t, 3000, 2.0/3000, 3)
	res := runIC(t, g, IC{Strength: 0.3}, Behaviours{}, randomRoot{n: 3000},
		Config{Seed: 1, Trials: 1000000, Batch: 100, Precision: Precision{RelReach: 0.02}})
	s := res.Summary
	if res.Trials%100 != 0 || res.Trials >= 1000000 || res.Trials < 1000 {
		t.Errorf("trials: got=%d, want a multiple of 100 in [1000, 1e6)", res.Trials)
	}
	if hw := s.Reach.HalfWidth() / s.Reach.Mean; hw > 0.02 {
		t.Errorf("relative half-width: got=%.4f, want ≤ 0.02", hw)
	}
	// One batch fewer must not have met the target.
	prev := runIC(t, g, IC{Strength: 0.3}, Behaviours{}, randomRoot{n: 3000},
		Config{Seed: 1, Trials: res.Trials - 100, Batch: 100})
	if hw := prev.Summary.Reach.HalfWidth() / prev.Summary.Reach.Mean; hw <= 0.02 && res.Trials-100 >= 1000 {
		t.Errorf("stopped late: %d trials already had half-width %.4f", res.Trials-100, hw)
	}
}

// TestCancel: a cancelled run returns a partial result and the context error.
func TestCancel(t *testing.T) {
	g := directedGnp(t, 3000, 2.0/3000, 3)
	k, err := IC{Strength: 0.5}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	cfg := Config{Seed: 1, Trials: 1000000, Batch: 50, Theta: 0.5, Workers: 2, Progress: func(done, total int) {
		calls++
		if done >= 500 {
			cancel()
		}
	}}
	res, err := Run(ctx, k, randomRoot{n: 3000}, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got err=%v, want %v", err, context.Canceled)
	}
	if res == nil || !res.Partial || res.Trials < 500 || res.Trials >= 1000000 {
		t.Fatalf("got result %+v, want a partial result with 500 ≤ trials < 1e6", res)
	}
	if calls == 0 {
		t.Errorf("progress was never called")
	}
}

// TestRunPaired: a plan compared with itself differs by exactly 0, and a
// plan whose seeds contain another's never reaches fewer people, so its
// paired interval lies at or above 0 and is narrower than the unpaired one.
func TestRunPaired(t *testing.T) {
	g := directedGnp(t, 3000, 2.0/3000, 3)
	k, err := IC{Strength: 0.4}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	plans := []Seeder{at0(1, 2, 3), at0(1, 2, 3), at0(1, 2, 3, 4, 5, 6)}
	res, err := RunPaired(context.Background(), k, plans, Config{Seed: 5, Trials: 4000, Theta: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	same, err := res.Diff(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if same.Mean != 0 || same.Lo != 0 || same.Hi != 0 {
		t.Errorf("Diff(0,1): got=%+v, want exactly 0", same)
	}
	more, _ := res.Diff(2, 0)
	less, _ := res.Diff(0, 2)
	wantMean := res.Plans[2].Summary.Reach.Mean - res.Plans[0].Summary.Reach.Mean
	if math.Abs(more.Mean-wantMean) > 1e-9 || more.Lo < 0 || less.Mean != -more.Mean || less.Hi != -more.Lo {
		t.Errorf("Diff(2,0)=%+v Diff(0,2)=%+v, want mean %v ≥ 0 and antisymmetric", more, less, wantMean)
	}
	unpaired := math.Hypot(res.Plans[2].Summary.Reach.SE, res.Plans[0].Summary.Reach.SE)
	if more.SE >= unpaired {
		t.Errorf("paired se %v not below unpaired %v", more.SE, unpaired)
	}
	if _, err := res.Diff(1, 1); err == nil {
		t.Errorf("Diff(1,1): got nil error")
	}
}

// TestZeroAllocs: once warm, a trial (stream reseeding, starts, the model,
// the recorder and the accumulator) allocates nothing.
func TestZeroAllocs(t *testing.T) {
	g := directedGnp(t, 3000, 3.0/3000, 3)
	for _, tc := range []struct {
		name string
		m    IC
		b    Behaviours
	}{
		{"fast coins", IC{Strength: 0.5, Skip: SkipCoins}, Behaviours{}},
		{"fast geometric", IC{Strength: 0.05}, Behaviours{}},
		{"general", IC{Strength: 0.5}, Behaviours{Decay: 0.9, Zombie: make([]bool, 3000)}},
		{"timed", IC{Strength: 0.5, Delay: Delay{Kind: LogNormalDelay, Median: 1, Sigma: 1}}, Behaviours{HalfLife: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := tc.m.Bind(g, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			ro := RecorderOptions{Exposures: true, Hits: true}.withDefaults(k.Clock())
			cfg := AccConfig{Nodes: 3000, CascadeAt: 300, Clock: k.Clock(), Generations: ro.Generations, Bins: ro.Bins, BinWidth: ro.BinWidth, Exposures: true, Hits: true}
			pcg := rand.NewPCG(0, 0)
			w := &worker{runner: k.NewRunner(), rec: NewRecorder(3000, k.Clock(), ro), pcg: pcg, rnd: rand.New(pcg), reach: make([]int64, 1), nodes: 3000}
			tl := newTally(cfg, 1)
			seeders := []Seeder{randomRoot{n: 3000}}
			i := uint64(0)
			for ; i < 2000; i++ { // warm up: histograms and heap grow
				_ = w.play(1, i, seeders, tl)
			}
			allocs := testing.AllocsPerRun(500, func() {
				_ = w.play(1, i%2000, seeders, tl)
				i++
			})
			if allocs != 0 {
				t.Errorf("allocs per trial: got=%v, want=0", allocs)
			}
		})
	}
}

// TestTimeCurve: cumulative reach over time ends at the final reach (its
// mean and median in the last bin equal those of the reach), never
// decreases, and its bands are ordered; activations per bin add up to the
// reach. Checked on both clocks.
func TestTimeCurve(t *testing.T) {
	g := directedGnp(t, 2000, 3.0/2000, 5)
	for _, tc := range []struct {
		name string
		m    IC
		rec  RecorderOptions
	}{
		{"generations", IC{Strength: 0.4}, RecorderOptions{Generations: 16}},
		{"hours", IC{Strength: 0.4, Delay: Delay{Kind: ExponentialDelay, Median: 2}}, RecorderOptions{Bins: 24, BinWidth: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := runIC(t, g, tc.m, Behaviours{}, randomRoot{n: 2000}, Config{Seed: 8, Trials: 2000, Record: tc.rec})
			s := res.Summary
			last := s.Curve[len(s.Curve)-1]
			if math.Abs(last.Mean-s.Reach.Mean) > 1e-9 || last.P50 != s.Quantiles.P50 {
				t.Errorf("last bin: got mean=%v p50=%v, want=%v %v", last.Mean, last.P50, s.Reach.Mean, s.Quantiles.P50)
			}
			sum := 0.0
			for i, c := range s.Curve {
				sum += c.New
				if !(c.P05 <= c.P25 && c.P25 <= c.P50 && c.P50 <= c.P75 && c.P75 <= c.P95) {
					t.Errorf("bin %d: bands out of order: %+v", i, c)
				}
				if i > 0 && (c.Mean < s.Curve[i-1].Mean || c.P50 < s.Curve[i-1].P50) {
					t.Errorf("bin %d: cumulative reach decreases: %+v after %+v", i, c, s.Curve[i-1])
				}
			}
			if math.Abs(sum-s.Reach.Mean) > 1e-9 {
				t.Errorf("Σ new per bin: got=%v, want=%v", sum, s.Reach.Mean)
			}
		})
	}
}

// TestPrecisionCascade: an absolute target on P(cascade) stops the run once
// the Wilson half-width is met, at a batch boundary.
func TestPrecisionCascade(t *testing.T) {
	g := directedGnp(t, 2000, 3.0/2000, 5)
	res := runIC(t, g, IC{Strength: 0.5}, Behaviours{}, randomRoot{n: 2000},
		Config{Seed: 1, Trials: 1000000, Batch: 200, Theta: 0.2, Precision: Precision{AbsCascade: 0.02}})
	hw := res.Summary.Cascade.HalfWidth()
	if hw > 0.02 || res.Trials%200 != 0 || res.Trials >= 1000000 {
		t.Errorf("got %d trials, half-width %.4f; want a multiple of 200 below 1e6 with half-width ≤ 0.02", res.Trials, hw)
	}
}

// TestPrecisionDecide: the sequential rule stops a point at the first batch
// after which its 99.9% Wilson interval of P(cascade) is clear of 1/2: at
// the first look where P is plainly 0 or 1, never before MinTrials, and
// not at all (the cap) where P(cascade) is near 1/2; the stopping batch is
// the same for any number of workers. A star 0→1..9 from node 0 with
// θ·n = 5 cascades when 4 of 9 leaves are reached: P = 1 at s = 1, 0 at
// s = 0.05 (P(Binomial(9, 0.05) ≥ 4) = 6e-4), and 0.5 near s = 0.4 (0.517).
func TestPrecisionDecide(t *testing.T) {
	// A seed with one follower who has nine: a trial cascades (spread beyond
	// the first level reaches θ·n = 6 of 11) with probability
	// s·P(Bin(9, s) ≥ 6): 1 at s = 1, 0.0000 at s = 0.05 and 0.511 at
	// s = 0.7, where no 99.9% interval clears 1/2 within 4,000 trials.
	arcs := [][2]uint32{{0, 1}}
	for i := 2; i <= 10; i++ {
		arcs = append(arcs, [2]uint32{1, uint32(i)})
	}
	g := buildGraph(t, 11, arcs, nil, false)
	for _, c := range []struct {
		s          float64
		lo, hi     int     // trials played
		wantVerdct Verdict // "" for any (a 95% interval may clear 1/2 where the 99.9% one did not)
	}{{1, 64, 64, Crossed}, {0.05, 64, 64, NotCrossed}, {0.7, 4000, 4000, ""}} {
		var got []string
		for _, w := range []int{1, 3} {
			res := runIC(t, g, IC{Strength: c.s}, Behaviours{}, at0(0),
				Config{Seed: 3, Trials: 4000, Theta: 0.5, Workers: w, Batch: SequentialBatch, Precision: SequentialStop()})
			if res.Trials < c.lo || res.Trials > c.hi || (c.wantVerdct != "" && res.Summary.Verdict != c.wantVerdct) {
				t.Errorf("s=%v workers=%d: got=%d trials, verdict %s; want %d–%d, %s", c.s, w, res.Trials, res.Summary.Verdict, c.lo, c.hi, c.wantVerdct)
			}
			got = append(got, mustJSON(t, res.Acc))
		}
		if got[0] != got[1] {
			t.Errorf("s=%v: results differ between 1 and 3 workers", c.s)
		}
	}
}

// TestBadStarts: a seeder's bad starts or cost are an error, not a panic.
func TestBadStarts(t *testing.T) {
	g := directedGnp(t, 100, 0.02, 5)
	k, err := IC{Strength: 0.3}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		s    fixedSeeds
		want string
	}{
		{"out of range", fixedSeeds{starts: []Start{{Node: 100, Active: true}}}, "start node 100 out of range [0,100)"},
		{"unsorted", fixedSeeds{starts: []Start{{Node: 1, Time: 2}, {Node: 2, Time: 1}}}, "not sorted"},
		{"negative time", fixedSeeds{starts: []Start{{Node: 1, Time: -1}}}, "bad start time -1"},
		{"NaN cost", fixedSeeds{starts: []Start{{Node: 1}}, cost: math.NaN()}, "bad cost"},
	} {
		_, err := Run(context.Background(), k, tc.s, Config{Seed: 1, Trials: 10, Theta: 0.5})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got=%v, want an error containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := Run(context.Background(), k, at0(1), Config{Seed: 1, Trials: 10, Theta: 1.5}); err == nil {
		t.Errorf("theta=1.5: got nil error")
	}
	if _, err := Run(context.Background(), k, at0(1), Config{Seed: 1, Trials: 0, Theta: 0.5}); err == nil {
		t.Errorf("trials=0: got nil error")
	}
}
