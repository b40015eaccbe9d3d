package graph

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
)

func TestPageRankAgreesWithGonum(t *testing.T) {
	gnp, err := Gnp(300, 0.01, true, seeded(31)) // sparse: some dangling vertices
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		g    *CSR
	}{
		{"weighted with dangling vertices", smallDirected(t)},
		{"gnp directed", gnp},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PageRank(tc.g, 0.85, 1e-12)
			if err != nil {
				t.Fatal(err)
			}
			// gonum stops when the 2-norm of a step falls below tol; its error
			// is then below tol·d/(1-d) per entry at most, so 1e-9 leaves room.
			want := network.PageRankSparse(NewGonumDirected(tc.g), 0.85, 1e-12)
			sum := 0.0
			for v, x := range got {
				sum += x
				if math.Abs(x-want[int64(v)]) > 1e-9 {
					t.Errorf("rank of %d: got=%v, want=%v (gonum)", v, x, want[int64(v)])
				}
			}
			within(t, "sum of ranks", sum, 1, 1e-9)
		})
	}
	again, _ := PageRank(gnp, 0.85, 1e-12)
	first, _ := PageRank(gnp, 0.85, 1e-12)
	for v := range first {
		if first[v] != again[v] {
			t.Fatalf("rank of %d not reproducible: %v vs %v", v, first[v], again[v])
		}
	}
	for _, tc := range []struct {
		d, tol float64
		want   string
	}{
		{1, 1e-9, "bad damping: damping=1"},
		{0, 1e-9, "bad damping: damping=0"},
		{0.85, 0, "bad tolerance: tol=0"},
		{math.NaN(), 1e-9, "bad damping: damping=NaN"},
	} {
		if _, err := PageRank(gnp, tc.d, tc.tol); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("PageRank(d=%v, tol=%v): got err=%v, want %q", tc.d, tc.tol, err, tc.want)
		}
	}
}

func TestSpectralRadius(t *testing.T) {
	build := func(n int, undirected bool, edges [][2]uint32, w float32) *CSR {
		b := NewBuilder(Options{Undirected: undirected})
		b.AddNodes(n)
		for _, e := range edges {
			if w != 0 {
				b.AddWeightedEdge(e[0], e[1], w)
			} else {
				b.AddEdge(e[0], e[1])
			}
		}
		g, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	var complete, star, bip, cycle, dag [][2]uint32
	for u := range uint32(6) {
		for v := u + 1; v < 6; v++ {
			complete = append(complete, [2]uint32{u, v})
		}
		cycle = append(cycle, [2]uint32{u, (u + 1) % 6})
		dag = append(dag, [2]uint32{u, u + 1}, [2]uint32{0, u + 1})
	}
	for v := uint32(1); v <= 9; v++ {
		star = append(star, [2]uint32{0, v})
	}
	for u := uint32(0); u < 3; u++ {
		for v := uint32(3); v < 7; v++ {
			bip = append(bip, [2]uint32{u, v})
		}
	}
	for _, tc := range []struct {
		name string
		g    *CSR
		want float64
	}{
		{"complete K6", build(6, true, complete, 0), 5},
		{"star of 9 leaves", build(10, true, star, 0), 3},
		{"bipartite K3,4", build(7, true, bip, 0), math.Sqrt(12)},
		{"directed 6-cycle", build(6, false, cycle, 0), 1},
		{"weighted directed 6-cycle", build(6, false, cycle, 0.5), 0.5},
		{"DAG", build(7, false, dag, 0), 0},
		{"no edges", build(4, false, nil, 0), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SpectralRadius(tc.g, 1e-12, 10000)
			if err != nil {
				t.Fatal(err)
			}
			within(t, "λmax", got, tc.want, 1e-6)
		})
	}
	// G(n,p): λmax ≈ (n-1)p + 1 (Füredi & Komlós 1981) with fluctuations
	// O(1/√(np)) beyond the mean degree's own.
	g, _ := Gnp(3000, 0.005, false, seeded(32))
	got, err := SpectralRadius(g, 1e-10, 1000)
	if err != nil {
		t.Fatal(err)
	}
	within(t, "G(n,p) λmax", got, g.Stats().MeanDegree+1, 0.3)
	if _, err := SpectralRadius(g, 1e-10, 2); !errors.Is(err, ErrNoConvergence) {
		t.Errorf("2 iterations: got err=%v, want ErrNoConvergence", err)
	}
	if _, err := SpectralRadius(g, 0, 10); err == nil {
		t.Error("tol=0: got no error")
	}
	if _, err := SpectralRadius(g, 1e-9, 0); err == nil {
		t.Error("maxIter=0: got no error")
	}
}

func TestCommunities(t *testing.T) {
	p := CommunityParams{N: 1000, Communities: 5, InDegree: 12, OutDegree: 1, Leaders: 1, Reach: 0.2}
	g, planted, err := Community(p, seeded(41))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Communities(g, 1, seeded(42))
	if err != nil {
		t.Fatal(err)
	}
	// Planted communities this strong (12 inner vs 1 outer neighbour) are
	// recovered almost exactly: count the vertices outside the majority
	// label of their planted community.
	wrong := 0
	for c := range p.Communities {
		count := map[int]int{}
		size, best := 0, 0
		for v, pc := range planted {
			if pc == c {
				count[got[v]]++
				size++
				best = max(best, count[got[v]])
			}
		}
		wrong += size - best
	}
	if wrong > p.N/100 {
		t.Errorf("vertices off their planted community: got=%d, want ≤ %d", wrong, p.N/100)
	}
	if got[0] != 0 {
		t.Errorf("label of vertex 0: got=%d, want 0", got[0])
	}
	again, _ := Communities(g, 1, seeded(42))
	for v := range got {
		if got[v] != again[v] {
			t.Fatalf("labels not reproducible at vertex %d", v)
		}
	}
	// Modularity agrees with gonum's Q through the adapter, and ours is at
	// least as good as gonum's Louvain on the same graph, up to 0.01 (both
	// are greedy: they may stop at slightly different local optima).
	view := NewGonumUndirected(g)
	ours := Modularity(g, got, 1)
	within(t, "Q of our partition vs gonum's Q", ours, community.Q(view, groups(got), 1), 1e-9)
	gq := community.Q(view, community.Modularize(view, 1, seeded(43)).Communities(), 1)
	if ours < gq-0.01 {
		t.Errorf("modularity: got=%v, want ≥ gonum's %v - 0.01", ours, gq)
	}
	// A directed graph is clustered on A + Aᵀ: Q through the adapter again.
	d, _ := Gnp(400, 0.01, true, seeded(44))
	dl, err := Communities(d, 1, seeded(45))
	if err != nil {
		t.Fatal(err)
	}
	within(t, "directed Q vs gonum", Modularity(d, dl, 1), community.Q(NewGonumUndirected(d), groups(dl), 1), 1e-9)
	if _, err := Communities(g, 0, seeded(1)); err == nil || !strings.Contains(err.Error(), "bad resolution: resolution=0") {
		t.Errorf("resolution 0: got err=%v", err)
	}
}

// groups turns labels into gonum's community lists.
func groups(labels []int) [][]gonum.Node {
	var out [][]gonum.Node
	for v, c := range labels {
		for len(out) <= c {
			out = append(out, nil)
		}
		out[c] = append(out[c], node(v))
	}
	return out
}

// TestSpectralRadiusAnyParts: the power iteration split over goroutines
// gives the same bits as on one.
func TestSpectralRadiusAnyParts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a graph of 540,000 arcs")
	}
	g, err := Gnp(60000, 1.5e-4, true, rand.New(rand.NewPCG(21, 22)))
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one, err := SpectralRadius(g, 1e-9, 10000)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GOMAXPROCS(4)
	if parts(g.M()) < 2 {
		t.Fatalf("the fixture is not split: %d arcs", g.M())
	}
	four, err := SpectralRadius(g, 1e-9, 10000)
	if err != nil || four != one {
		t.Errorf("got=%v (%v) on 4 parts, want=%v as on 1", four, err, one)
	}
	// Directed G(n,p): λmax ≈ np = 9 (Wang et al. 2003); 1% covers it.
	if math.Abs(one-9) > 0.09 {
		t.Errorf("got=%v, want about 9", one)
	}
}
