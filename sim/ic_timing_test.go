package sim

import "testing"

// TestFractionalStartRounding: with the Generations clock every model
// rounds a fractional start time up: on the path 0→1→2 at full strength a
// start at T activates at step ⌈T⌉ and its follower at ⌈T⌉+1. IC used to
// floor (1.5 joined at step 1) while LT and complex contagion rounded up.
func TestFractionalStartRounding(t *testing.T) {
	g := pathGraph(t, 3)
	models := []Model{IC{Strength: 1}, IC{Strength: 1, Weighting: WeightedCascade}, LT{Strength: 1},
		Watts{Phi: FixedPhi(0.5), Strength: 1}, Complex{K: 1, Strength: 1}}
	for _, m := range models {
		k, err := m.Bind(g, Behaviours{})
		if err != nil {
			t.Fatal(err)
		}
		p := newModelPlayer(k)
		for _, c := range []struct {
			at   float64
			step int
		}{{0, 0}, {0.25, 1}, {1, 1}, {1.5, 2}, {2.999, 3}, {3, 3}} {
			rec := p.play(1, 0, []Start{{Node: 0, Time: c.at, Active: true}})
			for s, want := range map[int]uint32{c.step: 1, c.step + 1: 1, c.step + 2: 1} {
				if rec.bins[s] != want {
					t.Errorf("%s %T: start at %v: activations at step %d: got=%d, want=%d (bins %v)", m.Name(), m, c.at, s, rec.bins[s], want, rec.bins[:6])
				}
			}
		}
	}
}

// TestTimedICEarliestArrival: with random delays a node activates at the
// earliest arrival over its live in-arcs. On the diamond 0→1→3, 0→2→3 at
// full strength node 3's time must be min(d01+d13, d02+d23), from the arcs'
// own delays (arcDelay), in every trial: 1,000 trials with log-normal
// delays put the later path first about half the time, so a runner that
// keeps the first arrival it sees, or the later one, fails.
func TestTimedICEarliestArrival(t *testing.T) {
	g := buildGraph(t, 4, [][2]uint32{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, nil, false)
	const width = 1e-3 // hours per time bin
	k, err := IC{Strength: 1, Delay: Delay{Kind: LogNormalDelay, Median: 1, Sigma: 1}}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	ik := k.(*icKernel)
	p := newModelPlayerWith(k, RecorderOptions{Generations: 4, Bins: 1 << 16, BinWidth: width})
	later := 0
	for i := range uint64(1000) {
		key := TrialKey(9, i)
		delay := func(u uint32, j int32) float64 { return ik.arcDelay(NewCoins(key, u, PurposeShare).s, j) }
		t1 := delay(0, 0) + delay(1, 0)
		t2 := delay(0, 1) + delay(2, 0)
		rec := p.play(9, i, []Start{{Node: 0, Active: true}})
		bin := func(h float64) int { return min(int(h/width), len(rec.bins)-1) }
		if bin(t1) == bin(t2) {
			continue // one bin: says nothing
		}
		if (delay(0, 0) < delay(0, 1)) != (t1 < t2) {
			later++ // the first parent to activate is on the later path
		}
		want := map[int]uint32{}
		for _, h := range []float64{0, delay(0, 0), delay(0, 1), min(t1, t2)} {
			want[bin(h)]++
		}
		for b, n := range want {
			if rec.bins[b] != n {
				t.Fatalf("trial %d: %d activations in bin %d, want %d (node 3 at min(%.4f, %.4f) h)", i, rec.bins[b], b, n, t1, t2)
			}
		}
	}
	if later < 100 {
		t.Errorf("only %d trials put the first parent on the later path: got=%d, want ≥ 100 (the test cannot tell)", later, later)
	}
}

// TestICExposuresExact: the exposures of a trial are the start points and
// every out-neighbour of an activated node, counted once. Checked trial by
// trial against that set, on the fast path (whose byte marks wrap every
// 255 trials: 1,000 trials wrap them three times) and on the general path
// (a decay of 0.999 forces it). The starts repeat every 255 trials, so a
// mark left from 255 trials before (a wrap without clearing) would hide an
// exposure.
func TestICExposuresExact(t *testing.T) {
	g := directedGnp(t, 2000, 4.0/2000, 8)
	for _, m := range []struct {
		name string
		b    Behaviours
	}{{"fast", Behaviours{}}, {"general", Behaviours{Decay: 0.999}}} {
		k, err := IC{Strength: 0.3}.Bind(g, m.b)
		if err != nil {
			t.Fatal(err)
		}
		p := newModelPlayerWith(k, RecorderOptions{Generations: 16, Exposures: true, Hits: true})
		p.rec.nodes = make([]uint32, 0, g.N())
		seen := make([]bool, g.N())
		for i := range uint64(1000) {
			j := uint32(i % 255)
			starts := []Start{{Node: j * 7, Active: true}, {Node: j*7 + 3, Active: true}}
			rec := p.play(4, i, starts)
			clear(seen)
			want := 0
			mark := func(v uint32) {
				if !seen[v] {
					seen[v] = true
					want++
				}
			}
			for _, s := range starts {
				mark(s.Node)
			}
			for _, u := range rec.nodes {
				for _, v := range g.Out.Neighbors(u) {
					mark(v)
				}
			}
			if rec.exposed != want {
				t.Fatalf("%s trial %d: got=%d exposures, want=%d (reach %d)", m.name, i, rec.exposed, want, rec.reach)
			}
		}
	}
}
