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
// endpoints so far (the repeated-endpoints list of Batagelj & Brandes 2005),
// so the cost is O(n·m) time and memory, with a few redraws when a vertex is
// drawn twice for the same newcomer.
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
	edges := m*(m+1)/2 + (n-m-1)*m
	l := rows{off: make([]int64, n+1), tgt: make([]uint32, 0, edges)}
	// ends lists both endpoints of every edge so far: a vertex of degree k
	// appears k times, so a uniform entry is a degree-proportional vertex.
	ends := make([]uint32, 0, 2*edges)
	for v := 1; v <= m; v++ {
		for w := 0; w < v; w++ {
			l.tgt = append(l.tgt, uint32(w))
			ends = append(ends, uint32(v), uint32(w))
		}
		l.off[v+1] = int64(len(l.tgt))
	}
	picks := make([]uint32, 0, m)
	for v := m + 1; v < n; v++ {
		picks = picks[:0]
		for len(picks) < m {
			w := ends[rnd.IntN(len(ends))]
			if !containsU32(picks, w) {
				picks = insertSorted(picks, w)
			}
		}
		l.tgt = append(l.tgt, picks...)
		for _, w := range picks {
			ends = append(ends, uint32(v), w)
		}
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
