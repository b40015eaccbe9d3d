package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// This file holds what the generators (gen_*.go) share: parameter checks,
// geometric skipping and the assembly of generated edges into a CSR without
// going through a Builder. Generated undirected edges are kept as a "lower
// triangle": for every vertex v, the neighbours w < v, sorted (type rows).
// rows.undirected and rows.oldToNew turn that into the full graph in one pass.

// mustRand panics if rnd is nil: a generator never falls back to a global
// source, since its output would not be reproducible.
func mustRand(rnd *rand.Rand) {
	if rnd == nil {
		panic("graph: nil rand source")
	}
}

// checkProb returns an error unless 0 ≤ p ≤ 1.
func checkProb(name string, p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("graph: bad probability: %s=%v", name, p)
	}
	return nil
}

// checkNodes returns an error unless 0 ≤ n < 2³²-1.
func checkNodes(n int) error {
	if n < 0 {
		return fmt.Errorf("graph: bad number of nodes: n=%d", n)
	}
	if n >= math.MaxUint32 {
		return fmt.Errorf("graph: n=%d: %w", n, ErrTooLarge)
	}
	return nil
}

// skipper draws the gaps between successes of independent Bernoulli(p)
// trials (geometric skipping, Batagelj & Brandes 2005): skip returns the
// number of failures before the next success.
type skipper struct {
	rnd *rand.Rand
	lq  float64 // log(1-p)
}

func newSkipper(p float64, rnd *rand.Rand) skipper {
	return skipper{rnd: rnd, lq: math.Log1p(-p)}
}

// skip returns a Geometric(p) number of failures, capped at 2⁶² so that the
// caller's index arithmetic cannot overflow (p = 0 yields the cap).
func (s skipper) skip() int64 {
	// 1-Float64() lies in (0, 1], so the logarithm is finite and ≤ 0.
	x := math.Log(1-s.rnd.Float64()) / s.lq
	if !(x < 1<<62) {
		return 1 << 62
	}
	return int64(x)
}

// rows holds sorted, distinct neighbour rows tgt[off[v]:off[v+1]] of n
// vertices: either the out-rows of a directed graph, or the lower triangle of
// an undirected one (the neighbours w < v of every v).
type rows struct {
	off []int64
	tgt []uint32
}

// edgePairs collects edges in any order, with repeats and loops, for
// generators whose edges do not come out sorted. An undirected pair is
// stored with a[i] ≥ b[i]; a directed one as the arc a[i]→b[i].
type edgePairs struct {
	n        int
	directed bool
	a, b     []uint32
}

func newEdgePairs(n, m int, directed bool) *edgePairs {
	return &edgePairs{n: n, directed: directed, a: make([]uint32, 0, m), b: make([]uint32, 0, m)}
}

func (e *edgePairs) add(u, v uint32) {
	if u < v && !e.directed {
		u, v = v, u
	}
	e.a = append(e.a, u)
	e.b = append(e.b, v)
}

// rows sorts the pairs into rows keyed by a, dropping loops and repeated
// edges and counting both. It costs O(n + m) plus sorting each row.
func (e *edgePairs) rows() (l rows, loops, dups int) {
	off := make([]int64, e.n+1)
	for i, v := range e.a {
		if v == e.b[i] {
			loops++
			continue
		}
		off[v+1]++
	}
	prefix(off)
	pos := slices.Clone(off[:e.n])
	tgt := make([]uint32, int(off[e.n]))
	for i, v := range e.a {
		if w := e.b[i]; v != w {
			tgt[pos[v]] = w
			pos[v]++
		}
	}
	k := int64(0)
	for v := 0; v < e.n; v++ {
		row := tgt[off[v]:off[v+1]]
		slices.Sort(row)
		off[v] = k
		for j, w := range row {
			if j > 0 && w == row[j-1] {
				dups++
				continue
			}
			tgt[k] = w
			k++
		}
	}
	off[e.n] = k
	return rows{off: off, tgt: tgt[:k:k]}, loops, dups
}

// n returns the number of vertices.
func (l rows) n() int { return len(l.off) - 1 }

// directed returns the directed CSR whose out-rows are l.
func (l rows) directed() (*CSR, error) {
	return FromAdjacency(Adjacency{Offsets: l.off, Targets: l.tgt}, nil, true)
}

// undirected returns the undirected CSR with the edges of the lower triangle
// l, each stored as two arcs, rows sorted. It costs one pass over the arcs
// and one for the statistics.
func (l rows) undirected() (*CSR, error) {
	n := l.n()
	off := make([]int64, n+1)
	for v := 0; v < n; v++ {
		off[v+1] += l.off[v+1] - l.off[v]
		for _, w := range l.tgt[l.off[v]:l.off[v+1]] {
			off[w+1]++
		}
	}
	prefix(off)
	tgt := make([]uint32, off[n])
	pos := slices.Clone(off[:n])
	// Row v is its lower part (written when v is visited, before any larger
	// neighbour) followed by its upper part (appended as larger rows are
	// visited in ascending order): sorted by construction.
	for v := 0; v < n; v++ {
		row := l.tgt[l.off[v]:l.off[v+1]]
		pos[v] += int64(copy(tgt[pos[v]:], row))
		for _, w := range row {
			tgt[pos[w]] = uint32(v)
			pos[w]++
		}
	}
	return undirectedCSR(Adjacency{Offsets: off, Targets: tgt}), nil
}

// undirectedCSR wraps the symmetric adjacency of an undirected graph built
// by a generator, whose rows are sorted, distinct and loop-free by
// construction (the tests check every generator's output with
// FromAdjacency). In aliases Out, since the transpose of a symmetric
// adjacency is itself: FromAdjacency would spend about 40% of a generator's
// time recomputing it.
func undirectedCSR(a Adjacency) *CSR {
	g := &CSR{Out: a, In: a, labels: IDLabels(len(a.Offsets) - 1)}
	g.stats = computeStats(g)
	return g
}

// oldToNew returns the directed CSR with an arc w→v for every edge w < v of
// the lower triangle l: from the older (smaller) vertex to the newer one.
func (l rows) oldToNew() (*CSR, error) {
	n := l.n()
	off := make([]int64, n+1)
	for _, w := range l.tgt {
		off[w+1]++
	}
	prefix(off)
	tgt := make([]uint32, off[n])
	pos := slices.Clone(off[:n])
	for v := 0; v < n; v++ {
		for _, w := range l.tgt[l.off[v]:l.off[v+1]] {
			tgt[pos[w]] = uint32(v)
			pos[w]++
		}
	}
	return FromAdjacency(Adjacency{Offsets: off, Targets: tgt}, nil, true)
}
