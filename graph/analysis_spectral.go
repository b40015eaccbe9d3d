package graph

import (
	"errors"
	"fmt"
	"math"
)

// ErrNoConvergence is returned (wrapped) when an iterative method stops at
// its iteration limit before reaching its tolerance.
var ErrNoConvergence = errors.New("no convergence")

// SpectralRadius returns λmax, the largest eigenvalue of the adjacency
// matrix of g (A[u][v] = weight of u→v, 1 when unweighted). For a directed
// graph 1/λmax is the analytic estimate of the spread strength at which
// independent cascades tip into an epidemic (the mean-field threshold of
// Wang, Chakrabarti, Wang & Faloutsos 2003); for an undirected one it is the
// same for the graph's symmetric adjacency.
//
// Vertices that cannot lie on a cycle (no in-arc or no out-arc, repeatedly)
// are peeled first; if none remain, g is acyclic and λmax is 0 exactly. On
// the rest it runs the power iteration on A + I, whose dominant eigenvalue
// λmax + 1 is strictly dominant in modulus even for bipartite or periodic
// graphs, and stops when the estimate changes by at most tol·max(1, λmax)
// between steps. Each step costs O(n + m), the O(m) part split over up to
// GOMAXPROCS goroutines (at most 4) on large graphs, with the same result
// on any number of them. It returns an error for a tol
// that is not > 0 or maxIter < 1, and the last estimate with an error
// wrapping ErrNoConvergence when maxIter steps were not enough (several
// strongly connected parts with the same λmax converge slowly).
func SpectralRadius(g *CSR, tol float64, maxIter int) (float64, error) {
	if !(tol > 0) {
		return 0, fmt.Errorf("graph: bad tolerance: tol=%v (want > 0)", tol)
	}
	if maxIter < 1 {
		return 0, fmt.Errorf("graph: bad iteration limit: maxiter=%d (want ≥ 1)", maxIter)
	}
	alive, left := cyclicCore(g)
	if left == 0 {
		return 0, nil
	}
	n := g.N()
	x := make([]float64, n)
	for v := range x {
		if alive[v] {
			x[v] = 1 / float64(left)
		}
	}
	y := make([]float64, n)
	est := math.Inf(1)
	// The product is split into parts of consecutive vertices computed
	// concurrently (each y[v] the same sum in the same order whatever the
	// split); the growth factor is then summed in vertex order, so the
	// result does not depend on the number of parts.
	k := parts(g.M())
	cut := splitArcs(g.In.Offsets, k)
	for range maxIter {
		// y = (A + I)ᵀ x over the live vertices; λ(Aᵀ) = λ(A).
		forEachPart(k, func(p int) { spectralStep(g, alive, x, y, cut[p], cut[p+1]) })
		sum := 0.0
		for v, s := range y {
			if alive[v] {
				sum += s
			}
		}
		// x had L1 norm 1, so the growth factor is sum(y).
		prev := est
		est = sum - 1
		for v := range y {
			y[v] /= sum
		}
		x, y = y, x
		if math.Abs(est-prev) <= tol*math.Max(1, est) {
			return est, nil
		}
	}
	return est, fmt.Errorf("graph: spectral radius: %d iterations, last estimate %v: %w", maxIter, est, ErrNoConvergence)
}

// spectralStep sets y[v] = x[v] + Σ_u w(u→v)·x[u] for the live vertices v
// in lo..hi-1.
func spectralStep(g *CSR, alive []bool, x, y []float64, lo, hi int) {
	for v := lo; v < hi; v++ {
		if !alive[v] {
			continue
		}
		s := x[v]
		a, b := g.In.Offsets[v], g.In.Offsets[v+1]
		for j, u := range g.In.Targets[a:b] {
			w := 1.0
			if g.In.Weights != nil {
				w = float64(g.In.Weights[a+int64(j)])
			}
			s += w * x[u]
		}
		y[v] = s
	}
}

// cyclicCore marks the vertices left after repeatedly removing those with
// no live in-arc or no live out-arc, and returns how many are left. Every
// cycle survives; the spectral radius of the removed part is 0.
func cyclicCore(g *CSR) (alive []bool, left int) {
	n := g.N()
	in := make([]int, n)
	out := make([]int, n)
	alive = make([]bool, n)
	queue := make([]uint32, 0, n)
	for v := range n {
		in[v], out[v] = g.In.Degree(uint32(v)), g.Out.Degree(uint32(v))
		alive[v] = true
		if in[v] == 0 || out[v] == 0 {
			alive[v] = false
			queue = append(queue, uint32(v))
		}
	}
	left = n
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		left--
		for _, w := range g.Out.Neighbors(v) {
			if in[w]--; alive[w] && in[w] == 0 {
				alive[w] = false
				queue = append(queue, w)
			}
		}
		for _, u := range g.In.Neighbors(v) {
			if out[u]--; alive[u] && out[u] == 0 {
				alive[u] = false
				queue = append(queue, u)
			}
		}
	}
	return alive, left
}
