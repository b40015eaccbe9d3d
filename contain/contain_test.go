package contain

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// build returns the directed graph of arcs on n nodes; it panics on bad
// arcs (a broken test).
func build(n int, arcs [][2]uint32) *graph.CSR {
	b := graph.NewBuilder(graph.Options{})
	b.AddNodes(n)
	for _, a := range arcs {
		b.AddEdge(a[0], a[1])
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	return g
}

// bridgeProblem is a backlash at node 0 whose only way out is the bridge
// node 1 into a dense cluster 2..9, beside a decoy hub 10 with the most
// followers (11..21) that the backlash never reaches. Our clarification
// launches one generation before the backlash: seeding the bridge holds it
// before the backlash arrives and contains the backlash to its seed.
func bridgeProblem() Problem {
	arcs := [][2]uint32{{0, 1}}
	for u := uint32(1); u <= 9; u++ {
		for v := uint32(2); v <= 9; v++ {
			if u != v {
				arcs = append(arcs, [2]uint32{u, v})
			}
		}
	}
	for v := uint32(11); v <= 21; v++ {
		arcs = append(arcs, [2]uint32{10, v})
	}
	return Problem{
		Graph: build(22, arcs), Backlash: []uint32{0}, BacklashStart: 1, BacklashStrength: 0.9,
		ClarifyStrength: 0.5, K: 1,
	}
}

func TestContainBridge(t *testing.T) {
	p := bridgeProblem()
	o := Options{Seed: 1, Trials: 2000, SelectTrials: 300}
	ctx := context.Background()
	base, plans, err := Plans(ctx, p, Strategies, o)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Strategy]uint32{TopDegree: 10, Neighbours: 1, RIS: 1, Greedy: 1}
	for _, e := range plans {
		if w, ok := want[e.Strategy]; ok && !slices.Equal(e.Seeds, []uint32{w}) {
			t.Errorf("%s: got=%v, want=[%d]", e.Strategy, e.Seeds, w)
		}
		contained := slices.Equal(e.Seeds, []uint32{1})
		if contained && e.Backlash.Mean != 1 {
			t.Errorf("%s: backlash reach %v with the bridge held, want exactly 1 (its seed)", e.Strategy, e.Backlash.Mean)
		}
		if !contained && e.Strategy == TopDegree && e.Backlash.Mean != base.Backlash.Mean {
			t.Errorf("the decoy hub changed the backlash: %v, want the baseline %v (same trials)", e.Backlash.Mean, base.Backlash.Mean)
		}
	}
	bf, err := BruteForce(ctx, p, o)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bf.Seeds, []uint32{1}) {
		t.Errorf("brute force: got=%v, want=[1]", bf.Seeds)
	}
	// The backlash alone: its seed, the bridge with 0.9, then the cluster.
	if base.Backlash.Mean < 8 || base.Clarify.Mean != 0 {
		t.Errorf("baseline: backlash reach %v (want ≥ 8), clarification reach %v (want 0)", base.Backlash.Mean, base.Clarify.Mean)
	}
}

// TestBruteForceIsBest checks brute force against every strategy on a small
// random graph with K = 2: its set, evaluated on fresh trials, must leave
// the backlash no more than any other plan's, within 4 standard errors of
// the difference (the evaluations share their trials, so the bound is
// conservative).
func TestBruteForceIsBest(t *testing.T) {
	g, err := graph.Gnp(16, 0.2, true, rand.New(rand.NewPCG(4, 1)))
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Graph: g, Backlash: []uint32{0, 1}, BacklashStrength: 0.6, ClarifyStart: 0, ClarifyStrength: 0.6, K: 2}
	o := Options{Seed: 2, Trials: 3000, SelectTrials: 400}
	ctx := context.Background()
	bf, err := BruteForce(ctx, p, o)
	if err != nil {
		t.Fatal(err)
	}
	_, plans, err := Plans(ctx, p, Strategies, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range plans {
		se := math.Hypot(bf.Backlash.SE, e.Backlash.SE)
		if bf.Backlash.Mean > e.Backlash.Mean+4*se {
			t.Errorf("brute force %v leaves %.3f, worse than %s %v at %.3f (4 se %.3f)", bf.Seeds, bf.Backlash.Mean, e.Strategy, e.Seeds, e.Backlash.Mean, 4*se)
		}
	}
}

// TestRISSet checks the blocking set of one target against the recursion
// T(v) = d(v) − 1, T(x) = min(d(x) − 1, max T(y) − 1) worked by hand.
// Arcs 1→2, 2→3, 5→2, 7→3; the backlash reaches 1 at 1, 2 at 2, 3 at 4,
// 7 at 1, never 5. Target 3: T(3) = 3, T(2) = 1, T(7) = 0, T(1) = 0,
// T(5) = 0. Launched at generation 0 every one saves 3; launched at 1 only
// 3 and 2 do (at 7 or 1 the backlash arrives as ours does: a coin, not a save).
func TestRISSet(t *testing.T) {
	g := build(8, [][2]uint32{{1, 2}, {2, 3}, {5, 2}, {7, 3}})
	const inf = math.MaxInt32
	dist := []int32{0, 1, 2, 4, inf, inf, inf, 1}
	_, cIn := arcThresholds(g, sim.Uniform, 1)
	cand := make([]bool, 8)
	for i := range cand {
		cand[i] = true
	}
	late, stamp := make([]int32, 8), make([]uint32, 8)
	var buckets [][]uint32
	for _, tc := range []struct {
		c    int32
		want []uint32
	}{{0, []uint32{1, 2, 3, 5, 7}}, {1, []uint32{2, 3}}, {3, []uint32{3}}} {
		got := risSet(g, 3, tc.c, dist, late, stamp, uint32(tc.c)+1, &buckets, cIn, 9, nil, cand)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("launch at %d: got=%v, want=%v", tc.c, got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := bridgeProblem()
	cases := []struct {
		name string
		edit func(p *Problem)
		want string
	}{
		{"no backlash", func(p *Problem) { p.Backlash = nil }, "no seeds"},
		{"seed out of range", func(p *Problem) { p.Backlash = []uint32{99} }, "out of range"},
		{"K zero", func(p *Problem) { p.K = 0 }, "K=0"},
		{"K too large", func(p *Problem) { p.K = 22 }, "K=22"},
		{"candidate is a seed", func(p *Problem) { p.Candidates = []uint32{0, 1} }, `candidate "0" is a backlash seed`},
		{"start before zero", func(p *Problem) { p.BacklashStart = -1 }, "bad start -1"},
		{"conversion", func(p *Problem) { p.Convert = 2 }, "bad conversion probability"},
		{"strength", func(p *Problem) { p.ClarifyStrength = -1 }, "bad strength"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			tc.edit(&p)
			_, err := Choose(context.Background(), p, TopDegree, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got=%v, want an error containing %q", err, tc.want)
			}
		})
	}
	if _, err := Choose(context.Background(), ok, "magic", Options{}); err == nil {
		t.Error("an unknown strategy was accepted")
	}
}

// ExamplePlans contains a backlash that can only leave its seed through a
// bridge: every strategy but the follower count finds the bridge.
func ExamplePlans() {
	p := bridgeProblem()
	base, plans, err := Plans(context.Background(), p, Strategies, Options{Seed: 1, Trials: 1000, SelectTrials: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("no clarification: backlash reaches %.1f\n", base.Backlash.Mean)
	for _, e := range plans {
		fmt.Printf("%-19s %v: backlash reaches %.1f\n", e.Strategy, e.Seeds, e.Backlash.Mean)
	}
	// Output:
	// no clarification: backlash reaches 9.1
	// top-degree          [10]: backlash reaches 9.1
	// backlash-neighbours [1]: backlash reaches 1.0
	// community-hubs      [10]: backlash reaches 9.1
	// ris                 [1]: backlash reaches 1.0
	// greedy-mc           [1]: backlash reaches 1.0
}

// TestContainBudget prices each account at 1 plus 1 per follower: the
// bridge (8 followers) costs 9, the decoy hub 12, a cluster member 8, a
// leaf 1. With 9 to spend every strategy stays within budget, and the
// follower count can no longer afford the hub; RIS and the greedy take the
// bridge. With 8 the bridge is out of reach and nobody may overspend.
func TestContainBudget(t *testing.T) {
	ctx := context.Background()
	o := Options{Seed: 1, Trials: 500, SelectTrials: 200}
	for _, budget := range []float64{9, 8} {
		p := bridgeProblem()
		p.K, p.Budget, p.Cost = 0, budget, sim.CostModel{PerSeed: 1, PerFollower: 1}
		_, plans, err := Plans(ctx, p, Strategies, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range plans {
			if e.Cost > budget || len(e.Seeds) == 0 {
				t.Errorf("budget %v: %s took %v costing %v", budget, e.Strategy, e.Seeds, e.Cost)
			}
			if slices.Contains(e.Seeds, 10) {
				t.Errorf("budget %v: %s took the hub, which costs 12", budget, e.Strategy)
			}
			if budget == 9 && (e.Strategy == RIS || e.Strategy == Greedy) && !slices.Equal(e.Seeds, []uint32{1}) {
				t.Errorf("budget 9: %s took %v, want the bridge [1]", e.Strategy, e.Seeds)
			}
		}
	}
	p := bridgeProblem()
	p.K, p.Budget, p.Cost = 0, 0.5, sim.CostModel{PerSeed: 1}
	if _, err := Choose(ctx, p, TopDegree, o); err == nil || !strings.Contains(err.Error(), "buys no account") {
		t.Errorf("a budget below every price: got=%v", err)
	}
	p.Budget = 5
	if _, err := BruteForce(ctx, p, o); err == nil {
		t.Error("brute force accepted a budget")
	}
}

// TestPaired checks the paired differences on the bridge problem, where
// they are known exactly: the decoy hub never meets the backlash, so every
// trial's difference to doing nothing is 0 (mean and interval exactly 0,
// though the two plans' own intervals are wide); holding the bridge leaves
// the backlash its seed in every trial, so the difference is the baseline's
// reach minus 1 trial by trial, with the baseline's own t interval shifted
// by 1. Evaluations on other trials are refused.
func TestPaired(t *testing.T) {
	p := bridgeProblem()
	o := Options{Seed: 4, Trials: 1500}
	ctx := context.Background()
	base, plans, err := Plans(ctx, p, []Strategy{TopDegree, Neighbours}, o)
	if err != nil {
		t.Fatal(err)
	}
	hub, bridge := plans[0], plans[1]
	if !slices.Equal(hub.Seeds, []uint32{10}) || !slices.Equal(bridge.Seeds, []uint32{1}) {
		t.Fatalf("seeds: got=%v and %v, want=[10] and [1]", hub.Seeds, bridge.Seeds)
	}
	d, err := Paired(base, hub)
	if err != nil {
		t.Fatal(err)
	}
	if d.Mean != 0 || d.Lo != 0 || d.Hi != 0 || !(base.Backlash.Hi-base.Backlash.Lo > 0.1) {
		t.Errorf("decoy hub saves: got=%+v, want exactly 0 (baseline interval %v–%v)", d, base.Backlash.Lo, base.Backlash.Hi)
	}
	d, err = Paired(base, bridge)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-9 // the same sums in another order: rounding only
	if math.Abs(d.Mean-(base.Backlash.Mean-1)) > tol || math.Abs(d.Lo-(base.Backlash.Lo-1)) > tol || math.Abs(d.Hi-(base.Backlash.Hi-1)) > tol {
		t.Errorf("bridge saves: got=%+v, want the baseline %+v less 1", d, base.Backlash)
	}
	r, err := Paired(bridge, base)
	if err != nil || r.Mean != -d.Mean || r.Lo != -d.Hi || r.Hi != -d.Lo {
		t.Errorf("reversed: got=%+v (err %v), want the negation of %+v", r, err, d)
	}
	o.Trials = 1000
	other, err := Evaluate(ctx, p, TopDegree, []uint32{10}, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Paired(base, other); err == nil {
		t.Error("evaluations on 1,500 and 1,000 trials were paired")
	}
	if _, err := Paired(base, Evaluation{Strategy: "x"}); err == nil {
		t.Error("an evaluation without trials was paired")
	}
}
