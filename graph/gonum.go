package graph

import (
	"slices"

	gonum "gonum.org/v1/gonum/graph"
)

// Views of a CSR as gonum graphs, so that gonum's algorithms (network,
// community, path, topo) run on ripple's graphs without copying them into
// gonum's map-based graphs, whose node order is randomized. A view aliases
// the CSR and allocates nothing but the small iterators it returns. Node ids
// are the CSR's vertex ids, and nodes and neighbours are iterated in
// ascending id order, so any algorithm that is deterministic for a given
// iteration order (and given random source) is deterministic on a view.

var (
	_ gonum.WeightedDirected   = GonumDirected{}
	_ gonum.WeightedUndirected = GonumUndirected{}
)

// GonumDirected is a read-only gonum graph.WeightedDirected view of a CSR:
// the arcs u→v of g.Out, weighted by the arc's weight (1 when g is
// unweighted). An undirected CSR appears with both arcs of every edge.
type GonumDirected struct{ g *CSR }

// NewGonumDirected returns the directed view of g.
func NewGonumDirected(g *CSR) GonumDirected { return GonumDirected{g: g} }

// Node returns the node with the given id, or nil if there is none.
func (d GonumDirected) Node(id int64) gonum.Node { return csrNode(d.g, id) }

// Nodes returns all nodes in ascending id order.
func (d GonumDirected) Nodes() gonum.Nodes { return &idRange{n: int64(d.g.N()), cur: -1} }

// From returns the heads v of the arcs u→v leaving u, in ascending order.
func (d GonumDirected) From(u int64) gonum.Nodes {
	if !d.g.has(u) {
		return gonum.Empty
	}
	return newIDList(d.g.Out.Neighbors(uint32(u)))
}

// To returns the tails u of the arcs u→v entering v, in ascending order.
func (d GonumDirected) To(v int64) gonum.Nodes {
	if !d.g.has(v) {
		return gonum.Empty
	}
	return newIDList(d.g.In.Neighbors(uint32(v)))
}

// HasEdgeBetween reports whether there is an arc x→y or y→x.
func (d GonumDirected) HasEdgeBetween(x, y int64) bool {
	_, ok := d.g.arc(x, y)
	if !ok {
		_, ok = d.g.arc(y, x)
	}
	return ok
}

// HasEdgeFromTo reports whether there is an arc u→v.
func (d GonumDirected) HasEdgeFromTo(u, v int64) bool {
	_, ok := d.g.arc(u, v)
	return ok
}

// Edge returns the arc u→v, or nil if there is none.
func (d GonumDirected) Edge(u, v int64) gonum.Edge {
	if e := d.WeightedEdge(u, v); e != nil {
		return e
	}
	return nil
}

// WeightedEdge returns the arc u→v with its weight, or nil if there is none.
func (d GonumDirected) WeightedEdge(u, v int64) gonum.WeightedEdge {
	w, ok := d.g.arc(u, v)
	if !ok {
		return nil
	}
	return edge{from: node(u), to: node(v), w: w}
}

// Weight returns the weight of the arc x→y and true; (0, true) when x = y,
// and (0, false) when there is no such arc.
func (d GonumDirected) Weight(x, y int64) (float64, bool) {
	if x == y && d.g.has(x) {
		return 0, true
	}
	return d.g.arc(x, y)
}

// GonumUndirected is a read-only gonum graph.WeightedUndirected view of a
// CSR. For an undirected CSR its edges are the CSR's edges with their
// weights. For a directed CSR, u–v is an edge when u→v or v→u is an arc, and
// weighs the sum of the weights of the arcs present (a reciprocal tie of an
// unweighted graph weighs 2), as in community detection on the symmetrized
// adjacency A + Aᵀ.
type GonumUndirected struct{ g *CSR }

// NewGonumUndirected returns the undirected view of g.
func NewGonumUndirected(g *CSR) GonumUndirected { return GonumUndirected{g: g} }

// Node returns the node with the given id, or nil if there is none.
func (u GonumUndirected) Node(id int64) gonum.Node { return csrNode(u.g, id) }

// Nodes returns all nodes in ascending id order.
func (u GonumUndirected) Nodes() gonum.Nodes { return &idRange{n: int64(u.g.N()), cur: -1} }

// From returns the neighbours of x in ascending order. For a directed CSR it
// allocates their merged list.
func (u GonumUndirected) From(x int64) gonum.Nodes {
	if !u.g.has(x) {
		return gonum.Empty
	}
	out := u.g.Out.Neighbors(uint32(x))
	if !u.g.directed {
		return newIDList(out)
	}
	return newIDList(mergeSorted(out, u.g.In.Neighbors(uint32(x))))
}

// HasEdgeBetween reports whether x and y are linked.
func (u GonumUndirected) HasEdgeBetween(x, y int64) bool {
	_, ok := u.Weight(x, y)
	return ok && x != y
}

// Edge returns the edge x–y, or nil if there is none.
func (u GonumUndirected) Edge(x, y int64) gonum.Edge {
	if e := u.WeightedEdge(x, y); e != nil {
		return e
	}
	return nil
}

// EdgeBetween returns the edge x–y, or nil if there is none.
func (u GonumUndirected) EdgeBetween(x, y int64) gonum.Edge { return u.Edge(x, y) }

// WeightedEdge returns the edge x–y with its weight, or nil if there is none.
func (u GonumUndirected) WeightedEdge(x, y int64) gonum.WeightedEdge {
	w, ok := u.Weight(x, y)
	if !ok || x == y {
		return nil
	}
	return edge{from: node(x), to: node(y), w: w}
}

// WeightedEdgeBetween returns the edge x–y with its weight, or nil.
func (u GonumUndirected) WeightedEdgeBetween(x, y int64) gonum.WeightedEdge {
	return u.WeightedEdge(x, y)
}

// Weight returns the weight of the edge x–y and true; (0, true) when x = y,
// and (0, false) when there is no such edge.
func (u GonumUndirected) Weight(x, y int64) (float64, bool) {
	if x == y && u.g.has(x) {
		return 0, true
	}
	w, ok := u.g.arc(x, y)
	if !u.g.directed {
		return w, ok
	}
	if r, rok := u.g.arc(y, x); rok {
		return w + r, true
	}
	return w, ok
}

// has reports whether id is a vertex of g.
func (g *CSR) has(id int64) bool { return id >= 0 && id < int64(g.N()) }

// arc returns the weight of the arc u→v (1 when unweighted) and whether it
// exists, by binary search in u's row.
func (g *CSR) arc(u, v int64) (float64, bool) {
	if !g.has(u) || !g.has(v) {
		return 0, false
	}
	row := g.Out.Neighbors(uint32(u))
	i, ok := slices.BinarySearch(row, uint32(v))
	if !ok {
		return 0, false
	}
	if ws := g.Out.NeighborWeights(uint32(u)); ws != nil {
		return float64(ws[i]), true
	}
	return 1, true
}

func csrNode(g *CSR, id int64) gonum.Node {
	if !g.has(id) {
		return nil
	}
	return node(id)
}

// mergeSorted returns the sorted union of two sorted, distinct lists.
func mergeSorted(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// node is a gonum node: a vertex id.
type node int64

// ID returns the vertex id.
func (n node) ID() int64 { return int64(n) }

// edge is a gonum weighted edge between two vertex ids.
type edge struct {
	from, to node
	w        float64
}

// From returns the tail of the edge.
func (e edge) From() gonum.Node { return e.from }

// To returns the head of the edge.
func (e edge) To() gonum.Node { return e.to }

// ReversedEdge returns the edge with its ends swapped.
func (e edge) ReversedEdge() gonum.Edge { e.from, e.to = e.to, e.from; return e }

// Weight returns the edge weight.
func (e edge) Weight() float64 { return e.w }

// idRange iterates the nodes 0..n-1.
type idRange struct{ n, cur int64 }

// Next advances to the next node and reports whether there is one.
func (r *idRange) Next() bool {
	if r.cur+1 >= r.n {
		r.cur = r.n
		return false
	}
	r.cur++
	return true
}

// Len returns the number of nodes not yet visited.
func (r *idRange) Len() int { return int(r.n - min(r.cur+1, r.n)) }

// Reset restarts the iteration.
func (r *idRange) Reset() { r.cur = -1 }

// Node returns the current node, or nil outside the iteration.
func (r *idRange) Node() gonum.Node {
	if r.cur < 0 || r.cur >= r.n {
		return nil
	}
	return node(r.cur)
}

// idList iterates the nodes of a list of vertex ids.
type idList struct {
	ids []uint32
	cur int
}

func newIDList(ids []uint32) *idList { return &idList{ids: ids, cur: -1} }

// Next advances to the next node and reports whether there is one.
func (l *idList) Next() bool {
	if l.cur+1 >= len(l.ids) {
		l.cur = len(l.ids)
		return false
	}
	l.cur++
	return true
}

// Len returns the number of nodes not yet visited.
func (l *idList) Len() int { return len(l.ids) - min(l.cur+1, len(l.ids)) }

// Reset restarts the iteration.
func (l *idList) Reset() { l.cur = -1 }

// Node returns the current node, or nil outside the iteration.
func (l *idList) Node() gonum.Node {
	if l.cur < 0 || l.cur >= len(l.ids) {
		return nil
	}
	return node(l.ids[l.cur])
}
