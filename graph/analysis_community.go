package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Communities returns a community label for every vertex of g, found by the
// Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding
// of communities in large networks", J. Stat. Mech. P10008, 2008), which
// greedily maximises the modularity at the given resolution γ (1 for the
// classic modularity; larger gives smaller communities). It works on the
// undirected view of g (GonumUndirected): a directed graph's adjacency is
// symmetrized to A + Aᵀ. Labels are 0, 1, … in order of each community's
// smallest vertex id, so vertex 0 is in community 0.
//
// Each level visits the vertices in an order drawn from rnd, moves each to
// the neighbouring community of largest modularity gain (staying on ties)
// until a pass moves nobody, then merges communities into vertices; levels
// repeat until nothing merges. Sums run in a fixed order, so the labels are
// reproducible for a given seed. A pass costs O(n + m).
//
// It is ripple's own implementation rather than gonum's community.Modularize
// (which runs on the same view and reaches the same modularity on small
// graphs, see the tests): gonum's local move scans every member of each
// candidate community through a map, which is quadratic in community size
// and took 3m41s on the 50k-vertex default graph, against 0.5 s here (with
// the same modularity as the planted partition). A resolution that is not
// a finite number > 0 returns an error; a nil rnd panics.
func Communities(g *CSR, resolution float64, rnd *rand.Rand) ([]int, error) {
	mustRand(rnd)
	if !(resolution > 0) || math.IsInf(resolution, 1) {
		return nil, fmt.Errorf("graph: bad resolution: resolution=%v (want a finite number > 0)", resolution)
	}
	n := g.N()
	labels := make([]int, n)
	for v := range labels {
		labels[v] = v
	}
	lv := symmetrized(g)
	for {
		comm, moved := lv.localMoves(resolution, rnd)
		if !moved {
			break
		}
		k := renumber(comm)
		for v, c := range labels {
			labels[v] = comm[c]
		}
		if k == lv.n() {
			break
		}
		lv = lv.aggregate(comm, k)
	}
	renumber(labels)
	return labels, nil
}

// Modularity returns the modularity Q of the partition of g's undirected view
// into the communities given by labels, at resolution γ (Newman & Girvan
// 2004; Reichardt & Bornholdt 2006):
//
//	Q = 1/2m Σ_ij [A_ij - γ k_i k_j / 2m] δ(c_i, c_j)
//
// with A the symmetrized adjacency. It costs O(n + m). labels must have one
// entry ≥ 0 per vertex; Modularity panics otherwise.
func Modularity(g *CSR, labels []int, resolution float64) float64 {
	if len(labels) != g.N() {
		panic(fmt.Sprintf("graph: %d labels for %d vertices", len(labels), g.N()))
	}
	lv := symmetrized(g)
	k := 0
	for _, c := range labels {
		k = max(k, c+1)
	}
	in := make([]float64, k)
	tot := make([]float64, k)
	m2 := 0.0
	for i := range lv.n() {
		tot[labels[i]] += lv.k[i]
		m2 += lv.k[i]
		for j := lv.off[i]; j < lv.off[i+1]; j++ {
			if labels[lv.nbr[j]] == labels[i] {
				in[labels[i]] += lv.w[j]
			}
		}
	}
	if m2 == 0 {
		return 0
	}
	q := 0.0
	for c := range in {
		q += in[c]/m2 - resolution*(tot[c]/m2)*(tot[c]/m2)
	}
	return q
}

// louvainLevel is a weighted undirected graph: rows nbr[off[i]:off[i+1]]
// with weights w (each edge in both rows, no self-entries), loop[i] the
// weight A_ii of i's own internal edges (counted twice, as in Σ_ij A_ij),
// and k[i] = Σ_j A_ij its strength including loop[i].
type louvainLevel struct {
	off  []int
	nbr  []int32
	w    []float64
	loop []float64
	k    []float64
}

func (l *louvainLevel) n() int { return len(l.k) }

// symmetrized returns the first level: A + Aᵀ for a directed g, A for an
// undirected one, weights defaulting to 1.
func symmetrized(g *CSR) *louvainLevel {
	n := g.N()
	l := &louvainLevel{off: make([]int, n+1), loop: make([]float64, n), k: make([]float64, n)}
	weight := func(a *Adjacency, j int64) float64 {
		if a.Weights == nil {
			return 1
		}
		return float64(a.Weights[j])
	}
	for u := range n {
		out, in := g.Out, g.In
		i, iEnd := out.Offsets[u], out.Offsets[u+1]
		j, jEnd := in.Offsets[u], in.Offsets[u+1]
		if !g.directed {
			j = jEnd // the In rows repeat the Out rows
		}
		for i < iEnd || j < jEnd {
			var v uint32
			var w float64
			switch {
			case j == jEnd || i < iEnd && out.Targets[i] < in.Targets[j]:
				v, w = out.Targets[i], weight(&out, i)
				i++
			case i == iEnd || in.Targets[j] < out.Targets[i]:
				v, w = in.Targets[j], weight(&in, j)
				j++
			default:
				v, w = out.Targets[i], weight(&out, i)+weight(&in, j)
				i, j = i+1, j+1
			}
			l.nbr = append(l.nbr, int32(v))
			l.w = append(l.w, w)
			l.k[u] += w
		}
		l.off[u+1] = len(l.nbr)
	}
	return l
}

// localMoves runs Louvain's first phase from singletons and returns the
// community of each vertex and whether any vertex moved.
func (l *louvainLevel) localMoves(gamma float64, rnd *rand.Rand) (comm []int, moved bool) {
	n := l.n()
	comm = make([]int, n)
	tot := make([]float64, n)
	m2 := 0.0
	for i := range n {
		comm[i] = i
		tot[i] = l.k[i]
		m2 += l.k[i]
	}
	if m2 == 0 {
		return comm, false
	}
	order := rnd.Perm(n)
	link := make([]float64, n) // weight from the current vertex to each community
	touched := make([]int, 0, 64)
	for {
		moves := 0
		for _, i := range order {
			touched = touched[:0]
			for j := l.off[i]; j < l.off[i+1]; j++ {
				c := comm[l.nbr[j]]
				if link[c] == 0 {
					touched = append(touched, c)
				}
				link[c] += l.w[j]
			}
			ki, own := l.k[i], comm[i]
			tot[own] -= ki
			// Gain of joining c, up to a common factor: link - γ·tot·k/2m.
			best, bestGain := own, link[own]-gamma*tot[own]*ki/m2
			for _, c := range touched {
				if gain := link[c] - gamma*tot[c]*ki/m2; gain > bestGain {
					best, bestGain = c, gain
				}
			}
			for _, c := range touched {
				link[c] = 0
			}
			link[own] = 0
			tot[best] += ki
			if best != own {
				comm[i] = best
				moves++
				moved = true
			}
		}
		if moves == 0 {
			return comm, moved
		}
	}
}

// aggregate returns the level whose vertices are the k communities of comm
// (numbered 0..k-1).
func (l *louvainLevel) aggregate(comm []int, k int) *louvainLevel {
	members := make([][]int, k)
	for i, c := range comm {
		members[c] = append(members[c], i)
	}
	a := &louvainLevel{off: make([]int, k+1), loop: make([]float64, k), k: make([]float64, k)}
	link := make([]float64, k)
	touched := make([]int, 0, 64)
	for c, ms := range members {
		touched = touched[:0]
		for _, i := range ms {
			a.loop[c] += l.loop[i]
			a.k[c] += l.k[i]
			for j := l.off[i]; j < l.off[i+1]; j++ {
				d := comm[l.nbr[j]]
				if d == c {
					a.loop[c] += l.w[j]
					continue
				}
				if link[d] == 0 {
					touched = append(touched, d)
				}
				link[d] += l.w[j]
			}
		}
		for _, d := range touched {
			a.nbr = append(a.nbr, int32(d))
			a.w = append(a.w, link[d])
			link[d] = 0
		}
		a.off[c+1] = len(a.nbr)
	}
	return a
}

// renumber relabels the values of labels 0, 1, … in order of first
// appearance and returns how many there are.
func renumber(labels []int) int {
	next := make(map[int]int)
	for v, c := range labels {
		r, ok := next[c]
		if !ok {
			r = len(next)
			next[c] = r
		}
		labels[v] = r
	}
	return len(next)
}
