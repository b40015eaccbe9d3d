package influence

import (
	"fmt"
	"math/rand/v2"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Heuristic rankings, the baselines a recommended set is shown against.
// Each returns node ids best first; a plan of k seeds is the first k, and a
// plan under a budget takes them in order while they are affordable
// (Affordable). The same rules as sim's seed selectors: out-degree is the
// number of followers, ties go to the smaller id.

// TopDegree ranks every node by out-degree (sim's top-degree:K).
func TopDegree(g *graph.CSR) []uint32 {
	return sim.RankByScore(g.N(), func(v uint32) float64 { return float64(g.Out.Degree(v)) })
}

// PageRank ranks every node by PageRank on the reversed graph, damping 0.85
// (sim's top-pagerank:K): people whose content reaches influential people.
func PageRank(g *graph.CSR) ([]uint32, error) {
	pr, err := graph.PageRank(g.Reverse(), 0.85, 1e-10)
	if err != nil {
		return nil, fmt.Errorf("influence: pagerank: %w", err)
	}
	return sim.RankByScore(g.N(), func(v uint32) float64 { return pr[v] }), nil
}

// CommunityHubs returns the hub (largest out-degree, ties smaller id) of
// every community of member, larger communities first (ties: smaller
// community id), as sim's community:K picks them. With member nil it detects
// communities as sim does (Louvain at resolution 1 from a fixed seed).
func CommunityHubs(g *graph.CSR, member []int) ([]uint32, error) {
	if member == nil {
		var err error
		if member, err = graph.Communities(g, 1, rand.New(rand.NewPCG(1, 2))); err != nil {
			return nil, fmt.Errorf("influence: communities: %w", err)
		}
	}
	if len(member) != g.N() {
		return nil, fmt.Errorf("influence: %d community memberships for %d nodes", len(member), g.N())
	}
	return sim.CommunityHubs(g, member), nil
}

// DegreeDiscount ranks k nodes by the degree discount heuristic of Chen,
// Wang & Yang, "Efficient influence maximization in social networks", KDD
// 2009 (DegreeDiscountIC): a node v with d_v followers of which t_v are
// already seeds' audience scores d_v − 2t_v − (d_v − t_v)·t_v·p. On a
// directed graph d_v is v's out-degree and t_v the number of seeds with an
// arc to v (the seeds that may already activate v). Cost O(k log n +
// Σ out-degree of the chosen) with a lazy queue.
func DegreeDiscount(g *graph.CSR, k int, p float64) []uint32 {
	n := g.N()
	k = min(k, n)
	t := make([]int, n)
	dd := func(v uint32) float64 {
		d, tv := float64(g.Out.Degree(v)), float64(t[v])
		return d - 2*tv - (d-tv)*tv*p
	}
	q := make(queue, n)
	for v := range uint32(n) {
		q[v] = entry{dd(v), v}
	}
	q.heapify()
	chosen := make([]bool, n)
	out := make([]uint32, 0, k)
	for len(out) < k && len(q) > 0 {
		e := q.pop()
		if chosen[e.v] {
			continue
		}
		if now := dd(e.v); now != e.key {
			q.push(entry{now, e.v})
			continue
		}
		chosen[e.v] = true
		out = append(out, e.v)
		for _, v := range g.Out.Neighbors(e.v) {
			if !chosen[v] {
				t[v]++
				q.push(entry{dd(v), v})
			}
		}
	}
	return out
}

// Affordable returns the longest run of ranking's nodes, taken in order and
// skipping those that no longer fit, whose costs sum to at most budget, at
// most k of them (k ≤ 0: no limit).
func Affordable(ranking []uint32, costs []float64, budget float64, k int) []uint32 {
	var out []uint32
	left := budget
	for _, v := range ranking {
		if k > 0 && len(out) == k {
			break
		}
		if costs[v] <= left {
			out = append(out, v)
			left -= costs[v]
		}
	}
	return out
}
