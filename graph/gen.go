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
//
// The gap is floor(E/λ) with E ~ Exp(1) and λ = -log(1-p), since
// P(floor(E/λ) ≥ k) = e^(-λk) = (1-p)^k. E comes from rnd.ExpFloat64, the
// ziggurat of Marsaglia & Tsang (2000), which almost always costs one Uint64
// and a table look-up: half the time of the classic -log(U)/λ (see
// BenchmarkBareExp and BenchmarkBareGeometric). Its fast path returns
// multiples of at most 7.7·2⁻³² ≈ 1.8e-9, so when λ < zigRate (p below
// about 1e-6) a gap would span fewer than 500 of those steps and the
// logarithm of a 53-bit uniform is used instead.
type skipper struct {
	rnd *rand.Rand
	inv float64 // 1/λ = -1/log(1-p): +Inf when p = 0, 0 when p = 1
	zig bool    // E by the ziggurat (λ ≥ zigRate) rather than -log(U)
}

// zigRate is the smallest λ = -log(1-p) for which skipper uses the ziggurat.
const zigRate = 0x1p-20

func newSkipper(p float64, rnd *rand.Rand) skipper {
	lambda := -math.Log1p(-p)
	return skipper{rnd: rnd, inv: 1 / lambda, zig: lambda >= zigRate}
}

// skip returns a Geometric(p) number of failures, capped at 2⁶² so that the
// caller's index arithmetic cannot overflow (p = 0 yields the cap).
func (s skipper) skip() int64 {
	var e float64
	if s.zig {
		e = s.rnd.ExpFloat64()
	} else {
		// 1-Float64() lies in (0, 1], so the logarithm is finite.
		e = -math.Log(1 - s.rnd.Float64())
	}
	// e·inv is NaN for e = 0 and p = 0: capped like +Inf.
	x := e * s.inv
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

// n returns the number of vertices.
func (l rows) n() int { return len(l.off) - 1 }

// Every way of turning generated edges into a CSR below has to write each
// arc into the row of a vertex drawn at random: scattered one arc at a time
// into a graph of millions of vertices, every write is a cache miss, which
// cost as much as drawing the graph. They scatter in two cache-friendly
// passes instead (a one-digit radix partition): the arcs are first split by
// the high bits of the row they go to into at most 1024 buckets of
// consecutive rows, written as that many sequential streams; then each
// bucket is placed into its rows, whose slice of the output is small enough
// to stay in cache. The cost is a transient 8 bytes per arc. Both passes
// run in parts on up to 4 goroutines (see parts); every arc's place is
// fixed by the input alone, so the result does not depend on GOMAXPROCS.

// bucketShift returns the number of low bits of a vertex id that are not its
// bucket: buckets hold 4096 rows, or more when n exceeds 2²² so that there
// are at most 1024 buckets.
func bucketShift(n int) uint {
	s := uint(12)
	for n>>s >= 1024 {
		s++
	}
	return s
}

// buckets holds arcs keyed by their row, grouped by bucket: bucket b holds
// the rows b<<shift up to (b+1)<<shift - 1 and its arcs are
// arcs[start[b]:start[b+1]], each row<<32 | other end, in the order they
// were given.
type buckets struct {
	shift uint
	start []int64
	arcs  []uint64
}

// bucketsOf returns the arcs of l keyed by their target (the transpose), in
// the order of their sources. Part p of the sources counts its arcs per
// bucket, then writes them after those of parts < p.
func bucketsOf(l rows) buckets {
	n := l.n()
	s := bucketShift(n)
	nb := n>>s + 1
	cut := splitArcs(l.off, parts(len(l.tgt)))
	k := len(cut) - 1
	pos := make([][]int64, k)
	forEachPart(k, func(p int) {
		c := make([]int64, nb)
		for _, w := range l.tgt[l.off[cut[p]]:l.off[cut[p+1]]] {
			c[w>>s]++
		}
		pos[p] = c
	})
	start := make([]int64, nb+1)
	for b := range nb {
		at := start[b]
		for _, c := range pos {
			at, c[b] = at+c[b], at
		}
		start[b+1] = at
	}
	arcs := make([]uint64, len(l.tgt))
	forEachPart(k, func(p int) {
		pos := pos[p]
		for v := cut[p]; v < cut[p+1]; v++ {
			for _, w := range l.tgt[l.off[v]:l.off[v+1]] {
				b := w >> s
				arcs[pos[b]] = uint64(w)<<32 | uint64(v)
				pos[b]++
			}
		}
	})
	return buckets{shift: s, start: start, arcs: arcs}
}

// each calls f(b, lo, hi, arcs, buf) for every bucket b: the rows lo..hi-1
// of n and their arcs. The buckets are split into parts of about as many
// arcs, run concurrently; buf is scratch space of hi-lo entries, owned by
// the part.
func (b buckets) each(n int, f func(b, lo, hi int, arcs []uint64, buf []int64)) {
	nb := len(b.start) - 1
	cut := splitArcs(b.start, min(nb, parts(len(b.arcs))))
	forEachPart(len(cut)-1, func(p int) {
		buf := make([]int64, min(n, 1<<b.shift))
		for i := cut[p]; i < cut[p+1]; i++ {
			lo := i << b.shift
			hi := min(n, lo+1<<b.shift)
			f(i, lo, hi, b.arcs[b.start[i]:b.start[i+1]], buf[:hi-lo])
		}
	})
}

// transpose returns the rows of the transpose of l: row w lists the v with
// w in row v of l, ascending.
func (l rows) transpose() rows {
	n := l.n()
	t := rows{off: make([]int64, n+1), tgt: make([]uint32, len(l.tgt))}
	bk := bucketsOf(l)
	bk.each(n, func(b, lo, hi int, arcs []uint64, pos []int64) {
		// The bucket's rows fill tgt[start[b]:start[b+1]].
		clear(pos)
		for _, a := range arcs {
			pos[a>>32-uint64(lo)]++
		}
		at := bk.start[b]
		for i, c := range pos {
			pos[i] = at
			at += c
			t.off[lo+i+1] = at
		}
		for _, a := range arcs {
			i := a>>32 - uint64(lo)
			t.tgt[pos[i]] = uint32(a)
			pos[i]++
		}
	})
	return t
}

// adjacency returns l as one direction of a CSR.
func (l rows) adjacency() Adjacency { return Adjacency{Offsets: l.off, Targets: l.tgt} }

// directed returns the directed CSR whose out-rows are l.
func (l rows) directed() (*CSR, error) {
	return directedCSR(l.adjacency(), l.transpose().adjacency()), nil
}

// oldToNew returns the directed CSR with an arc w→v for every edge w < v of
// the lower triangle l: from the older (smaller) vertex to the newer one.
// Its in-rows are l itself.
func (l rows) oldToNew() (*CSR, error) {
	return directedCSR(l.transpose().adjacency(), l.adjacency()), nil
}

// directedCSR wraps the out- and in-adjacency of a directed graph built by a
// generator, whose rows are sorted, distinct and loop-free by construction
// and transposes of each other (the tests check every generator's output
// with FromAdjacency, which would spend a pass checking it here).
func directedCSR(out, in Adjacency) *CSR {
	g := &CSR{Out: out, In: in, directed: true, labels: IDLabels(len(out.Offsets) - 1)}
	g.stats = computeStats(g)
	return g
}

// undirected returns the undirected CSR with the edges of the lower triangle
// l, each stored as two arcs, rows sorted: row v is its lower part, copied
// from l, followed by its upper part, the transpose of l, which arrives
// ascending.
func (l rows) undirected() (*CSR, error) {
	n := l.n()
	off := make([]int64, n+1)
	tgt := make([]uint32, 2*len(l.tgt))
	bk := bucketsOf(l)
	bk.each(n, func(b, lo, hi int, arcs []uint64, pos []int64) {
		// Rows before lo hold l.off[lo] lower and start[b] upper arcs.
		clear(pos)
		for _, a := range arcs {
			pos[a>>32-uint64(lo)]++
		}
		at := l.off[lo] + bk.start[b]
		for i, c := range pos {
			v := lo + i
			lower := l.tgt[l.off[v]:l.off[v+1]]
			pos[i] = at + int64(copy(tgt[at:], lower))
			at = pos[i] + c
			off[v+1] = at
		}
		for _, a := range arcs {
			i := a>>32 - uint64(lo)
			tgt[pos[i]] = uint32(a)
			pos[i]++
		}
	})
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

// edgePairs collects edges in any order, with repeats and loops, for
// generators whose edges do not come out sorted: pair i is ends[2i] and
// ends[2i+1], the arc ends[2i]→ends[2i+1] when directed.
type edgePairs struct {
	n        int
	directed bool
	ends     []uint32
}

func newEdgePairs(n, m int, directed bool) *edgePairs {
	return &edgePairs{n: n, directed: directed, ends: make([]uint32, 0, 2*m)}
}

func (e *edgePairs) add(u, v uint32) {
	e.ends = append(e.ends, u, v)
}

// pair returns pair i as a row and the other end: the source and target of
// an arc, or the larger and smaller ends of an edge.
func (e *edgePairs) pair(i int) (v, w uint32) {
	v, w = e.ends[2*i], e.ends[2*i+1]
	if e.directed {
		return v, w
	}
	return max(v, w), min(v, w)
}

// rows sorts the pairs into rows, dropping loops and repeated edges and
// counting both, and releases the pairs (e is empty afterwards). It costs
// O(n + m) plus sorting each row, and partitions the pairs into buckets of
// rows first, as the transposes above do.
func (e *edgePairs) rows() (l rows, loops, dups int) {
	n, m := e.n, len(e.ends)/2
	s := bucketShift(n)
	start := make([]int64, n>>s+2)
	for i := range m {
		v, w := e.pair(i)
		if v == w {
			loops++
			continue
		}
		start[v>>s+1]++
	}
	prefix(start)
	pos := slices.Clone(start[:len(start)-1])
	arcs := make([]uint64, start[len(start)-1])
	for i := range m {
		if v, w := e.pair(i); v != w {
			b := v >> s
			arcs[pos[b]] = uint64(v)<<32 | uint64(w)
			pos[b]++
		}
	}
	e.ends = nil
	l = rows{off: make([]int64, n+1), tgt: make([]uint32, len(arcs))}
	nb := len(start) - 1
	kept := make([]int64, nb) // distinct arcs of each bucket
	dupsOf := make([]int, nb)
	buckets{shift: s, start: start, arcs: arcs}.each(n, func(b, lo, hi int, arcs []uint64, end []int64) {
		// Place the bucket's arcs in their rows within its own slots
		// tgt[start[b]:start[b+1]], then sort each row and move it down
		// without repeats.
		clear(end)
		for _, a := range arcs {
			end[a>>32-uint64(lo)]++
		}
		at := start[b]
		for i, c := range end {
			end[i] = at
			at += c
		}
		for _, a := range arcs {
			i := a>>32 - uint64(lo)
			l.tgt[end[i]] = uint32(a)
			end[i]++
		}
		k, from := start[b], start[b]
		for i, to := range end {
			row := l.tgt[from:to]
			from = to
			slices.Sort(row)
			l.off[lo+i] = k
			for j, w := range row {
				if j > 0 && w == row[j-1] {
					dupsOf[b]++
					continue
				}
				l.tgt[k] = w
				k++
			}
		}
		kept[b] = k - start[b]
	})
	// Close the gaps the repeats left between buckets.
	k := int64(0)
	for b := range nb {
		dups += dupsOf[b]
		if shift := start[b] - k; shift > 0 {
			copy(l.tgt[k:], l.tgt[start[b]:start[b]+kept[b]])
			for v := b << s; v < min(n, (b+1)<<s); v++ {
				l.off[v] -= shift
			}
		}
		k += kept[b]
	}
	l.off[n] = k
	l.tgt = l.tgt[:k:k]
	return l, loops, dups
}
