package graph

import (
	"fmt"
	"math/rand/v2"
)

// Gnm returns an Erdős–Rényi G(n,m) random graph: m edges chosen uniformly
// among the n(n-1)/2 unordered pairs (or, when directed, m arcs among the
// n(n-1) ordered pairs), without loops or repeats. Vertices are named by
// their ids.
//
// Pairs are drawn uniformly and repeats rejected (Erdős & Rényi 1959; the
// rejection scheme of Batagelj & Brandes 2005, with rows deduplicated in
// bulk rather than through a hash set). When m is more than half of the
// pairs, the complement is drawn instead, so the cost is O(n + m) expected
// time and memory. An m outside [0, pairs] returns an error; a nil rnd
// panics.
func Gnm(n, m int, directed bool, rnd *rand.Rand) (*CSR, error) {
	mustRand(rnd)
	if err := checkNodes(n); err != nil {
		return nil, err
	}
	pairs := int64(n) * int64(n-1)
	if !directed {
		pairs /= 2
	}
	if m < 0 || int64(m) > pairs {
		return nil, fmt.Errorf("graph: bad number of edges: m=%d (want 0 ≤ m ≤ %d for n=%d)", m, pairs, n)
	}
	draw := int64(m)
	complement := 2*draw > pairs
	if complement {
		draw = pairs - draw
	}
	l := distinctPairs(n, int(draw), directed, rnd)
	if complement {
		l = l.complement(directed)
	}
	if directed {
		return l.directed()
	}
	return l.undirected()
}

// distinctPairs draws k distinct uniform pairs (arcs when directed) of n
// vertices, redrawing the repeats of each round until k are distinct. The
// result is a uniform k-subset: it is what drawing one pair at a time and
// rejecting repeats would give, only deduplicated in bulk.
func distinctPairs(n, k int, directed bool, rnd *rand.Rand) rows {
	e := newEdgePairs(n, k, directed)
	for want := k; want > 0; {
		for range want {
			u := rnd.Uint32N(uint32(n))
			v := rnd.Uint32N(uint32(n - 1))
			if v >= u {
				v++
			}
			e.add(u, v)
		}
		l, _, dups := e.rows()
		if dups == 0 {
			return l
		}
		want = dups
		e = rowPairs(l, n, k, directed)
	}
	return rows{off: make([]int64, n+1)}
}

// rowPairs turns rows back into an edge collection with room for m pairs.
func rowPairs(l rows, n, m int, directed bool) *edgePairs {
	e := newEdgePairs(n, m, directed)
	for v := 0; v < n; v++ {
		for _, w := range l.tgt[l.off[v]:l.off[v+1]] {
			e.a = append(e.a, uint32(v))
			e.b = append(e.b, w)
		}
	}
	return e
}

// complement returns the rows of every pair absent from l: the other
// off-diagonal slots of each row (w < v for a lower triangle, w ≠ v when
// directed). It costs O(n²) time, which is O(m) when called from Gnm.
func (l rows) complement(directed bool) rows {
	n := l.n()
	c := rows{off: make([]int64, n+1)}
	for v := 0; v < n; v++ {
		end := v
		if directed {
			end = n
		}
		row := l.tgt[l.off[v]:l.off[v+1]]
		i := 0
		for w := 0; w < end; w++ {
			if i < len(row) && row[i] == uint32(w) {
				i++
				continue
			}
			if w != v {
				c.tgt = append(c.tgt, uint32(w))
			}
		}
		c.off[v+1] = int64(len(c.tgt))
	}
	return c
}
