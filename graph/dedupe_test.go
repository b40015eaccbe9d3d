package graph

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestDedupeAsYouGo: edges repeated many times are merged while they are
// read, so the buffer stays bounded, and the graph and its statistics are
// exactly those of building every copy.
func TestDedupeAsYouGo(t *testing.T) {
	tests := []struct {
		name     string
		named    bool
		weighted bool
		opt      Options
	}{
		{"numbers", false, false, Options{}},
		{"names, weighted", true, true, Options{}},
		{"numbers, weighted, undirected", false, true, Options{Undirected: true}},
		{"names, reversed", true, false, Options{Reverse: true}},
	}
	// Small thresholds keep the test fast; the blocks of numeric mode
	// (chunkEdges) are still filled and refilled.
	const lo, step = 1 << 17, 1 << 10
	const lines = 3 * lo / 2
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(11, 12))
			names := make([]string, 60) // 3,600 pairs, 60 loops among them
			for i := range names {
				names[i] = strconv.Itoa(i)
				if tc.named {
					names[i] = "n" + names[i]
				}
			}
			ref := NewBuilder(tc.opt)
			l := newLoader("g", LoadOptions{Options: tc.opt})
			l.dedupeMin, l.dedupeEvery = lo, step
			refID := make([]uint32, len(names))
			for i := range refID {
				refID[i] = math.MaxUint32
			}
			most := 0
			for range lines {
				u, v := rnd.IntN(len(names)), rnd.IntN(len(names))
				w := float32(1+rnd.IntN(8)) / 8
				for _, i := range []int{u, v} {
					if refID[i] == math.MaxUint32 {
						refID[i] = ref.AddNode(names[i])
					}
				}
				x, y := nodeID(l, names[u]), nodeID(l, names[v])
				if tc.weighted {
					ref.AddWeightedEdge(refID[u], refID[v], w)
					l.addWeightedEdge(x, y, w)
				} else {
					ref.AddEdge(refID[u], refID[v])
					l.addEdge(x, y)
				}
				most = max(most, l.numEdges())
			}
			if bound := 2*lo + step; most > bound {
				t.Errorf("buffered up to %d edges, want at most %d", most, bound)
			}
			if l.loops+l.dups == 0 {
				t.Errorf("nothing was merged while reading")
			}
			want, err := ref.Build()
			if err != nil {
				t.Fatal(err)
			}
			got, err := l.build()
			if err != nil {
				t.Fatal(err)
			}
			if !tc.named {
				// Numeric names are numbered in numeric order; the
				// reference numbered them by first appearance.
				want = relabelByName(t, want)
			}
			if got.Checksum() != want.Checksum() || got.Stats() != want.Stats() {
				t.Errorf("got stats %+v, want %+v (checksums equal: %v)", got.Stats(), want.Stats(), got.Checksum() == want.Checksum())
			}
		})
	}
}

// relabelByName renumbers g's vertices in the numeric order of their
// names, as the loader numbers a file of numbers.
func relabelByName(t *testing.T, g *CSR) *CSR {
	t.Helper()
	b := NewBuilder(Options{})
	b.AddNodes(g.N())
	id := func(u uint32) uint32 {
		x, err := strconv.Atoi(g.Label(u))
		if err != nil {
			t.Fatal(err)
		}
		return uint32(x)
	}
	for u := uint32(0); int(u) < g.N(); u++ {
		ws := g.Out.NeighborWeights(u)
		for j, v := range g.Out.Neighbors(u) {
			if ws != nil {
				b.AddWeightedEdge(id(u), id(v), ws[j])
			} else {
				b.AddEdge(id(u), id(v))
			}
		}
	}
	out, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	st := g.Stats()
	out.directed, out.stats.SelfLoops, out.stats.Duplicates = g.directed, st.SelfLoops, st.Duplicates
	if !g.directed {
		out.In = out.Out
		out.stats = computeStats(out)
		out.stats.SelfLoops, out.stats.Duplicates = st.SelfLoops, st.Duplicates
	}
	return out
}

// TestDedupeLeavesDistinctEdges: a file without repeats is never
// compacted (the sketch sees that the edges are distinct).
func TestDedupeLeavesDistinctEdges(t *testing.T) {
	l := newLoader("g", LoadOptions{})
	l.dedupeMin, l.dedupeEvery = 1<<12, 1<<8
	for i := range uint32(3 << 12) {
		l.addEdge(i, i+1)
	}
	if l.nextDedupe != 0 || l.numEdges() != 3<<12 {
		t.Errorf("compacted a file of distinct edges: buffer %d, next at %d", l.numEdges(), l.nextDedupe)
	}
}

// TestHLLEstimate: the sketch's relative error is about 1.04/√1024 ≈
// 3.3%; 5 standard errors is the tolerance.
func TestHLLEstimate(t *testing.T) {
	for _, n := range []int{10, 1000, 100_000, 2_000_000} {
		var h hll
		for i := range n {
			h.add(pairKey(uint32(i), uint32(i/7)))
			h.add(pairKey(uint32(i), uint32(i/7))) // repeats do not count
		}
		if got, rel := h.estimate(), 5*1.04/32.0; math.Abs(got-float64(n)) > rel*float64(n)+1 {
			t.Errorf("n=%d: got=%.0f, want within %.0f%%", n, got, 100*rel)
		}
	}
}

func ExampleDecode_repeatedEdges() {
	// Copies of one line are merged as they are read, and counted.
	text := bytes.Repeat([]byte("1 2\n"), 100_000)
	g, err := Decode(bytes.NewReader(text), "dups.txt", LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.N(), g.M(), g.Stats().Duplicates)
	// Output: 2 1 99999
}
