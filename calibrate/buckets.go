package calibrate

import (
	"fmt"
	"math"
	"strconv"
)

// OpenBucket is the size from which the last bucket is open.
const OpenBucket = 512

// Floor is the share of probability spread uniformly over the buckets so
// that no bucket has probability zero.
const Floor = 0.01

// Buckets are the size buckets above a minimum recorded size: lower edges
// Edges[0] = Min, then the powers of two above Min, up to OpenBucket.
type Buckets struct {
	Min   int
	Edges []int
}

// NewBuckets returns the buckets for cascades recorded from size min
// (1 ≤ min < OpenBucket).
func NewBuckets(min int) (Buckets, error) {
	if min < 1 || min >= OpenBucket {
		return Buckets{}, fmt.Errorf("calibrate: bad minimum size %d (want 1 ≤ min < %d)", min, OpenBucket)
	}
	b := Buckets{Min: min, Edges: []int{min}}
	for e := 2; e <= OpenBucket; e *= 2 {
		if e > min {
			b.Edges = append(b.Edges, e)
		}
	}
	return b, nil
}

// Len returns the number of buckets.
func (b Buckets) Len() int { return len(b.Edges) }

// Of returns the bucket of a size ≥ Min, or -1 for a smaller one.
func (b Buckets) Of(size int) int {
	if size < b.Min {
		return -1
	}
	k := 0
	for k+1 < len(b.Edges) && size >= b.Edges[k+1] {
		k++
	}
	return k
}

// Range returns bucket k's sizes lo..hi; hi is -1 for the open bucket.
func (b Buckets) Range(k int) (lo, hi int) {
	if k+1 == len(b.Edges) {
		return b.Edges[k], -1
	}
	return b.Edges[k], b.Edges[k+1] - 1
}

// Label returns bucket k as "4–7", "1" or "512+".
func (b Buckets) Label(k int) string {
	lo, hi := b.Range(k)
	switch {
	case hi < 0:
		return strconv.Itoa(lo) + "+"
	case hi == lo:
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

// Probs turns tail probabilities into smoothed bucket probabilities: tail[k]
// is P(size ≥ Edges[k]) (so tail[0] is P(size ≥ Min)); dst[k] becomes
// (1−Floor)·P(bucket k | size ≥ Min) + Floor/K. When tail[0] is 0 the model
// cannot produce a recorded cascade and only the floor remains. dst must
// have Len() entries.
func (b Buckets) Probs(dst, tail []float64) {
	K := len(b.Edges)
	u := Floor / float64(K)
	t0 := tail[0]
	for k := range K {
		next := 0.0
		if k+1 < K {
			next = tail[k+1]
		}
		q := 0.0
		if t0 > 0 {
			q = max(0, tail[k]-next) / t0
		}
		dst[k] = (1-Floor)*q + u
	}
}

// Climatology returns the smoothed bucket frequencies of sizes (each ≥
// Min; smaller ones are ignored).
func (b Buckets) Climatology(sizes []int) []float64 {
	p := b.Frequencies(sizes)
	for k, q := range p {
		p[k] = (1-Floor)*q + Floor/float64(len(p))
	}
	return p
}

// Frequencies returns the plain share of sizes in each bucket (sizes below
// Min ignored), without the floor.
func (b Buckets) Frequencies(sizes []int) []float64 {
	f := make([]float64, b.Len())
	n := 0
	for _, s := range sizes {
		if k := b.Of(s); k >= 0 {
			f[k]++
			n++
		}
	}
	for k := range f {
		if n > 0 {
			f[k] /= float64(n)
		}
	}
	return f
}

// logOf returns log p, guarding p = 0 (which the floor rules out).
func logOf(p float64) float64 {
	if p <= 0 {
		return math.Inf(-1)
	}
	return math.Log(p)
}
