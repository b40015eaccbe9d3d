package graph

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestBuilder(t *testing.T) {
	tests := []struct {
		name     string
		opt      Options
		edges    [][2]uint32
		out      [][]uint32
		in       [][]uint32
		loops    int
		dups     int
		isolated int
		reciproc float64
		directed bool
	}{
		{
			name:  "directed with loop and duplicate",
			edges: [][2]uint32{{0, 1}, {0, 2}, {1, 2}, {2, 0}, {0, 1}, {3, 3}},
			out:   [][]uint32{{1, 2}, {2}, {0}, nil},
			in:    [][]uint32{{2}, {0}, {0, 1}, nil},
			loops: 1, dups: 1, isolated: 1, reciproc: 0.5, directed: true,
		},
		{
			name:     "reverse",
			opt:      Options{Reverse: true},
			edges:    [][2]uint32{{0, 1}, {2, 1}},
			out:      [][]uint32{nil, {0, 2}, nil},
			in:       [][]uint32{{1}, nil, {1}},
			directed: true,
		},
		{
			name:  "undirected, both directions given",
			opt:   Options{Undirected: true},
			edges: [][2]uint32{{0, 1}, {1, 0}, {1, 2}},
			out:   [][]uint32{{1}, {0, 2}, {1}},
			in:    [][]uint32{{1}, {0, 2}, {1}},
			dups:  1, reciproc: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(tc.opt)
			n := 0
			for _, e := range tc.edges {
				n = max(n, int(e[0])+1, int(e[1])+1)
			}
			b.AddNodes(n)
			for _, e := range tc.edges {
				b.AddEdge(e[0], e[1])
			}
			g, err := b.Build()
			if err != nil {
				t.Fatal(err)
			}
			for u := range g.N() {
				if got := g.Out.Neighbors(uint32(u)); !slices.Equal(got, tc.out[u]) && !(len(got) == 0 && tc.out[u] == nil) {
					t.Errorf("out(%d): got=%v, want=%v", u, got, tc.out[u])
				}
				if got := g.In.Neighbors(uint32(u)); !slices.Equal(got, tc.in[u]) && !(len(got) == 0 && tc.in[u] == nil) {
					t.Errorf("in(%d): got=%v, want=%v", u, got, tc.in[u])
				}
			}
			s := g.Stats()
			if s.SelfLoops != tc.loops || s.Duplicates != tc.dups || s.Isolated != tc.isolated || s.Reciprocity != tc.reciproc || s.Directed != tc.directed {
				t.Errorf("stats: got=%+v, want loops=%d dups=%d isolated=%d reciprocity=%v directed=%v", s, tc.loops, tc.dups, tc.isolated, tc.reciproc, tc.directed)
			}
		})
	}
}

func TestBuilderWeightsAndLabels(t *testing.T) {
	b := NewBuilder(Options{})
	a, c := b.AddNode("微博大V"), b.AddNode("koc_1")
	b.AddEdge(a, c)
	b.AddWeightedEdge(a, c, 0.5) // duplicate: the larger weight (1) is kept
	b.AddWeightedEdge(c, a, 0.25)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Out.NeighborWeights(a); !slices.Equal(got, []float32{1}) {
		t.Errorf("weights(a): got=%v, want=[1]", got)
	}
	if got := g.In.NeighborWeights(a); !slices.Equal(got, []float32{0.25}) {
		t.Errorf("in weights(a): got=%v, want=[0.25]", got)
	}
	if id, ok := g.Labels().ID("微博大V"); !ok || id != a || g.Label(c) != "koc_1" {
		t.Errorf("labels: got id=%d ok=%v label(c)=%q", id, ok, g.Label(c))
	}
}

func TestBuilderRejects(t *testing.T) {
	b := NewBuilder(Options{})
	b.AddNodes(2)
	b.AddEdge(0, 5)
	if _, err := b.Build(); err == nil {
		t.Error("id out of range: got nil error")
	}
	b = NewBuilder(Options{})
	b.AddNodes(2)
	b.AddWeightedEdge(0, 1, -1)
	if _, err := b.Build(); err == nil {
		t.Error("negative weight: got nil error")
	}
}

func TestFromAdjacencyRejectsAsymmetricUndirected(t *testing.T) {
	out := Adjacency{Offsets: []int64{0, 1, 1}, Targets: []uint32{1}} // 0→1 only
	if _, err := FromAdjacency(out, nil, false); err == nil {
		t.Error("asymmetric adjacency built as undirected: got nil error")
	}
	g, err := FromAdjacency(out, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.In.Neighbors(1); !slices.Equal(got, []uint32{0}) {
		t.Errorf("in(1): got=%v, want=[0]", got)
	}
}

func TestUndirectedSharesAdjacency(t *testing.T) {
	b := NewBuilder(Options{Undirected: true})
	b.AddNodes(3)
	b.AddEdge(0, 1)
	b.AddEdge(1, 2)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if &g.In.Targets[0] != &g.Out.Targets[0] {
		t.Error("undirected graph holds a second copy of its adjacency")
	}
}

func TestFromAdjacencyOffsetsPastEnd(t *testing.T) {
	out := Adjacency{Offsets: []int64{0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 3}, Targets: []uint32{1, 2, 3}}
	if _, err := FromAdjacency(out, nil, true); err == nil {
		t.Error("offsets past the end: got nil error")
	}
}

// TestBuilderOrders checks that edges given in row order (the fast path) and
// shuffled (the counting sorts) build the same graph.
func TestBuilderOrders(t *testing.T) {
	edges := [][2]uint32{{0, 1}, {0, 3}, {1, 0}, {1, 1}, {1, 2}, {2, 3}, {2, 3}, {3, 0}}
	build := func(order []int, weighted bool) *CSR {
		b := NewBuilder(Options{})
		b.AddNodes(4)
		for _, i := range order {
			if weighted {
				b.AddWeightedEdge(edges[i][0], edges[i][1], float32(i+1)/10)
			} else {
				b.AddEdge(edges[i][0], edges[i][1])
			}
		}
		g, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	for _, weighted := range []bool{false, true} {
		sorted := build([]int{0, 1, 2, 3, 4, 5, 6, 7}, weighted)
		shuffled := build([]int{5, 2, 7, 0, 6, 3, 1, 4}, weighted)
		if sorted.Checksum() != shuffled.Checksum() {
			t.Errorf("weighted=%v: row-ordered and shuffled input build different graphs", weighted)
		}
		if s := sorted.Stats(); s.SelfLoops != 1 || s.Duplicates != 1 || s.Edges != 6 {
			t.Errorf("weighted=%v: stats %+v, want 1 loop, 1 duplicate, 6 arcs", weighted, s)
		}
	}
}

// TestPartsAgree checks that transpose and the statistics give the same
// result however many parts they are split into, on a weighted graph with
// isolated vertices, and that every split covers the vertices in order.
func TestPartsAgree(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	const n = 60
	b := NewBuilder(Options{})
	b.AddNodes(n)
	for range 700 {
		u, v := rnd.Uint32N(n-10), rnd.Uint32N(n-10) // the last 10 stay isolated
		b.AddWeightedEdge(u, v, float32(rnd.IntN(9)+1)/10)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	want, wantStats := transposeParts(g.Out, n, 1, nil), statsParts(g, 1, -1)
	if wantStats.Reciprocity == 0 {
		t.Fatal("the fixture has no reciprocated arc")
	}
	// The snapshot's fused check, transpose and reciprocity count.
	in, recip, err := transposeChecked(g.Out, n)
	if err != nil || !slices.Equal(in.Offsets, want.Offsets) || !slices.Equal(in.Targets, want.Targets) || !slices.Equal(in.Weights, want.Weights) {
		t.Errorf("transposeChecked: got=%v, %v, want=%v", in, err, want)
	}
	if got := statsParts(g, 1, recip); got != wantStats {
		t.Errorf("stats with the fused count: got=%+v, want=%+v", got, wantStats)
	}
	for k := 1; k <= 5; k++ {
		cut := splitArcs(g.Out.Offsets, k)
		if len(cut) != k+1 || cut[0] != 0 || cut[k] != n || !slices.IsSorted(cut) {
			t.Errorf("k=%d: cut: got=%v, want %d ascending bounds from 0 to %d", k, cut, k+1, n)
		}
		got := transposeParts(g.Out, n, k, make([]uint32, 0, g.M()+k-1)) // room to spare when k > 1
		if !slices.Equal(got.Offsets, want.Offsets) || !slices.Equal(got.Targets, want.Targets) || !slices.Equal(got.Weights, want.Weights) {
			t.Errorf("k=%d: transpose: got=%v, want=%v", k, got, want)
		}
		if got := statsParts(g, k, -1); got != wantStats {
			t.Errorf("k=%d: stats: got=%+v, want=%+v", k, got, wantStats)
		}
	}
	if !slices.Equal(want.Targets, g.In.Targets) || !slices.Equal(want.Weights, g.In.Weights) {
		t.Errorf("Build's in-adjacency differs from transpose's: got=%v, want=%v", g.In, want)
	}
}

// TestBuilderKeepsRowOrderedArrays checks the in-place fast path: edges
// given in row order with no loop or repeat become the out-targets without
// a copy, and spare capacity beyond an eighth is not kept.
func TestBuilderKeepsRowOrderedArrays(t *testing.T) {
	for _, tc := range []struct {
		name  string
		grow  int
		alias bool
	}{
		{"exact", 4, true},
		{"much spare room", 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(Options{})
			b.AddNodes(3)
			b.Grow(tc.grow)
			for _, e := range [][2]uint32{{0, 1}, {0, 2}, {1, 2}, {2, 0}} {
				b.AddEdge(e[0], e[1])
			}
			dst := b.dst
			g, err := b.Build()
			if err != nil {
				t.Fatal(err)
			}
			if got := &g.Out.Targets[0] == &dst[0]; got != tc.alias {
				t.Errorf("targets alias the builder's array: got=%v, want=%v", got, tc.alias)
			}
			if got := cap(g.Out.Targets); got != 4 {
				t.Errorf("cap(targets): got=%d, want=4", got)
			}
			if got := g.Out.Targets; !slices.Equal(got, []uint32{1, 2, 2, 0}) {
				t.Errorf("targets: got=%v, want=[1 2 2 0]", got)
			}
		})
	}
}

func TestReverse(t *testing.T) {
	b := NewBuilder(Options{})
	b.AddNodes(3)
	b.AddEdge(0, 1)
	b.AddEdge(0, 2)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	r := g.Reverse()
	if got := r.Out.Neighbors(1); !slices.Equal(got, []uint32{0}) {
		t.Errorf("reverse out(1): got=%v, want=[0]", got)
	}
	if s := r.Stats(); s.MaxOut != 1 || s.MaxIn != 2 || s.SecondMoment != 2.0/3 {
		t.Errorf("reverse stats: got=%+v, want max out 1, max in 2, <k²> 2/3", s)
	}
	if g.Out.Degree(0) != 2 {
		t.Error("Reverse changed the original graph")
	}
}

func TestWeightsAbove(t *testing.T) {
	for _, tc := range []struct {
		in      string
		opt     Options
		n       int
		largest float64
	}{
		{"source,target\na,b\n", Options{}, 0, 0},
		{"source,target,weight\na,b,0.5\nb,c,1\n", Options{}, 0, 1},
		{"source,target,weight\na,b,5\nb,c,12\nc,a,0.25\n", Options{}, 2, 12},
		{"source,target,weight\na,b,5\nb,c,0.5\n", Options{Undirected: true}, 2, 5},
	} {
		g := mustDecode(t, tc.in, LoadOptions{Format: FormatCSV, Options: tc.opt})
		if n, largest := g.WeightsAbove(1); n != tc.n || largest != tc.largest {
			t.Errorf("%q: WeightsAbove(1) = %d, %g; want %d, %g", tc.in, n, largest, tc.n, tc.largest)
		}
	}
}
