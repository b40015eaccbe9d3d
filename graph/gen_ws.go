package graph

import (
	"fmt"
	"math/rand/v2"
)

// WattsStrogatz returns a Watts–Strogatz small-world graph (Watts & Strogatz,
// "Collective dynamics of 'small-world' networks", Nature 393, 440, 1998):
// a ring of n vertices, each linked to its k nearest neighbours (k/2 on each
// side, k even), whose edges are then rewired. For every vertex u in turn and
// every lattice edge u–(u+j) with j = 1..k/2, with probability beta the far
// end is replaced by a vertex drawn uniformly among those that are neither u
// nor already linked to u (a vertex linked to all others keeps its edge). The
// graph keeps exactly nk/2 undirected edges; beta = 0 is the lattice (degree k,
// clustering 3(k-2)/(4(k-1))) and beta = 1 is close to a random graph.
//
// Rewired edges are tracked in a hash set, lattice edges in a flag array, so
// the cost is O(nk) expected time and memory. An odd k, k < 2, k ≥ n or a beta outside [0,1] returns an
// error; a nil rnd panics.
func WattsStrogatz(n, k int, beta float64, rnd *rand.Rand) (*CSR, error) {
	mustRand(rnd)
	if err := checkNodes(n); err != nil {
		return nil, err
	}
	if k < 2 || k%2 != 0 || k >= n {
		return nil, fmt.Errorf("graph: bad lattice degree: k=%d (want an even 2 ≤ k < n=%d)", k, n)
	}
	if err := checkProb("beta", beta); err != nil {
		return nil, err
	}
	if err := checkArcs(fmt.Sprintf("ws n=%d,k=%d", n, k), wsArcs(n, k)); err != nil {
		return nil, err
	}
	half := k / 2
	m := n * half
	e := newEdgePairs(n, m, false)
	key := func(u, v uint32) uint64 {
		if u > v {
			u, v = v, u
		}
		return uint64(u)<<32 | uint64(v)
	}
	for u := 0; u < n; u++ {
		for j := 1; j <= half; j++ {
			e.add(uint32(u), uint32((u+j)%n))
		}
	}
	if beta > 0 {
		// An edge u–w is present when it is a lattice edge not yet rewired
		// away (removed, indexed like e) or a rewired one (extra): the hash
		// set only holds the beta·nk/2 rewired edges.
		removed := make([]bool, m)
		extra := make(map[uint64]struct{}, int(beta*float64(m))+16)
		present := func(u, w uint32) bool {
			if _, ok := extra[key(u, w)]; ok {
				return true
			}
			if u > w {
				u, w = w, u
			}
			// The lattice edge a–(a+j) with j ≤ k/2 is edge a·(k/2)+j-1.
			switch d := int(w - u); {
			case d <= half:
				return !removed[int(u)*half+d-1]
			case n-d <= half:
				return !removed[int(w)*half+n-d-1]
			}
			return false
		}
		// deg counts each vertex's current degree, to tell when u is
		// already linked to everyone and no rewiring target exists.
		deg := make([]int, n)
		for i := range deg {
			deg[i] = k
		}
		for i := range m {
			if rnd.Float64() >= beta {
				continue
			}
			u, old := uint32(i/half), uint32((i/half+i%half+1)%n)
			if deg[u] >= n-1 {
				continue
			}
			var w uint32
			for {
				w = rnd.Uint32N(uint32(n))
				if w != u && !present(u, w) {
					break
				}
			}
			removed[i] = true
			extra[key(u, w)] = struct{}{}
			deg[old]--
			deg[w]++
			e.ends[2*i], e.ends[2*i+1] = u, w
		}
	}
	l, _, _ := e.rows()
	return l.undirected()
}
