package influence

import (
	"math"
	"math/bits"
	"testing"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Exact expected reach on tiny graphs by enumerating every live-edge world
// (as sim's exact tests do): for IC every arc is live or dead independently;
// for LT every node keeps at most one in-arc (Kempe, Kleinberg & Tardos
// 2003, Claim 2.6). In each world reach(S) is the union over s ∈ S of the
// nodes reachable from s along live arcs, a zombie other than s never
// adopting (so never counted nor passed through), so σ(S) = Σ_w P(w)·|∪_s reach_w(s)|.

type world struct {
	p     float64
	reach []uint32 // reach[u]: bitmask of nodes reachable from u
}

func buildGraph(t testing.TB, n int, arcs [][2]uint32, w []float32) *graph.CSR {
	t.Helper()
	b := graph.NewBuilder(graph.Options{})
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

// reachMasks returns, for live arcs (by position in g.Out), every node's
// reach bitmask; zombies other than the source never adopt.
func reachMasks(g *graph.CSR, live []bool, zombie []bool) []uint32 {
	n := g.N()
	out := make([]uint32, n)
	q := make([]uint32, 0, n)
	for s := range uint32(n) {
		seen := uint32(1) << s
		q = append(q[:0], s)
		for h := 0; h < len(q); h++ {
			u := q[h]
			for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
				v := g.Out.Targets[j]
				if live[j] && seen&(1<<v) == 0 && (zombie == nil || !zombie[v]) {
					seen |= 1 << v
					q = append(q, v)
				}
			}
		}
		out[s] = seen
	}
	return out
}

// icWorlds enumerates the 2^m worlds of IC with model m's arc probabilities.
func icWorlds(t testing.TB, g *graph.CSR, m sim.ArcProber, zombie []bool) []world {
	t.Helper()
	arcs := g.M()
	if arcs > 18 {
		t.Fatalf("icWorlds: %d arcs, too many", arcs)
	}
	p := make([]float64, arcs)
	for u := range uint32(g.N()) {
		for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
			p[j] = m.ArcProb(g, u, g.Out.Targets[j], sim.ArcWeight(g, j))
		}
	}
	var ws []world
	live := make([]bool, arcs)
	for mask := 0; mask < 1<<arcs; mask++ {
		pr := 1.0
		for j := range arcs {
			live[j] = mask&(1<<j) != 0
			if live[j] {
				pr *= p[j]
			} else {
				pr *= 1 - p[j]
			}
		}
		if pr > 0 {
			ws = append(ws, world{pr, reachMasks(g, live, zombie)})
		}
	}
	return ws
}

// ltWorlds enumerates the worlds of LT's live-edge form.
func ltWorlds(t testing.TB, g *graph.CSR, m sim.LT, zombie []bool) []world {
	t.Helper()
	n := g.N()
	// choice[v] = index of the kept in-arc (position in g.Out), or -1.
	type option struct {
		arc int64
		p   float64
	}
	opts := make([][]option, n)
	total := 1
	for v := range uint32(n) {
		rest := 1.0
		for u := range uint32(n) {
			for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
				if g.Out.Targets[j] == v {
					b := m.ArcProb(g, u, v, sim.ArcWeight(g, j))
					opts[v] = append(opts[v], option{j, b})
					rest -= b
				}
			}
		}
		opts[v] = append(opts[v], option{-1, math.Max(rest, 0)})
		total *= len(opts[v])
	}
	if total > 1<<18 {
		t.Fatalf("ltWorlds: %d worlds, too many", total)
	}
	var ws []world
	pick := make([]int, n)
	live := make([]bool, g.M())
	for {
		pr := 1.0
		clear(live)
		for v, o := range opts {
			pr *= o[pick[v]].p
			if a := o[pick[v]].arc; a >= 0 {
				live[a] = true
			}
		}
		if pr > 0 {
			ws = append(ws, world{pr, reachMasks(g, live, zombie)})
		}
		i := 0
		for ; i < n; i++ {
			if pick[i]++; pick[i] < len(opts[i]) {
				break
			}
			pick[i] = 0
		}
		if i == n {
			return ws
		}
	}
}

// sigma is the exact expected reach of seeds.
func sigma(ws []world, seeds []uint32) float64 {
	s := 0.0
	for _, w := range ws {
		m := uint32(0)
		for _, v := range seeds {
			m |= w.reach[v]
		}
		s += w.p * float64(bits.OnesCount32(m))
	}
	return s
}

// bruteForce returns the best σ over all seed sets of exactly k nodes whose
// cost (costs nil: free) is at most budget, and one such set.
func bruteForce(ws []world, n, k int, costs []float64, budget float64) (float64, []uint32) {
	best, bestSet := -1.0, []uint32(nil)
	for mask := 1; mask < 1<<n; mask++ {
		if k > 0 && bits.OnesCount(uint(mask)) != k {
			continue
		}
		var set []uint32
		cost := 0.0
		for v := range n {
			if mask&(1<<v) != 0 {
				set = append(set, uint32(v))
				if costs != nil {
					cost += costs[v]
				}
			}
		}
		if costs != nil && cost > budget {
			continue
		}
		if x := sigma(ws, set); x > best {
			best, bestSet = x, set
		}
	}
	return best, bestSet
}
