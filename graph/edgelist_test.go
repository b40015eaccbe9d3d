package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestEdgeList(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		opt   LoadOptions
		arcs  []string
		nodes int
		loops int
	}{
		{
			name: "snap comments, tabs, CRLF",
			in:   "# Directed graph\r\n# FromNodeId\tToNodeId\r\n30\t1412\r\n30\t3352\r\n3\t28\r\n",
			arcs: []string{"3->28", "30->1412", "30->3352"}, nodes: 5,
		},
		{
			name: "konect percent comments, blank lines, extra columns ignored",
			in:   "% sym unweighted\n% 3 3 3\n\n1 2 1 1089000000\n2 3 1 1089000001\n\n",
			arcs: []string{"1->2:1", "2->3:1"}, nodes: 3,
		},
		{
			name: "weights",
			in:   "a b 0.5\nb c 1e-1\nc a 2\n",
			arcs: []string{"a->b:0.5", "b->c:0.1", "c->a:2"}, nodes: 3,
		},
		{
			name: "ignore weights",
			in:   "a b 0.5\nb c -3\n",
			opt:  LoadOptions{IgnoreWeights: true},
			arcs: []string{"a->b", "b->c"}, nodes: 3,
		},
		{
			name: "chinese names, full-width space, BOM",
			in:   "\ufeff王芳 李伟\n李伟\u3000张敏\n",
			arcs: []string{"李伟->张敏", "王芳->李伟"}, nodes: 3,
		},
		{
			name: "nethept header",
			in:   "3 2\r\n0 1\r\n1 2\r\n",
			opt:  LoadOptions{Header: true},
			arcs: []string{"0->1", "1->2"}, nodes: 3,
		},
		{
			name: "no header option reads the header as an edge",
			in:   "3 2\n0 1\n",
			arcs: []string{"0->1", "3->2"}, nodes: 4,
		},
		{
			name: "self-loops dropped and counted",
			in:   "1 1\n1 2\n2 2\n",
			arcs: []string{"1->2"}, nodes: 2, loops: 2,
		},
		{
			name: "undirected, duplicates merged",
			in:   "a b\nb a\nb c\n",
			opt:  LoadOptions{Options: Options{Undirected: true}},
			arcs: []string{"a->b", "b->a", "b->c", "c->b"}, nodes: 3,
		},
		{
			name: "words after numbers that do not start with a digit",
			in:   "1 2\n2 bob\n",
			arcs: []string{"1->2", "2->bob"}, nodes: 3,
		},
		{
			name: "probabilities",
			in:   "a b 1\nb c 0.001\n",
			opt:  LoadOptions{Probabilities: true},
			arcs: []string{"a->b:1", "b->c:0.001"}, nodes: 3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Format = FormatEdgeList
			g, err := Decode(strings.NewReader(tc.in), "g.txt", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("arcs: got=%v, want=%v", got, tc.arcs)
			}
			if g.N() != tc.nodes || g.Stats().SelfLoops != tc.loops {
				t.Errorf("got nodes=%d loops=%d, want nodes=%d loops=%d", g.N(), g.Stats().SelfLoops, tc.nodes, tc.loops)
			}
		})
	}
}

func TestEdgeListBad(t *testing.T) {
	el := LoadOptions{Format: FormatEdgeList}
	prob := LoadOptions{Format: FormatEdgeList, Probabilities: true}
	checkBad(t, "g.txt", []badCase{
		{name: "empty", in: "", opt: el, msg: "no edges"},
		{name: "only comments", in: "# a\n% b\n\n", opt: el, msg: "no edges"},
		{name: "one column", in: "1 2\n3\n", opt: el, line: 2, field: "target", msg: "missing"},
		{name: "mistyped number", in: "3 4\n3\t152oo\n", opt: el, line: 2, field: "target", msg: `"152oo" looks like a mistyped number`},
		{name: "mistyped source", in: "3 4\n1,5 2\n", opt: el, line: 2, field: "source", msg: "mistyped number"},
		{name: "weight not a number", in: "# c\n1 2 0.5\n2 3 abc\n", opt: el, line: 3, field: "weight", msg: `"abc" is not a number`},
		{name: "weight NaN", in: "1 2 NaN\n", opt: el, line: 1, field: "weight", msg: "not a finite number"},
		{name: "weight infinite", in: "1 2 1e39\n", opt: el, line: 1, field: "weight", msg: "not a finite number"},
		{name: "weight zero", in: "1 2 0\n", opt: el, line: 1, field: "weight", msg: "not a positive number"},
		{name: "weight underflows float32", in: "1 2 1e-50\n", opt: el, line: 1, field: "weight", msg: "not a positive number"},
		{name: "probability above one", in: "1 2 0.5\n2 3 1.5\n", opt: prob, line: 2, field: "weight", msg: "not a probability in (0,1]"},
		{name: "weight then none", in: "1 2 0.5\n2 3\n", opt: el, line: 2, field: "weight", msg: "missing"},
		{name: "none then weight", in: "1 2\n2 3 0.5\n", opt: el, line: 2, field: "weight", msg: "earlier lines have none"},
		{name: "bad header", in: "# x\nn m\n1 2\n", opt: LoadOptions{Format: FormatEdgeList, Header: true}, line: 2, field: "header", msg: `"n" is not a count`},
		{name: "header only", in: "3 2\n", opt: LoadOptions{Format: FormatEdgeList, Header: true}, msg: "no edges"},
		{name: "line too long", in: "1 2\n" + strings.Repeat("x", maxLine+1) + " y\n", opt: el, line: 2, msg: "longer than"},
	})
}

func TestEdgeListFixtures(t *testing.T) {
	tests := []struct {
		file string
		arcs []string
	}{
		{"testdata/snap.txt", []string{"28->30", "3->28", "30->1412", "30->3352"}},
		{"testdata/out.konect", []string{"1->2", "2->3", "3->1"}},
	}
	for _, tc := range tests {
		g, err := LoadFile(tc.file, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := arcList(g); !slices.Equal(got, tc.arcs) {
			t.Errorf("%s: got=%v, want=%v", tc.file, got, tc.arcs)
		}
	}
}
