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
	if err := checkArcs(fmt.Sprintf("gnm n=%d,m=%d", n, m), gnmArcs(m, directed)); err != nil {
		return nil, err
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
// rejecting repeats would give, only deduplicated in bulk. The redraws of a
// round (few when k is far below the number of pairs) are sorted on their
// own and merged into the rows drawn so far.
func distinctPairs(n, k int, directed bool, rnd *rand.Rand) rows {
	l := rows{off: make([]int64, n+1)}
	for want := k; want > 0; {
		e := newEdgePairs(n, want, directed)
		for range want {
			u := rnd.Uint32N(uint32(n))
			v := rnd.Uint32N(uint32(n - 1))
			if v >= u {
				v++
			}
			e.add(u, v)
		}
		x, _, dups := e.rows()
		if len(l.tgt) == 0 {
			l = x
		} else {
			var again int
			l, again = l.merge(x)
			dups += again
		}
		want = dups
	}
	return l
}

// merge returns the rows holding the arcs of l and of x, and the number of
// arcs of x that were already in l. It costs one pass over both.
func (l rows) merge(x rows) (rows, int) {
	n := l.n()
	out := rows{off: make([]int64, n+1), tgt: make([]uint32, 0, len(l.tgt)+len(x.tgt))}
	dups := 0
	for v := range n {
		a, b := l.tgt[l.off[v]:l.off[v+1]], x.tgt[x.off[v]:x.off[v+1]]
		for len(b) > 0 {
			i := 0
			for i < len(a) && a[i] < b[0] {
				i++
			}
			out.tgt = append(out.tgt, a[:i]...)
			a = a[i:]
			if len(a) > 0 && a[0] == b[0] {
				dups++
			} else {
				out.tgt = append(out.tgt, b[0])
			}
			b = b[1:]
		}
		out.tgt = append(out.tgt, a...)
		out.off[v+1] = int64(len(out.tgt))
	}
	return out, dups
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
