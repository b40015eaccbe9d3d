package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"strconv"
)

// Adjacency is one direction of a CSR graph. The neighbours of vertex u are
// Targets[Offsets[u]:Offsets[u+1]], sorted ascending and free of duplicates;
// Weights is nil for an unweighted graph, or else aligned with Targets.
// Offsets has n+1 entries, Offsets[0] = 0 and Offsets[n] = len(Targets).
type Adjacency struct {
	Offsets []int64
	Targets []uint32
	Weights []float32
}

// Degree returns the number of neighbours of u in this direction.
func (a *Adjacency) Degree(u uint32) int {
	return int(a.Offsets[u+1] - a.Offsets[u])
}

// Neighbors returns the neighbours of u, sorted ascending. The slice aliases
// the graph and must not be modified.
func (a *Adjacency) Neighbors(u uint32) []uint32 {
	return a.Targets[a.Offsets[u]:a.Offsets[u+1]]
}

// NeighborWeights returns the weights aligned with Neighbors(u), or nil when
// the graph is unweighted. The slice aliases the graph and must not be modified.
func (a *Adjacency) NeighborWeights(u uint32) []float32 {
	if a.Weights == nil {
		return nil
	}
	return a.Weights[a.Offsets[u]:a.Offsets[u+1]]
}

// CSR is an immutable directed graph in compressed-sparse-row form.
//
// Vertices are dense ids 0..n-1. Out holds, for every u, the vertices v with an
// arc u→v (content flows from u to v: v sees what u shares); In is its
// transpose, with In.Weights[j] the weight of the arc In.Targets[j]→v. An
// undirected graph stores each edge as two arcs and reports Directed() false.
// Self-loops never appear; parallel arcs were merged by the Builder.
//
// A CSR is safe for concurrent use by any number of readers. Its fields are
// exported so that hot loops can index them directly; they must not be
// modified after the graph is built.
type CSR struct {
	Out Adjacency
	In  Adjacency

	labels   *Labels
	directed bool
	stats    Stats
}

// N returns the number of vertices.
func (g *CSR) N() int { return len(g.Out.Offsets) - 1 }

// M returns the number of arcs. An undirected edge counts twice.
func (g *CSR) M() int { return len(g.Out.Targets) }

// Directed reports whether the graph was built as directed. An undirected
// graph stores each edge as two arcs.
func (g *CSR) Directed() bool { return g.directed }

// Weighted reports whether the graph carries per-arc weights.
func (g *CSR) Weighted() bool { return g.Out.Weights != nil }

// WeightsAbove returns how many arcs weigh more than x and the largest
// weight of all; 0 and 0 for an unweighted graph. It reads every arc once.
// An undirected edge counts as its two arcs.
func (g *CSR) WeightsAbove(x float64) (n int, largest float64) {
	for _, w := range g.Out.Weights {
		if float64(w) > x {
			n++
		}
		largest = max(largest, float64(w))
	}
	return n, largest
}

// Stats returns the statistics recorded when the graph was built.
func (g *CSR) Stats() Stats { return g.stats }

// Labels returns the label table mapping the file's node names to ids.
func (g *CSR) Labels() *Labels { return g.labels }

// Label returns the user's name for vertex id u.
func (g *CSR) Label(u uint32) string { return g.labels.Name(u) }

// Checksum returns a hex SHA-256 digest of the graph's structure, weights,
// direction and labels. Two graphs with the same checksum simulate the same
// way; results record it so that a figure can be traced to its graph. It costs
// one pass over the arrays.
func (g *CSR) Checksum() string {
	h := sha256.New()
	var buf [8]byte
	put := func(h hash.Hash, x uint64) {
		binary.LittleEndian.PutUint64(buf[:], x)
		h.Write(buf[:])
	}
	put(h, uint64(g.N()))
	put(h, uint64(g.M()))
	if g.directed {
		put(h, 1)
	} else {
		put(h, 0)
	}
	for _, o := range g.Out.Offsets {
		put(h, uint64(o))
	}
	b := make([]byte, 0, 4096)
	for _, t := range g.Out.Targets {
		b = binary.LittleEndian.AppendUint32(b, t)
		if len(b) == cap(b) {
			h.Write(b)
			b = b[:0]
		}
	}
	for _, w := range g.Out.Weights {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w))
		if len(b) == cap(b) {
			h.Write(b)
			b = b[:0]
		}
	}
	h.Write(b)
	for u := 0; u < g.N(); u++ {
		name := g.labels.Name(uint32(u))
		put(h, uint64(len(name)))
		h.Write([]byte(name))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Labels maps vertex ids to the user's node names and back. A table built by
// IDLabels names every vertex by its decimal id.
type Labels struct {
	n     int
	names []string
	index map[string]uint32
}

// IDLabels returns a table naming each of n vertices by its decimal id.
func IDLabels(n int) *Labels { return &Labels{n: n} }

// NewLabels returns a label table naming vertex i names[i]. Names must be
// distinct; NewLabels panics otherwise, since that is a broken invariant of
// whoever built the table.
func NewLabels(names []string) *Labels {
	l := &Labels{n: len(names), names: names, index: make(map[string]uint32, len(names))}
	for i, s := range names {
		if _, dup := l.index[s]; dup {
			panic("graph: duplicate label " + strconv.Quote(s))
		}
		l.index[s] = uint32(i)
	}
	return l
}

// Len returns the number of vertices the table names.
func (l *Labels) Len() int { return l.n }

// Name returns the name of vertex u.
func (l *Labels) Name(u uint32) string {
	if l.names == nil {
		return strconv.FormatUint(uint64(u), 10)
	}
	return l.names[u]
}

// ID returns the vertex named name, and whether there is one. With no names,
// the decimal id is the name.
func (l *Labels) ID(name string) (uint32, bool) {
	if l.names == nil {
		id, err := strconv.ParseUint(name, 10, 32)
		return uint32(id), err == nil && id < uint64(l.n)
	}
	id, ok := l.index[name]
	return id, ok
}

// Names returns all names in id order, or nil when vertices are named by id.
// The slice aliases the table and must not be modified.
func (l *Labels) Names() []string { return l.names }

// Reverse returns a view of g with every arc turned around: its Out is g's In
// and its In is g's Out. It shares g's arrays and recomputes the statistics
// (O(n + m)); an undirected graph is its own reverse. Ranking people
// by how far their content can travel is ranking them in the reversed graph:
// PageRank on Reverse(g) favours sources, PageRank on g favours receivers.
func (g *CSR) Reverse() *CSR {
	if !g.directed {
		return g
	}
	r := *g
	r.Out, r.In = g.In, g.Out
	r.stats = computeStats(&r)
	r.stats.SelfLoops, r.stats.Duplicates = g.stats.SelfLoops, g.stats.Duplicates
	return &r
}
