package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// ltExact returns the exact distribution of LT's reach from seeds on g at
// strength s, by enumerating the live-edge worlds of KKT's Theorem 2.5: each
// non-seed node keeps one in-arc u→v with probability b_uv, or none with
// 1 − Σ_u b_uv; the reach is the set reachable from the seeds over kept arcs.
func ltExact(g *graph.CSR, s float64, seeds []uint32) []float64 {
	n := g.N()
	dist := make([]float64, n+1)
	choice := make([]int, n) // -1: none; else index into In.Neighbors(v)
	influence := func(v uint32, j int) float64 {
		if g.Weighted() {
			return s * float64(g.In.NeighborWeights(v)[j])
		}
		return s / float64(g.In.Degree(v))
	}
	var rec func(v int, p float64)
	rec = func(v int, p float64) {
		if p == 0 {
			return
		}
		if v == n {
			active := make([]bool, n)
			for _, u := range seeds {
				active[u] = true
			}
			for changed := true; changed; {
				changed = false
				for w := range n {
					if !active[w] && choice[w] >= 0 && active[g.In.Neighbors(uint32(w))[choice[w]]] {
						active[w], changed = true, true
					}
				}
			}
			r := 0
			for _, a := range active {
				if a {
					r++
				}
			}
			dist[r] += p
			return
		}
		none := 1.0
		for j := range g.In.Degree(uint32(v)) {
			b := influence(uint32(v), j)
			none -= b
			choice[v] = j
			rec(v+1, p*b)
		}
		choice[v] = -1
		rec(v+1, p*max(none, 0))
	}
	rec(0, 1)
	return dist
}

// TestLTExact compares Monte Carlo with the exact live-edge distribution on
// tiny graphs: the mean reach and P(reach ≥ k) for every k, each within 5
// standard errors computed from the exact distribution.
func TestLTExact(t *testing.T) {
	const trials = 60000
	arcs := [][2]uint32{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {1, 3}, {3, 4}, {4, 1}, {5, 4}, {2, 5}}
	w := []float32{0.5, 0.3, 0.6, 0.4, 0.5, 0.5, 0.2, 0.4, 1}
	for _, tc := range []struct {
		name   string
		g      *graph.CSR
		s      float64
		starts []Start
	}{
		{"unweighted", buildGraph(t, 6, arcs, nil, false), 0.8, []Start{{Node: 0, Active: true}}},
		{"weighted", buildGraph(t, 6, arcs, w, false), 1, []Start{{Node: 0, Active: true}}},
		{"weighted s=0.6", buildGraph(t, 6, arcs, w, false), 0.6, []Start{{Node: 0, Active: true}}},
		{"undirected, two seeds", buildGraph(t, 6, arcs, nil, true), 0.9, []Start{{Node: 0, Active: true}, {Node: 5, Active: true}}},
		// The final set of a threshold model does not depend on launch
		// times, so staggered starts have the same exact distribution.
		{"staggered", buildGraph(t, 6, arcs, nil, false), 0.8, []Start{{Node: 0, Active: true}, {Node: 4, Time: 3, Active: true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := LT{Strength: tc.s}.Bind(tc.g, Behaviours{})
			if err != nil {
				t.Fatal(err)
			}
			var seeds []uint32
			for _, s := range tc.starts {
				seeds = append(seeds, s.Node)
			}
			want := ltExact(tc.g, tc.s, seeds)
			got, _ := newModelPlayer(k).reachDist(9, trials, tc.g.N(), tc.starts)
			mean, sq := meanOf(want), 0.0
			for r, p := range want {
				sq += p * (float64(r) - mean) * (float64(r) - mean)
			}
			checkMean(t, "mean reach", meanOf(got), mean, math.Sqrt(sq), trials)
			for r := 1; r <= tc.g.N(); r++ {
				checkProb(t, fmt.Sprintf("P(reach ≥ %d)", r), tailAt(got, r), tailAt(want, r), trials)
			}
		})
	}
}

func TestLTBindErrors(t *testing.T) {
	b := graph.NewBuilder(graph.Options{})
	for _, s := range []string{"kol", "fan", "other"} {
		b.AddNode(s)
	}
	b.AddWeightedEdge(0, 1, 0.7)
	b.AddWeightedEdge(2, 1, 0.6)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		s    float64
		want string
	}{
		{1, `node "fan": incoming influence s·Σw sums to 1.3 > 1`},
		{1.2, "bad strength: s=1.2"},
		{-0.1, "bad strength: s=-0.1"},
		{0.7, ""},
	} {
		_, err := LT{Strength: tc.s}.Bind(g, Behaviours{})
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("s=%v: got=%v, want=%q", tc.s, err, tc.want)
		}
	}
}
