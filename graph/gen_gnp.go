package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Gnp returns an Erdős–Rényi G(n,p) random graph: each of the n(n-1)/2
// unordered pairs (or, when directed, each of the n(n-1) ordered pairs) is an
// edge independently with probability p. Vertices are named by their ids.
//
// Gaps between edges are drawn from the geometric distribution (Batagelj &
// Brandes, "Efficient generation of large random networks", Phys. Rev. E 71,
// 036113, 2005), so the cost is O(n + m) time and memory for m edges, one
// exponential variate (a ziggurat draw, see skipper) per edge; rows come out
// in order, and the in-rows or the upper triangle are assembled in two
// cache-friendly passes (see rows.transpose). A p outside [0,1] returns a
// "graph: bad probability" error, a negative n an error, more than 2³⁶
// expected arcs an ErrTooLarge error; a nil rnd panics.
func Gnp(n int, p float64, directed bool, rnd *rand.Rand) (*CSR, error) {
	mustRand(rnd)
	if err := checkNodes(n); err != nil {
		return nil, err
	}
	if err := checkProb("p", p); err != nil {
		return nil, err
	}
	if err := checkArcs(fmt.Sprintf("gnp n=%d,p=%v", n, p), gnpArcs(n, p)); err != nil {
		return nil, err
	}
	slots := float64(n) * float64(n-1)
	if !directed {
		slots /= 2
	}
	mean := p * slots
	l := rows{off: make([]int64, n+1)}
	if p > 0 && n > 1 {
		// Room for the mean plus five standard deviations: append rarely grows.
		l.tgt = make([]uint32, 0, int(mean+5*math.Sqrt(mean)+16))
	}
	if p == 0 || n < 2 {
		if directed {
			return l.directed()
		}
		return l.undirected()
	}
	s := newSkipper(p, rnd)
	// Rows are filled in order; a row's end is written when the gap leaves
	// it, which also closes the empty rows it jumps over.
	if directed {
		// Slot j of row u is the arc u→v with v = j, or j+1 past the diagonal.
		width := int64(n - 1)
		u, j := 0, int64(-1)
	arcs:
		for {
			j += 1 + s.skip()
			for j >= width {
				l.off[u+1] = int64(len(l.tgt))
				j -= width
				if u++; u == n {
					break arcs
				}
			}
			v := uint32(j)
			if j >= int64(u) {
				v++
			}
			l.tgt = append(l.tgt, v)
		}
		return l.directed()
	}
	// Row v of the lower triangle has the v slots w = 0..v-1.
	v, w := 1, int64(-1)
edges:
	for {
		w += 1 + s.skip()
		for w >= int64(v) {
			l.off[v+1] = int64(len(l.tgt))
			w -= int64(v)
			if v++; v == n {
				break edges
			}
		}
		l.tgt = append(l.tgt, uint32(w))
	}
	return l.undirected()
}
