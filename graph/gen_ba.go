package graph

import (
	"fmt"
	"math/rand/v2"
)

// BarabasiAlbert returns a Barabási–Albert preferential-attachment graph on n
// vertices: it starts from a clique of m+1 vertices, then each new vertex
// v = m+1, …, n-1 links to m distinct older vertices, each chosen with
// probability proportional to its current degree (linear preferential
// attachment, Barabási & Albert, "Emergence of scaling in random networks",
// Science 286, 509, 1999). The degree distribution has a power-law tail
// P(k) ~ k⁻³, and the graph has exactly m(m+1)/2 + (n-m-1)m edges.
//
// Degree-proportional choice draws a uniform entry of the list of all edge
// endpoints so far (the repeated-endpoints list of Batagelj & Brandes 2005,
// read from the edges themselves rather than stored), so the cost is O(n·m)
// time and memory, with a few redraws when a vertex is drawn twice for the
// same newcomer.
//
// Undirected, each edge is stored as two arcs. When directed, each edge
// becomes the single arc old→new: the newcomer follows the vertices already
// there, so an old vertex's content reaches every later vertex that attached
// to it. Out-degrees (audiences) are then heavy-tailed, the hubs are the
// early, popular accounts (KOLs), and every later vertex has in-degree m. The
// directed graph is acyclic, so its spectral radius is 0.
//
// An m < 1 or n < m+1 returns an error; a nil rnd panics.
func BarabasiAlbert(n, m int, directed bool, rnd *rand.Rand) (*CSR, error) {
	mustRand(rnd)
	if err := checkNodes(n); err != nil {
		return nil, err
	}
	if m < 1 || n < m+1 {
		return nil, fmt.Errorf("graph: bad attachment: m=%d (want 1 ≤ m < n=%d)", m, n)
	}
	if err := checkArcs(fmt.Sprintf("ba n=%d,m=%d", n, m), baArcs(n, m, directed)); err != nil {
		return nil, err
	}
	edges := m*(m+1)/2 + (n-m-1)*m
	l := rows{off: make([]int64, n+1), tgt: make([]uint32, 0, edges)}
	// The list of both ends of every edge so far, newer end first (entries
	// 2p and 2p+1 for edge p), holds a vertex of degree k k times, so a
	// uniform entry is a degree-proportional vertex. It is not stored:
	// the older end of edge p is l.tgt[p], and the newer one is computed
	// (newcomer v brings edges c+(v-m-1)m .. c+(v-m)m-1 after the c edges
	// of the clique, whose newer ends are in clique).
	c := m * (m + 1) / 2
	clique := make([]uint32, 0, c)
	for v := 1; v <= m; v++ {
		for w := 0; w < v; w++ {
			l.tgt = append(l.tgt, uint32(w))
			clique = append(clique, uint32(v))
		}
		l.off[v+1] = int64(len(l.tgt))
	}
	end := func(i int) uint32 {
		switch p := i >> 1; {
		case i&1 == 1:
			return l.tgt[p]
		case p < c:
			return clique[p]
		default:
			return uint32(m + 1 + (p-c)/m)
		}
	}
	picks := make([]uint32, 0, m)
	drawn := make([]uint32, m)
	for v := m + 1; v < n; v++ {
		// Draw all the entries still needed before looking any up, so that
		// their cache misses overlap; the picks are those of drawing one
		// entry at a time and redrawing repeats.
		picks = picks[:0]
		for len(picks) < m {
			d := drawn[:m-len(picks)]
			for k := range d {
				d[k] = end(rnd.IntN(2 * len(l.tgt)))
			}
			for _, w := range d {
				if !containsU32(picks, w) {
					picks = insertSorted(picks, w)
				}
			}
		}
		l.tgt = append(l.tgt, picks...)
		l.off[v+1] = int64(len(l.tgt))
	}
	if directed {
		return l.oldToNew()
	}
	return l.undirected()
}

// containsU32 reports whether the short slice s holds x.
func containsU32(s []uint32, x uint32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// insertSorted inserts x into the sorted short slice s.
func insertSorted(s []uint32, x uint32) []uint32 {
	s = append(s, x)
	i := len(s) - 1
	for ; i > 0 && s[i-1] > x; i-- {
		s[i] = s[i-1]
	}
	s[i] = x
	return s
}
