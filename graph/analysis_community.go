package graph

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/graph/community"
)

// Communities returns a community label for every vertex of g, found by the
// Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre 2008) as gonum's
// community.Modularize implements it, run on the undirected view of g (see
// GonumUndirected: a directed graph's arcs are symmetrized) at the given
// resolution (1 for the classic modularity; larger gives smaller
// communities). Labels are 0, 1, … in order of each community's smallest
// vertex id, so vertex 0 is in community 0.
//
// gonum draws its node visiting order from rnd, never from a global source,
// and the view iterates in id order, so the labels are reproducible for a
// given seed. gonum reduces the graph through maps: expect about a second
// and a few hundred bytes per arc for a 50k-vertex, 600k-arc graph; it is
// meant for analysis and seeding plans, not for hot loops. A resolution that
// is not a finite number > 0 returns an error; a nil rnd panics.
func Communities(g *CSR, resolution float64, rnd *rand.Rand) ([]int, error) {
	mustRand(rnd)
	if !(resolution > 0) || math.IsInf(resolution, 1) {
		return nil, fmt.Errorf("graph: bad resolution: resolution=%v (want a finite number > 0)", resolution)
	}
	n := g.N()
	labels := make([]int, n)
	if n == 0 {
		return labels, nil
	}
	reduced := community.Modularize(NewGonumUndirected(g), resolution, rnd)
	for c, members := range reduced.Communities() {
		for _, v := range members {
			labels[v.ID()] = c
		}
	}
	// Renumber by first appearance in id order.
	renum := make(map[int]int)
	for v, c := range labels {
		r, ok := renum[c]
		if !ok {
			r = len(renum)
			renum[c] = r
		}
		labels[v] = r
	}
	return labels, nil
}
