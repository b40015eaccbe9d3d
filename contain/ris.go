package contain

import (
	"math"
	"math/rand/v2"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Reverse-reachable blocking sets (RIS for rumour blocking).
//
// Sample a live-edge world: every arc is live for the backlash with its
// probability for the backlash and, independently, live for our
// clarification with its probability for ours (the competing IC gives each
// content its own coins). Let d(x) be the generation at which the backlash,
// alone, reaches x in that world (∞ if never). For a random person v with
// d(v) < ∞, the blocking set of v is every candidate u such that our
// content, launched from u alone at generation c, arrives at v strictly
// before d(v) along a clarification-live path every node of which it also
// reaches strictly before the backlash does. Our content is then certain to
// hold each node of the path first (with more seeds the backlash only comes
// later: a node holding ours does not pass the backlash on), so v is saved
// by any seed set that meets the blocking set: n·P(S meets the set) is a
// lower bound of the people S saves (ties, which a coin settles, and the
// slowing of the backlash by our other seeds count as not saved; so do
// conversions and freshness decay, which the sets ignore). The bound is a
// coverage function, monotone and submodular, so greedy maximum coverage
// of the sampled sets is within 1 − 1/e of its best (Tong et al. 2017).
//
// The latest generation T(x) at which ours must hold x to save v obeys
// T(v) = d(v) − 1 and T(x) = min(d(x) − 1, max over live x→y of T(y) − 1),
// computed by a reverse search from v in decreasing T; u is in the set when
// T(u) ≥ c. Worlds are shared by several targets (risTargets) to spread the
// cost of the backlash's forward search.

// risTargets is the number of target people drawn per sampled world.
const risTargets = 64

// maxRISEntries bounds the total size of the sampled sets (about 8 bytes an
// entry with the coverage index): sampling stops once it is reached, so a
// strong backlash on a large graph cannot take unbounded memory; the sets
// drawn so far are used.
const maxRISEntries = 1 << 24

// arcThresholds returns the coin threshold of every arc (in Out order) and,
// in In order, for a content of strength s.
func arcThresholds(g *graph.CSR, w sim.Weighting, s float64) (out, in []uint64) {
	p := func(v uint32, weight float32) float64 {
		switch {
		case w == sim.WeightedCascade:
			return s / float64(g.In.Degree(v))
		case w == sim.TrustWeights && g.Weighted():
			return math.Min(1, s*float64(weight))
		}
		return s
	}
	out, in = make([]uint64, g.M()), make([]uint64, g.M())
	for u := range uint32(g.N()) {
		for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
			var wt float32
			if g.Out.Weights != nil {
				wt = g.Out.Weights[j]
			}
			out[j] = sim.Threshold(p(g.Out.Targets[j], wt))
		}
		for j := g.In.Offsets[u]; j < g.In.Offsets[u+1]; j++ {
			var wt float32
			if g.In.Weights != nil {
				wt = g.In.Weights[j]
			}
			in[j] = sim.Threshold(p(u, wt))
		}
	}
	return out, in
}

// arcCoin is the world's coin of arc u→v for the content keyed key: the
// same whichever direction the arc is looked at from.
func arcCoin(key uint64, u, v uint32) uint64 {
	return sim.Mix64(key ^ (uint64(u)<<32 | uint64(v)))
}

// risChoose samples o.RRSets/risTargets worlds, risTargets blocking sets in
// each, and returns K accounts by greedy maximum weighted coverage (ties:
// the smaller id), topped up by follower count when fewer than K accounts
// cover anything.
func risChoose(p *Problem, o Options) []uint32 {
	g := p.Graph
	n := g.N()
	bOut, _ := arcThresholds(g, p.IC.Weighting, p.BacklashStrength)
	_, cIn := arcThresholds(g, p.IC.Weighting, p.ClarifyStrength)
	zombie := p.Behaviours.Zombie
	cand := make([]bool, n)
	for _, v := range p.candidates() {
		cand[v] = true
	}
	const inf = math.MaxInt32
	dist := make([]int32, n)
	late := make([]int32, n) // T(x) + 1 of the current target; 0 = unset
	stamp := make([]uint32, n)
	var buckets [][]uint32
	var frontier, next []uint32
	var sets [][]uint32
	var weights []float64
	var reach []uint32
	entries := 0
	c := int32(math.Floor(p.ClarifyStart))
	b0 := int32(math.Floor(p.BacklashStart))
	worlds := (o.RRSets + risTargets - 1) / risTargets
	var tick uint32
	for w := range worlds {
		key := sim.TrialKey(o.Seed^0x726973, uint64(w))
		keyB, keyC := sim.Mix64(key^1), sim.Mix64(key^2)
		rnd := rand.New(rand.NewPCG(key, 3))
		// The backlash alone: BFS in generations from its seeds.
		for i := range dist {
			dist[i] = inf
		}
		frontier = frontier[:0]
		for _, s := range p.Backlash {
			if dist[s] == inf {
				dist[s] = b0
				frontier = append(frontier, s)
			}
		}
		for d := b0; len(frontier) > 0; d++ {
			next = next[:0]
			for _, u := range frontier {
				for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
					v := g.Out.Targets[j]
					if dist[v] == inf && (zombie == nil || !zombie[v]) && arcCoin(keyB, u, v) < bOut[j] {
						dist[v] = d + 1
						next = append(next, v)
					}
				}
			}
			frontier, next = next, frontier
		}
		// Only people the backlash reaches after ours starts can be saved:
		// draw the targets among them and weigh each set by their number
		// over the targets drawn, which keeps every person's weight 1/n in
		// expectation (up to the common factor n/worlds).
		reach = reach[:0]
		for v, d := range dist {
			if d != inf && d-1 >= c {
				reach = append(reach, uint32(v))
			}
		}
		if len(reach) == 0 {
			continue
		}
		wt := float64(len(reach)) / risTargets
		for range risTargets {
			tick++
			v := reach[rnd.IntN(len(reach))]
			set := risSet(g, v, c, dist, late, stamp, tick, &buckets, cIn, keyC, zombie, cand)
			sets = append(sets, set)
			weights = append(weights, wt)
			entries += len(set)
		}
		if entries >= maxRISEntries {
			break
		}
	}
	return p.take(maxCoverage(p, sets, weights), byDegreeOf(g, p.candidates()))
}

// risSet returns the blocking set of target v (see the comment above).
func risSet(g *graph.CSR, v uint32, c int32, dist, late []int32, stamp []uint32, tick uint32, buckets *[][]uint32,
	cIn []uint64, keyC uint64, zombie []bool, cand []bool) []uint32 {
	top := dist[v] - 1
	bs := *buckets
	for len(bs) < int(top-c)+1 {
		bs = append(bs, nil)
	}
	for i := range bs {
		bs[i] = bs[i][:0]
	}
	set := func(x uint32, t int32) bool {
		if stamp[x] == tick && late[x] >= t+1 {
			return false
		}
		stamp[x], late[x] = tick, t+1
		bs[t-c] = append(bs[t-c], x)
		return true
	}
	set(v, top)
	var out []uint32
	for t := top; t >= c; t-- {
		for i := 0; i < len(bs[t-c]); i++ {
			x := bs[t-c][i]
			if late[x] != t+1 {
				continue // reached later with a better time
			}
			if cand[x] {
				out = append(out, x)
			}
			if x != v && zombie != nil && zombie[x] {
				continue // a zombie never relays ours: only a seed there
			}
			for j := g.In.Offsets[x]; j < g.In.Offsets[x+1]; j++ {
				u := g.In.Targets[j]
				tu := min(dist[u]-1, t-1)
				if tu >= c && arcCoin(keyC, u, x) < cIn[j] {
					set(u, tu)
				}
			}
		}
	}
	*buckets = bs
	return out
}

// maxCoverage picks up to p.limit() nodes greedily by the total weight of
// the uncovered sets they meet (ties: the smaller id); under a budget, by
// that weight per unit of cost among the nodes that still fit.
func maxCoverage(p *Problem, sets [][]uint32, weights []float64) []uint32 {
	n, k := p.Graph.N(), p.limit()
	count := make([]float64, n)
	in := make([][]int32, n) // the sets each node belongs to
	for i, s := range sets {
		for _, v := range s {
			count[v] += weights[i]
			in[v] = append(in[v], int32(i))
		}
	}
	covered := make([]bool, len(sets))
	var out []uint32
	chosen := make([]bool, n)
	spent := 0.0
	value := func(v int) float64 {
		if p.Budget > 0 {
			return count[v] / math.Max(p.price(uint32(v)), 1e-9)
		}
		return count[v]
	}
	for len(out) < k {
		best := -1
		for v := range n {
			if chosen[v] || count[v] <= 1e-9 || (p.Budget > 0 && spent+p.price(uint32(v)) > p.Budget) {
				continue
			}
			if best < 0 || value(v) > value(best) {
				best = v
			}
		}
		if best < 0 {
			break
		}
		chosen[best] = true
		spent += p.price(uint32(best))
		out = append(out, uint32(best))
		for _, i := range in[best] {
			if covered[i] {
				continue
			}
			covered[i] = true
			for _, u := range sets[i] {
				count[u] -= weights[i]
			}
		}
	}
	return out
}
