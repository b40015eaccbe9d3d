package graph

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// Loaders merge repeated edges as they read, not only when the graph is
// built: a 1.9 MB gzip can expand to 2 GB of one repeated line, and
// buffering every copy before Build merges them took 8 bytes per line.
//
// Every edge read feeds a HyperLogLog sketch (Flajolet, Fusy, Gandouet &
// Meunier, "HyperLogLog: the analysis of a near-optimal cardinality
// estimation algorithm", AofA 2007) of the distinct (u, v) pairs: 2¹⁰
// one-byte registers, a standard error of 1.04/√1024 ≈ 3%, and one
// multiply-shift hash per edge. Every dedupeEvery edges, when the
// buffered edges are at least twice the sketch's estimate of the distinct
// ones (and dedupeMin or more), the buffer is sorted and its repeats and
// self-loops are dropped, counted for Stats. A compaction costs O(b log b)
// for b buffered edges and at least halves the buffer, and the next one
// waits until it has doubled again, so the cost is amortised over the
// edges read; a file without repeats is never compacted. Buffered edges
// stay below max(2·dedupeMin, 4·distinct) in the worst case.

// dedupeMin is the fewest buffered edges worth compacting.
const dedupeMin = 1 << 20

// dedupeEvery is how often, in edges read, the loader looks at the sketch.
const dedupeEvery = 1 << 16

// hllBits is the number of index bits of the sketch: 2^hllBits registers.
const hllBits = 10

// hll is a HyperLogLog sketch of distinct 64-bit keys.
type hll struct {
	reg [1 << hllBits]uint8
}

// add records the key x.
func (h *hll) add(x uint64) {
	// A 64-bit mix (the finaliser of SplitMix64) spreads the bits of the
	// packed pair over the whole word.
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	i := x >> (64 - hllBits)
	rho := uint8(bits.LeadingZeros64(x<<hllBits|1<<(hllBits-1)) + 1)
	if rho > h.reg[i] {
		h.reg[i] = rho
	}
}

// estimate returns the estimated number of distinct keys added, with the
// small-range correction (linear counting) of the paper.
func (h *hll) estimate() float64 {
	const m = 1 << hllBits
	sum, zeros := 0.0, 0
	for _, r := range h.reg {
		sum += 1 / float64(uint64(1)<<r)
		if r == 0 {
			zeros++
		}
	}
	e := 0.7213 / (1 + 1.079/m) * m * m / sum
	if e <= 2.5*m && zeros > 0 {
		return m * math.Log(float64(m)/float64(zeros))
	}
	return e
}

// pairKey packs an edge into one sortable word.
func pairKey(u, v uint32) uint64 { return uint64(u)<<32 | uint64(v) }

// weightedKey is an edge and its weight, for sorting weighted edges.
type weightedKey struct {
	k uint64
	w float32
}

// dedupeKeys sorts keys, drops self-loops and repeats, and returns what is
// left with the numbers of loops and repeats dropped.
func dedupeKeys(keys []uint64) (kept []uint64, loops, dups int) {
	slices.Sort(keys)
	k := 0
	for _, x := range keys {
		switch {
		case uint32(x>>32) == uint32(x):
			loops++
		case k > 0 && keys[k-1] == x:
			dups++
		default:
			keys[k] = x
			k++
		}
	}
	return keys[:k], loops, dups
}

// dedupeWeighted is dedupeKeys for weighted edges: of repeats, the larger
// weight is kept, as Build does.
func dedupeWeighted(keys []weightedKey) (kept []weightedKey, loops, dups int) {
	slices.SortFunc(keys, func(a, b weightedKey) int { return cmp.Compare(a.k, b.k) })
	k := 0
	for _, x := range keys {
		switch {
		case uint32(x.k>>32) == uint32(x.k):
			loops++
		case k > 0 && keys[k-1].k == x.k:
			dups++
			keys[k-1].w = max(keys[k-1].w, x.w)
		default:
			keys[k] = x
			k++
		}
	}
	return keys[:k], loops, dups
}

// maybeDedupe compacts the buffered edges when the sketch says that at
// least half of them are repeats (see the top of this file).
func (l *loader) maybeDedupe() {
	buf := l.numEdges()
	if buf < max(l.dedupeMin, l.nextDedupe) || float64(buf) < 2*l.sketch.estimate() {
		return
	}
	var loops, dups int
	if l.named {
		loops, dups = l.b.dedupe()
	} else {
		loops, dups = l.dedupeChunks()
	}
	l.loops += loops
	l.dups += dups
	l.nextDedupe = 2 * l.numEdges()
}

// dedupe compacts the builder's edges in place, as dedupeKeys does, and
// returns the numbers of loops and repeats dropped.
func (b *Builder) dedupe() (loops, dups int) {
	if b.weighted {
		keys := make([]weightedKey, len(b.src))
		for i := range keys {
			keys[i] = weightedKey{pairKey(b.src[i], b.dst[i]), b.w[i]}
		}
		keys, loops, dups = dedupeWeighted(keys)
		b.src, b.dst, b.w = b.src[:len(keys)], b.dst[:len(keys)], b.w[:len(keys)]
		for i, x := range keys {
			b.src[i], b.dst[i], b.w[i] = uint32(x.k>>32), uint32(x.k), x.w
		}
		return loops, dups
	}
	keys := make([]uint64, len(b.src))
	for i := range keys {
		keys[i] = pairKey(b.src[i], b.dst[i])
	}
	keys, loops, dups = dedupeKeys(keys)
	b.src, b.dst = b.src[:len(keys)], b.dst[:len(keys)]
	for i, x := range keys {
		b.src[i], b.dst[i] = uint32(x>>32), uint32(x)
	}
	return loops, dups
}

// dedupeChunks compacts the loader's buffered blocks of edges (numeric
// mode), reusing their arrays, and returns the numbers of loops and
// repeats dropped.
func (l *loader) dedupeChunks() (loops, dups int) {
	var pieces []edgeChunk // the blocks, to refill
	for _, c := range append(l.chunks, l.cur) {
		if cap(c.src) == chunkEdges {
			pieces = append(pieces, c)
		}
	}
	var keys []uint64
	var wkeys []weightedKey
	for _, c := range pieces {
		for i, u := range c.src {
			k := pairKey(u, c.dst[i])
			switch {
			case !l.weighted:
				keys = append(keys, k)
			case len(c.w) == 0: // filled before the first weighted edge
				wkeys = append(wkeys, weightedKey{k, 1})
			default:
				wkeys = append(wkeys, weightedKey{k, c.w[i]})
			}
		}
	}
	if l.weighted {
		wkeys, loops, dups = dedupeWeighted(wkeys)
	} else {
		keys, loops, dups = dedupeKeys(keys)
	}
	l.chunks, l.cur = nil, edgeChunk{}
	next := func() edgeChunk {
		var c edgeChunk
		if len(pieces) > 0 {
			c, pieces = pieces[0], pieces[1:]
		} else {
			c = edgeChunk{src: make([]uint32, 0, chunkEdges), dst: make([]uint32, 0, chunkEdges)}
		}
		c.src, c.dst, c.w = c.src[:0], c.dst[:0], c.w[:0]
		if l.weighted && cap(c.w) < chunkEdges {
			c.w = make([]float32, 0, chunkEdges)
		}
		return c
	}
	c := next()
	put := func(k uint64) {
		if len(c.src) == chunkEdges {
			l.chunks = append(l.chunks, c)
			c = next()
		}
		c.src = append(c.src, uint32(k>>32))
		c.dst = append(c.dst, uint32(k))
	}
	for _, k := range keys {
		put(k)
	}
	for _, x := range wkeys {
		put(x.k)
		c.w = append(c.w, x.w)
	}
	l.cur = c
	return loops, dups
}
