package graph

import (
	"math"
	"slices"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/topo"
)

// smallDirected returns the weighted graph 0→1 (0.5), 1→0 (0.25), 1→2 (1),
// 3→1 (0.75), with vertex 4 isolated.
func smallDirected(t *testing.T) *CSR {
	t.Helper()
	b := NewBuilder(Options{})
	b.AddNodes(5)
	b.AddWeightedEdge(0, 1, 0.5)
	b.AddWeightedEdge(1, 0, 0.25)
	b.AddWeightedEdge(1, 2, 1)
	b.AddWeightedEdge(3, 1, 0.75)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func ids(it gonum.Nodes) []int64 {
	var out []int64
	for it.Next() {
		out = append(out, it.Node().ID())
	}
	return out
}

func TestGonumDirected(t *testing.T) {
	d := NewGonumDirected(smallDirected(t))
	for _, tc := range []struct {
		name string
		got  []int64
		want []int64
	}{
		{"Nodes", ids(d.Nodes()), []int64{0, 1, 2, 3, 4}},
		{"From(1)", ids(d.From(1)), []int64{0, 2}},
		{"To(1)", ids(d.To(1)), []int64{0, 3}},
		{"From(4)", ids(d.From(4)), nil},
		{"From(9)", ids(d.From(9)), nil},
	} {
		if !slices.Equal(tc.got, tc.want) {
			t.Errorf("%s: got=%v, want=%v", tc.name, tc.got, tc.want)
		}
	}
	if it := d.Nodes(); it.Len() != 5 || !it.Next() || it.Len() != 4 {
		t.Errorf("Nodes().Len: got=%d after one Next, want 4", it.Len())
	}
	for _, tc := range []struct {
		u, v    int64
		w       float64
		ok, fwd bool
	}{
		{0, 1, 0.5, true, true},
		{1, 0, 0.25, true, true},
		{3, 1, 0.75, true, true},
		{1, 3, 0, false, false},
		{2, 4, 0, false, false},
		{2, 2, 0, true, false}, // Weight(x, x) is (0, true) by gonum's contract
		{-1, 0, 0, false, false},
	} {
		w, ok := d.Weight(tc.u, tc.v)
		if w != tc.w || ok != tc.ok || d.HasEdgeFromTo(tc.u, tc.v) != tc.fwd || (d.Edge(tc.u, tc.v) != nil) != tc.fwd {
			t.Errorf("arc %d→%d: got weight=%v ok=%v has=%v, want %v %v %v", tc.u, tc.v, w, ok, d.HasEdgeFromTo(tc.u, tc.v), tc.w, tc.ok, tc.fwd)
		}
	}
	if !d.HasEdgeBetween(1, 3) || d.Node(5) != nil || d.Node(4).ID() != 4 {
		t.Errorf("HasEdgeBetween(1,3) or Node: got %v %v", d.HasEdgeBetween(1, 3), d.Node(5))
	}
	if e := d.WeightedEdge(3, 1); e.From().ID() != 3 || e.To().ID() != 1 || e.Weight() != 0.75 || e.ReversedEdge().From().ID() != 1 {
		t.Errorf("WeightedEdge(3,1): got %v", e)
	}
}

func TestGonumUndirected(t *testing.T) {
	u := NewGonumUndirected(smallDirected(t))
	if got, want := ids(u.From(1)), []int64{0, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("From(1): got=%v, want=%v", got, want)
	}
	for _, tc := range []struct {
		x, y int64
		w    float64
		ok   bool
	}{
		{0, 1, 0.75, true}, // both arcs: 0.5 + 0.25
		{1, 0, 0.75, true},
		{1, 3, 0.75, true},
		{2, 1, 1, true},
		{2, 3, 0, false},
	} {
		w, ok := u.Weight(tc.x, tc.y)
		if w != tc.w || ok != tc.ok || (u.EdgeBetween(tc.x, tc.y) != nil) != tc.ok || u.HasEdgeBetween(tc.x, tc.y) != tc.ok {
			t.Errorf("edge %d–%d: got weight=%v ok=%v, want %v %v", tc.x, tc.y, w, ok, tc.w, tc.ok)
		}
	}
	// gonum's own algorithms run on the view: components of the undirected
	// view of the small graph are {0,1,2,3} and {4}.
	cc := topo.ConnectedComponents(u)
	if len(cc) != 2 {
		t.Fatalf("ConnectedComponents: got %d, want 2", len(cc))
	}
	// And on a generated graph they agree with a plain traversal.
	g, err := Gnp(2000, 0.0006, false, seeded(21))
	if err != nil {
		t.Fatal(err)
	}
	best := 0
	for _, c := range topo.ConnectedComponents(NewGonumUndirected(g)) {
		best = max(best, len(c))
	}
	if want := largestComponent(g); float64(best) != want {
		t.Errorf("largest component: gonum got=%d, want=%v", best, want)
	}
	// An undirected CSR's view keeps its weights as they are.
	ug, _ := Gnp(50, 0.2, false, seeded(22))
	w, ok := NewGonumUndirected(ug).Weight(int64(ug.Out.Targets[0]), 0)
	if ug.Out.Degree(0) > 0 && (w != 1 || !ok) {
		t.Errorf("undirected CSR weight: got=%v %v, want 1 true", w, ok)
	}
	if math.IsNaN(w) {
		t.Fatal("NaN weight")
	}
}
