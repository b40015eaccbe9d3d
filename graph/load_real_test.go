package graph

import (
	"os"
	"path/filepath"
	"testing"
)

// realGraphs is where the shared real graphs live, relative to this package.
const realGraphs = "../../shared/data/graphs"

// realFile returns the path of a shared real graph, skipping the test when
// the shared data folder is absent.
func realFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(realGraphs, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real graph %s not available (%v); it lives in ../shared/data/graphs", name, err)
	}
	return p
}

func TestLoadRealGraphs(t *testing.T) {
	tests := []struct {
		file     string
		opt      LoadOptions
		nodes    int
		arcs     int
		loops    int
		weighted bool
		directed bool
	}{
		{file: "Wiki-Vote.txt.gz", nodes: 7115, arcs: 103689, directed: true},
		{file: "soc-Slashdot0902.txt.gz", nodes: 82168, arcs: 948464 - 78303, loops: 78303, directed: true},
		{file: "NetHEPT.txt.gz", opt: LoadOptions{Header: true, Options: Options{Undirected: true}}, nodes: 15233, arcs: 62752, loops: 39}, // 31,376 distinct pairs, as NetHEPT_WC_IMPC has
		{file: "NetHEPT_WC_IMPC.txt.gz", opt: LoadOptions{Header: true, Probabilities: true}, nodes: 15229, arcs: 62752, weighted: true, directed: true},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			g, err := LoadFile(realFile(t, tc.file), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			s := g.Stats()
			t.Logf("%+v", s)
			if g.N() != tc.nodes || g.M() != tc.arcs || s.SelfLoops != tc.loops || g.Weighted() != tc.weighted || g.Directed() != tc.directed {
				t.Errorf("got n=%d m=%d loops=%d weighted=%v directed=%v, want n=%d m=%d loops=%d weighted=%v directed=%v",
					g.N(), g.M(), s.SelfLoops, g.Weighted(), g.Directed(), tc.nodes, tc.arcs, tc.loops, tc.weighted, tc.directed)
			}
		})
	}
}
