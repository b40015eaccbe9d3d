package sim

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// modelPlayer plays trials of one kernel from fixed starts with a recorder of
// its own, without the engine, so that the models can be tested alone.
type modelPlayer struct {
	run   Runner
	rec   *Recorder
	trial Trial
}

func newModelPlayer(k Kernel) *modelPlayer {
	return newModelPlayerWith(k, RecorderOptions{Generations: 16, Bins: 16, BinWidth: 1, Exposures: true})
}

func newModelPlayerWith(k Kernel, o RecorderOptions) *modelPlayer {
	return &modelPlayer{run: k.NewRunner(), rec: NewRecorder(0, k.Clock(), o)}
}

// play runs trial i of seed from starts and returns the recorder.
func (p *modelPlayer) play(seed, i uint64, starts []Start) *Recorder {
	p.rec.Reset()
	p.trial = Trial{Index: i, Key: TrialKey(seed, i), Starts: starts}
	p.run.Run(&p.trial, p.rec)
	return p.rec
}

// reachDist plays trials and returns the empirical distribution of reach
// (index = reach) and the mean exposures.
func (p *modelPlayer) reachDist(seed uint64, trials, n int, starts []Start) ([]float64, float64) {
	dist := make([]float64, n+1)
	exposed := 0.0
	for i := range trials {
		r := p.play(seed, uint64(i), starts)
		dist[r.reach]++
		exposed += float64(r.exposed)
	}
	for i := range dist {
		dist[i] /= float64(trials)
	}
	return dist, exposed / float64(trials)
}

// buildGraph builds a graph of n nodes from arcs (edges when undirected),
// weighted when w is not nil.
func buildGraph(t testing.TB, n int, arcs [][2]uint32, w []float32, undirected bool) *graph.CSR {
	t.Helper()
	b := graph.NewBuilder(graph.Options{Undirected: undirected})
	b.AddNodes(n)
	for i, a := range arcs {
		if w != nil {
			b.AddWeightedEdge(a[0], a[1], w[i])
		} else {
			b.AddEdge(a[0], a[1])
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// gnpForTest returns a seeded G(n, p).
func gnpForTest(t testing.TB, n int, p float64, directed bool, seed uint64) *graph.CSR {
	t.Helper()
	g, err := graph.Gnp(n, p, directed, rand.New(rand.NewPCG(seed, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// pathGraph is the directed path 0→1→…→n−1.
func pathGraph(t testing.TB, n int) *graph.CSR {
	arcs := make([][2]uint32, n-1)
	for i := range arcs {
		arcs[i] = [2]uint32{uint32(i), uint32(i + 1)}
	}
	return buildGraph(t, n, arcs, nil, false)
}

// tailAt returns P(reach ≥ k) from a reach distribution.
func tailAt(dist []float64, k int) float64 {
	s := 0.0
	for r := k; r < len(dist); r++ {
		s += dist[r]
	}
	return s
}

// meanOf returns the mean reach of a distribution.
func meanOf(dist []float64) float64 {
	s := 0.0
	for r, p := range dist {
		s += float64(r) * p
	}
	return s
}

// checkProb fails unless the estimate got of probability want from trials
// independent trials lies within 5 standard errors (a false alarm rate below
// 1e-6 per check), with a floor for probabilities near 0 or 1.
func checkProb(t *testing.T, what string, got, want float64, trials int) {
	t.Helper()
	se := math.Sqrt(max(want*(1-want), 1e-4) / float64(trials))
	if math.Abs(got-want) > 5*se {
		t.Errorf("%s: got=%.4f, want=%.4f ± %.4f (5 se, %d trials)", what, got, want, 5*se, trials)
	}
}

// checkMean fails unless the sample mean got lies within 5 standard errors
// of want, sd being the standard deviation of one trial.
func checkMean(t *testing.T, what string, got, want, sd float64, trials int) {
	t.Helper()
	se := sd / math.Sqrt(float64(trials))
	if math.Abs(got-want) > 5*se+1e-12 {
		t.Errorf("%s: got=%.4f, want=%.4f ± %.4f (5 se, %d trials)", what, got, want, 5*se, trials)
	}
}

func TestBehavioursValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		b     Behaviours
		clock Clock
		want  string // "" for no error, else a substring of the error
	}{
		{"none", Behaviours{}, Generations, ""},
		{"decay", Behaviours{Decay: 0.9}, Generations, ""},
		{"half-life on hours", Behaviours{HalfLife: 6}, Hours, ""},
		{"zombie length", Behaviours{Zombie: make([]bool, 3)}, Generations, "3 entries for 4 nodes"},
		{"decay above 1", Behaviours{Decay: 1.5}, Generations, "d=1.5"},
		{"decay NaN", Behaviours{Decay: math.NaN()}, Generations, "d=NaN"},
		{"negative half-life", Behaviours{HalfLife: -1}, Hours, "-1 hours"},
		{"half-life on generations", Behaviours{HalfLife: 2}, Generations, "hours clock"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.b.Validate(4, tc.clock)
			if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("got=%v, want=%q", err, tc.want)
			}
		})
	}
}

func TestFreshness(t *testing.T) {
	f := newFreshness(Behaviours{Decay: 0.5, HalfLife: 2})
	for _, tc := range []struct {
		gen  uint32
		t    float64
		want float64
	}{{0, 0, 1}, {1, 0, 0.5}, {3, 0, 0.125}, {0, 2, 0.5}, {2, 4, 0.0625}, {70, 0, math.Pow(0.5, 70)}} {
		if got := f.factor(tc.gen, tc.t); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("factor(%d, %v): got=%v, want=%v", tc.gen, tc.t, got, tc.want)
		}
	}
	if g := newFreshness(Behaviours{Decay: 1}); !g.none() {
		t.Errorf("decay 1: got a decay, want none")
	}
}

func TestRandomZombies(t *testing.T) {
	// Each of n nodes is a zombie with probability f: the count is
	// Binomial(n, f); allow 5 sd.
	const n, f = 100000, 0.2
	z, err := RandomZombies(n, f, 7)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, b := range z {
		if b {
			k++
		}
	}
	checkProb(t, "zombie fraction", float64(k)/n, f, n)
	z2, _ := RandomZombies(n, f, 7)
	for i := range z {
		if z[i] != z2[i] {
			t.Fatalf("node %d: same seed, different zombies", i)
		}
	}
	if all, _ := RandomZombies(10, 1, 1); !all[0] || !all[9] {
		t.Errorf("f=1: got=%v, want all zombies", all)
	}
	if _, err := RandomZombies(10, 1.2, 1); err == nil {
		t.Errorf("f=1.2: got no error")
	}
}

func TestZombiesFromLabels(t *testing.T) {
	b := graph.NewBuilder(graph.Options{})
	for _, s := range []string{"alice", "bob", "carol"} {
		b.AddNode(s)
	}
	b.AddEdge(0, 1)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	z, err := ZombiesFromLabels(g, []string{"carol", "alice"})
	if err != nil || !z[0] || z[1] || !z[2] {
		t.Errorf("got=%v %v, want=[true false true]", z, err)
	}
	_, err = ZombiesFromLabels(g, []string{"bobb"})
	if err == nil || !strings.Contains(err.Error(), `"bob"`) {
		t.Errorf("unknown label: got=%v, want a suggestion of \"bob\"", err)
	}
}

// TestZombiesNeverAdopt runs every model on a path whose middle node is a
// zombie: it is exposed, never adopts, and the content stops there; started
// at the zombie, the content spreads on.
func TestZombiesNeverAdopt(t *testing.T) {
	g := pathGraph(t, 5)
	z := make([]bool, 5)
	z[2] = true
	b := Behaviours{Zombie: z}
	for _, m := range []Model{
		LT{Strength: 1}, Watts{Phi: FixedPhi(0.5), Strength: 1},
		Complex{K: 1, Strength: 1}, SIR{Strength: 0.999999, Recovery: 1e-9},
	} {
		k, err := m.Bind(g, b)
		if err != nil {
			t.Fatal(err)
		}
		p := newModelPlayer(k)
		for i := range 20 {
			r := p.play(1, uint64(i), []Start{{Node: 0, Active: true}})
			if r.reach != 2 || r.exposed != 3 {
				t.Errorf("%s trial %d from 0: got reach=%d exposed=%d, want reach=2 exposed=3", m.Name(), i, r.reach, r.exposed)
			}
			r = p.play(1, uint64(i), []Start{{Node: 2, Active: true}})
			if r.reach != 3 || r.exposed != 3 {
				t.Errorf("%s trial %d from the zombie: got reach=%d exposed=%d, want reach=3 exposed=3", m.Name(), i, r.reach, r.exposed)
			}
		}
	}
}

// TestDecayOnPath checks freshness decay exactly on the path 0→1→…: in
// every model there, node j is reached iff each of the j shares before it
// succeeds, the share of generation g with probability s·d^g, so
// P(reach ≥ j+1) = Π_{g<j} s·d^g.
func TestDecayOnPath(t *testing.T) {
	const n, s, d, trials = 6, 0.9, 0.8, 40000
	g := pathGraph(t, n)
	b := Behaviours{Decay: d}
	for _, m := range []Model{
		LT{Strength: s}, Watts{Phi: FixedPhi(1), Strength: s},
		Complex{K: 1, Strength: s}, SIR{Strength: s, Recovery: 1},
	} {
		k, err := m.Bind(g, b)
		if err != nil {
			t.Fatal(err)
		}
		dist, _ := newModelPlayer(k).reachDist(3, trials, n, []Start{{Node: 0, Active: true}})
		want := 1.0
		for j := 1; j < n; j++ {
			want *= s * math.Pow(d, float64(j-1))
			checkProb(t, m.Name()+" P(reach ≥ "+string(rune('0'+j+1))+")", tailAt(dist, j+1), want, trials)
		}
	}
}

// TestRunnersDoNotAllocate proves the zero-allocation contract of every
// runner on a random graph with a sizeable cascade.
func TestRunnersDoNotAllocate(t *testing.T) {
	g := gnpForTest(t, 2000, 8.0/2000, false, 11)
	z, _ := RandomZombies(g.N(), 0.05, 1)
	b := Behaviours{Zombie: z, Decay: 0.95}
	var starts []Start
	for v := range uint32(40) {
		starts = append(starts, Start{Node: v, Time: float64(v / 20), Active: v%10 != 0})
	}
	for _, m := range []Model{
		LT{Strength: 0.9}, Watts{Phi: PhiDist{Kind: PhiNormal, A: 0.2, B: 0.1}, Strength: 1},
		Complex{K: 2, Strength: 0.8}, SIR{Strength: 0.4, Recovery: 1},
	} {
		k, err := m.Bind(g, b)
		if err != nil {
			t.Fatal(err)
		}
		p := newModelPlayer(k)
		i := uint64(0)
		reach := 0
		allocs := testing.AllocsPerRun(50, func() {
			reach += p.play(5, i, starts).reach
			i++
		})
		if allocs != 0 {
			t.Errorf("%s: got=%v allocations per trial, want=0", m.Name(), allocs)
		}
		if reach < 51*45 { // 36 active starts
			t.Errorf("%s: mean reach %v: the test cascade is too small to prove anything", m.Name(), float64(reach)/51)
		}
	}
}

// TestModelsThroughEngine runs every model of this package through the
// engine with a plan that mixes fixed, random and broadcast starts: the
// result is the same byte for byte with 1 and 3 workers, and the cascades
// are not trivial.
func TestModelsThroughEngine(t *testing.T) {
	g := gnpForTest(t, 3000, 6.0/3000, true, 21)
	plan := Plan{
		Groups: []Group{
			{Seeds: Selector{Kind: SelectTopDegree, K: 3}},
			{Seeds: Selector{Kind: SelectRandom, K: 5}, Time: 1},
		},
		Channels: []Channel{{Time: 2, Fraction: 0.01, Convert: 0.3}},
		Cost:     CostModel{PerSeed: 10, PerFollower: 0.1},
	}
	seeder, err := plan.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	z, _ := RandomZombies(g.N(), 0.02, 3)
	for _, m := range []Model{
		LT{Strength: 0.9}, Watts{Phi: PhiDist{Kind: PhiUniform, A: 0.05, B: 0.3}, Strength: 0.9},
		Complex{K: 1, Strength: 0.5}, SIR{Strength: 0.3, InfectiousPeriod: 4},
	} {
		k, err := m.Bind(g, Behaviours{Zombie: z, Decay: 0.98})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		var mean float64
		for _, w := range []int{1, 3} {
			res, err := Run(context.Background(), k, seeder, Config{
				Seed: 9, Trials: 400, Workers: w, Batch: 16, Theta: 0.1,
				Record: RecorderOptions{Exposures: true, Hits: true},
			})
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(res.Acc)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(b))
			mean = res.Summary.Reach.Mean
		}
		if out[0] != out[1] {
			t.Errorf("%s: workers=1 and workers=3 differ", m.Name())
		}
		if mean < 30 { // about 17 active starts
			t.Errorf("%s: mean reach %v: the cascade is too small to test anything", m.Name(), mean)
		}
	}
}

// TestExposuresOptional: without exposure tracking, every model reports no
// exposures and the same reach and first-level spread, trial by trial.
func TestExposuresOptional(t *testing.T) {
	g := gnpForTest(t, 2000, 4.0/2000, true, 8)
	starts := []Start{{Node: 1, Active: true}, {Node: 2, Time: 0.5, Active: true}, {Node: 3}}
	for _, m := range []Model{
		LT{Strength: 1}, Watts{Phi: FixedPhi(0.2), Strength: 0.9},
		Complex{K: 1, Strength: 0.4}, SIR{Strength: 0.4, Recovery: 1},
	} {
		k, err := m.Bind(g, Behaviours{})
		if err != nil {
			t.Fatal(err)
		}
		with := newModelPlayer(k)
		without := newModelPlayerWith(k, RecorderOptions{})
		for i := range uint64(100) {
			a, b := with.play(1, i, starts), without.play(1, i, starts)
			if a.Reach() != b.Reach() || a.First() != b.First() || b.Exposed() != 0 {
				t.Fatalf("%s trial %d: got reach %d/%d first %d/%d exposed %d, want equal reach and first, 0 exposed",
					m.Name(), i, a.Reach(), b.Reach(), a.First(), b.First(), b.Exposed())
			}
		}
	}
}
