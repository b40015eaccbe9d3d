package graph

import (
	"fmt"
	"math"
)

// PageRank returns the PageRank of every vertex of g (Brin & Page 1998): the
// stationary distribution of a walk that follows a random out-arc with
// probability damping (chosen in proportion to the arc weights when g is
// weighted) and jumps to a uniform vertex otherwise, or when the vertex has
// no out-arc. The ranks sum to 1. Arcs point the way content flows, so a
// high rank marks a vertex that much content reaches.
//
// It is the power iteration of gonum's network.PageRankSparse, run on the CSR
// itself: it starts from the uniform vector rather than from gonum's draw
// from the global random generator, and sums in id order, so the result is
// bit-for-bit reproducible. Iteration stops when the L1 change falls below
// tol; since each step contracts the L1 error by damping, at most
// ⌈log(tol/2)/log(damping)⌉+1 steps of O(n + m) are taken. A damping outside
// (0,1) or a tol that is not > 0 returns an error.
func PageRank(g *CSR, damping, tol float64) ([]float64, error) {
	if !(damping > 0 && damping < 1) {
		return nil, fmt.Errorf("graph: bad damping: damping=%v (want 0 < damping < 1)", damping)
	}
	if !(tol > 0) {
		return nil, fmt.Errorf("graph: bad tolerance: tol=%v (want > 0)", tol)
	}
	n := g.N()
	if n == 0 {
		return []float64{}, nil
	}
	// inv[u] is 1/(out-strength of u), or 0 for a dangling vertex.
	inv := make([]float64, n)
	for u := range inv {
		s := float64(g.Out.Degree(uint32(u)))
		if ws := g.Out.NeighborWeights(uint32(u)); ws != nil {
			s = 0
			for _, w := range ws {
				s += float64(w)
			}
		}
		if s > 0 {
			inv[u] = 1 / s
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	y := make([]float64, n)
	share := make([]float64, n) // x[u]/strength(u)
	steps := int(math.Ceil(math.Log(tol/2)/math.Log(damping))) + 1
	for range max(steps, 1) {
		dangling := 0.0
		for u, xu := range x {
			share[u] = xu * inv[u]
			if inv[u] == 0 {
				dangling += xu
			}
		}
		base := ((1 - damping) + damping*dangling) / float64(n)
		diff := 0.0
		for v := range y {
			sum := 0.0
			lo, hi := g.In.Offsets[v], g.In.Offsets[v+1]
			if g.In.Weights == nil {
				for _, u := range g.In.Targets[lo:hi] {
					sum += share[u]
				}
			} else {
				for j, u := range g.In.Targets[lo:hi] {
					sum += share[u] * float64(g.In.Weights[lo+int64(j)])
				}
			}
			y[v] = base + damping*sum
			diff += math.Abs(y[v] - x[v])
		}
		x, y = y, x
		if diff < tol {
			break
		}
	}
	return x, nil
}
