package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// Exact answers on tiny graphs by enumerating every live-edge world.
//
// A live-edge world is fixed by independent random choices. For IC every
// arc is one choice: live with probability p_uv, dead otherwise. For LT
// (Kempe, Kleinberg & Tardos 2003, Claim 2.6) every node is one choice: it
// keeps at most one in-arc, u→v with probability b_uv, none with 1 − Σ b_uv.
// In either case the reach of a seed set is the set of nodes reachable from
// it along live arcs, and enumerating every combination of choices gives the
// exact distribution of reach.

// worldChoice is one independent choice of the live-edge world: option i
// happens with probability Prob[i] and makes the arcs Arcs[i] (positions in
// g.Out.Targets) live.
type worldChoice struct {
	Prob []float64
	Arcs [][]int
}

// icChoices returns the choices of IC on g with arc probabilities p(j).
func icChoices(g *graph.CSR, p func(j int) float64) []worldChoice {
	cs := make([]worldChoice, g.M())
	for j := range cs {
		cs[j] = worldChoice{Prob: []float64{p(j), 1 - p(j)}, Arcs: [][]int{{j}, nil}}
	}
	return cs
}

// exactReach enumerates every world and returns dist[r] = P(reach = r)
// from the seeds, with zombie nodes (nil for none) never activated (and so
// never passing anything on) unless they are seeds. It panics beyond 2^22
// worlds.
func exactReach(t testing.TB, g *graph.CSR, seeds []uint32, zombie []bool, choices []worldChoice) []float64 {
	t.Helper()
	worlds := 1.0
	for _, c := range choices {
		worlds *= float64(len(c.Prob))
	}
	if worlds > 1<<22 {
		t.Fatalf("exactReach: %v worlds, too many to enumerate", worlds)
	}
	n := g.N()
	dist := make([]float64, n+1)
	pick := make([]int, len(choices))
	live := make([]bool, g.M())
	seen := make([]bool, n)
	q := make([]uint32, 0, n)
	for {
		prob := 1.0
		clear(live)
		for i, c := range choices {
			prob *= c.Prob[pick[i]]
			for _, j := range c.Arcs[pick[i]] {
				live[j] = true
			}
		}
		if prob > 0 {
			clear(seen)
			q = q[:0]
			for _, s := range seeds {
				if !seen[s] {
					seen[s] = true
					q = append(q, s)
				}
			}
			for h := 0; h < len(q); h++ {
				u := q[h]
				for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
					v := g.Out.Targets[j]
					if live[j] && !seen[v] && (zombie == nil || !zombie[v]) {
						seen[v] = true
						q = append(q, v)
					}
				}
			}
			dist[len(q)] += prob
		}
		// Next combination, mixed radix.
		i := 0
		for ; i < len(pick); i++ {
			pick[i]++
			if pick[i] < len(choices[i].Prob) {
				break
			}
			pick[i] = 0
		}
		if i == len(pick) {
			return dist
		}
	}
}

// checkExact compares a Monte Carlo accumulator with the exact reach
// distribution: the mean within 4 standard errors of the exact mean (the
// exact variance over N trials), and P(reach ≥ k) for every k within 4
// binomial standard errors. With a dozen comparisons at 4 sd the chance of a
// false alarm is below 1e-3; the seeds are fixed, so a failure is
// reproducible and means the model is wrong.
func checkExact(t *testing.T, dist []float64, a *Accumulator) {
	t.Helper()
	var mean, m2 float64
	for r, p := range dist {
		mean += float64(r) * p
		m2 += float64(r*r) * p
	}
	N := float64(a.Trials)
	se := math.Sqrt(math.Max(m2-mean*mean, 0) / N)
	got := a.ReachSum.Float64() / N
	if math.Abs(got-mean) > 4*se+1e-12 {
		t.Errorf("mean reach: got=%.4f, want=%.4f ± %.4f (4 se)", got, mean, 4*se)
	}
	tail := 0.0
	for k := len(dist) - 1; k >= 1; k-- {
		tail += dist[k]
		var cnt uint64
		for i := k; i < a.Reach.Len(); i++ { // values < 256 have exact buckets
			cnt += a.Reach.Count(i)
		}
		got := float64(cnt) / N
		tol := 4*math.Sqrt(tail*(1-tail)/N) + 1e-9
		if math.Abs(got-tail) > tol {
			t.Errorf("P(reach ≥ %d): got=%.4f, want=%.4f ± %.4f", k, got, tail, tol)
		}
	}
}

// fixedSeeds is a test Seeder: the same starts in every trial.
type fixedSeeds struct {
	starts []Start
	cost   float64
}

func (f fixedSeeds) Starts(dst []Start, _ *rand.Rand, _ uint64) ([]Start, float64) {
	return append(dst, f.starts...), f.cost
}

// at0 returns active starts at time 0 for nodes.
func at0(nodes ...uint32) fixedSeeds {
	s := fixedSeeds{}
	for _, v := range nodes {
		s.starts = append(s.starts, Start{Node: v, Active: true})
	}
	return s
}

// randomRoot is a test Seeder: one uniformly random start point per trial,
// drawn from the trial's stream.
type randomRoot struct{ n int }

func (r randomRoot) Starts(dst []Start, rnd *rand.Rand, _ uint64) ([]Start, float64) {
	return append(dst, Start{Node: uint32(rnd.IntN(r.n)), Active: true}), 1
}

// tinyArcs is a 6-node directed graph with cycles, a hub and a dead end:
// 11 arcs, 2048 IC worlds.
var tinyArcs = [][2]uint32{
	{0, 1}, {0, 2}, {1, 2}, {2, 0}, {2, 3}, {1, 3}, {3, 4}, {4, 1}, {4, 5}, {3, 5}, {5, 3},
}

var tinyWeights = []float32{0.9, 0.5, 1, 0.3, 0.7, 0.2, 1.5, 0.6, 0.8, 0.4, 1}
