package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestGraphMLFixtures(t *testing.T) {
	tests := []struct {
		file     string
		opt      LoadOptions
		arcs     []string
		nodes    int
		directed bool
	}{
		{
			file: "testdata/networkx.graphml",
			arcs: []string{"0->1:0.5", "1->2:0.25", "2->0:1"}, nodes: 3, directed: true,
		},
		{
			file: "testdata/igraph.graphml",
			arcs: []string{"n0->n1:0.3", "n1->n0:0.3", "n1->n2:0.7", "n2->n1:0.7"}, nodes: 4,
		},
		{
			file: "testdata/igraph.graphml",
			opt:  LoadOptions{Directed: true},
			arcs: []string{"n0->n1:0.3", "n1->n2:0.7"}, nodes: 4, directed: true,
		},
		{
			file: "testdata/gephi.graphml",
			arcs: []string{"MlleBaptistine->Myriel:8", "MlleBaptistine->Napoleon:0.5", "Napoleon->Myriel:1"}, nodes: 3, directed: true,
		},
		{
			file: "testdata/gephi.graphml",
			opt:  LoadOptions{Options: Options{Undirected: true}, IgnoreWeights: true},
			arcs: []string{"MlleBaptistine->Myriel", "MlleBaptistine->Napoleon", "Myriel->MlleBaptistine", "Myriel->Napoleon", "Napoleon->MlleBaptistine", "Napoleon->Myriel"}, nodes: 3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			g, err := LoadFile(tc.file, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("arcs: got=%q, want=%q", got, tc.arcs)
			}
			if g.N() != tc.nodes || g.Directed() != tc.directed {
				t.Errorf("got n=%d directed=%v, want n=%d directed=%v", g.N(), g.Directed(), tc.nodes, tc.directed)
			}
		})
	}
}

func TestGraphML(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n<graphml>\n"
	tests := []struct {
		name string
		in   string
		opt  LoadOptions
		arcs []string
	}{
		{
			name: "key default, weight key by id, undeclared nodes",
			in: head + `<key id="w" for="edge" attr.name="strength" attr.type="double"><default>0.5</default></key>
<graph edgedefault="directed">
<edge source="a" target="b"/>
<edge source="b" target="c"><data key="w">0.25</data></edge>
</graph></graphml>`,
			opt:  LoadOptions{Weight: "strength"},
			arcs: []string{"a->b:0.5", "b->c:0.25"},
		},
		{
			name: "weight key for all, chosen case-insensitively",
			in: head + `<key id="d0" for="all" attr.name="Weight"/>
<graph edgedefault="directed"><node id="x"/><node id="y"/>
<edge source="x" target="y"><data key="d0"> 0.75 </data></edge></graph></graphml>`,
			arcs: []string{"x->y:0.75"},
		},
		{
			name: "no weight key gives an unweighted graph",
			in:   head + `<graph edgedefault="directed"><edge source="1" target="2"/></graph></graphml>`,
			arcs: []string{"1->2"},
		},
		{
			name: "escaped and Chinese ids",
			in:   head + `<graph edgedefault="directed"><edge source="A&amp;B" target="王芳"/></graph></graphml>`,
			arcs: []string{"A&B->王芳"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Format = FormatGraphML
			g, err := Decode(strings.NewReader(tc.in), "g.graphml", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("got=%q, want=%q", got, tc.arcs)
			}
		})
	}
}

func TestGraphMLBad(t *testing.T) {
	gm := LoadOptions{Format: FormatGraphML}
	const key = `<key id="d0" for="edge" attr.name="weight"/>` + "\n"
	checkBad(t, "g.graphml", []badCase{
		{name: "empty", in: "", opt: gm, field: "graphml", msg: "not a GraphML document"},
		{name: "not xml", in: "1 2\n", opt: gm, field: "graphml", msg: "not a GraphML document"},
		{name: "no graph", in: "<graphml></graphml>", opt: gm, field: "graph", msg: "no <graph> element"},
		{name: "wrong root", in: "<gexf/>", opt: gm, line: 1, field: "gexf", msg: "want <graphml>"},
		{name: "unclosed", in: "<graphml>\n<graph>\n<edge source=\"a\" target=\"b\">\n", opt: gm, line: 4, field: "xml", msg: "unexpected EOF"},
		{name: "mismatched tag", in: "<graphml>\n<graph>\n</node>\n", opt: gm, line: 3, field: "xml", msg: "closed by </node>"},
		{name: "no edges", in: "<graphml><graph><node id=\"a\"/></graph></graphml>", opt: gm, msg: "no edges"},
		{name: "weight not a number", in: "<graphml>\n" + key + "<graph>\n<edge source=\"a\" target=\"b\">\n<data key=\"d0\">abc</data>\n</edge></graph></graphml>", opt: gm, line: 4, field: "weight", msg: `"abc" is not a number`},
		{name: "weight missing", in: "<graphml>\n" + key + "<graph>\n<edge source=\"a\" target=\"b\"/></graph></graphml>", opt: gm, line: 4, field: "weight", msg: "no <default>"},
		{name: "probability", in: "<graphml>\n" + key + "<graph>\n<edge source=\"a\" target=\"b\"><data key=\"d0\">3</data></edge></graph></graphml>", opt: LoadOptions{Format: FormatGraphML, Probabilities: true}, line: 4, field: "weight", msg: "not a probability"},
		{name: "unknown weight key", in: "<graphml>\n" + key + "<graph>\n<edge source=\"a\" target=\"b\"/></graph></graphml>", opt: LoadOptions{Format: FormatGraphML, Weight: "trust"}, line: 3, field: "key", msg: `no edge key named "trust" (edge keys: "weight")`},
		{name: "edge without target", in: "<graphml><graph>\n<edge source=\"a\"/></graph></graphml>", opt: gm, line: 2, field: "edge", msg: "target"},
		{name: "node without id", in: "<graphml><graph>\n<node/></graph></graphml>", opt: gm, line: 2, field: "node", msg: "no id"},
		{name: "duplicate node", in: "<graphml><graph>\n<node id=\"1\"/>\n<node id=\"1\"/></graph></graphml>", opt: gm, line: 3, field: "node", msg: "declared twice"},
		{name: "empty node id", in: "<graphml><graph>\n<node id=\"\"/></graph></graphml>", opt: gm, line: 2, field: "node", msg: "empty"},
		{name: "empty edge end", in: "<graphml><graph>\n<edge source=\"\" target=\"a\"/></graph></graphml>", opt: gm, line: 2, field: "edge", msg: "empty"},
		{name: "empty label", in: "<graphml><key id=\"n\" for=\"node\" attr.name=\"name\"/><graph>\n<node id=\"a\"><data key=\"n\"></data></node><edge source=\"a\" target=\"b\"/></graph></graphml>", opt: LoadOptions{Format: FormatGraphML, Label: "name"}, field: "name", msg: "empty name"},
		{name: "hyperedge", in: "<graphml><graph>\n<hyperedge/></graph></graphml>", opt: gm, line: 2, field: "hyperedge", msg: "not supported"},
		{name: "nested graph", in: "<graphml><graph>\n<graph/></graph></graphml>", opt: gm, line: 2, field: "graph", msg: "not supported"},
		{name: "bad edgedefault", in: "<graphml><graph edgedefault=\"both\"/></graphml>", opt: gm, line: 1, field: "graph", msg: "both"},
		{name: "mixed directions", in: "<graphml><graph edgedefault=\"undirected\">\n<edge source=\"a\" target=\"b\" directed=\"true\"/></graph></graphml>", opt: gm, line: 2, field: "edge", msg: "mixed graphs"},
		{name: "edge outside graph", in: "<graphml>\n<edge source=\"a\" target=\"b\"/></graphml>", opt: gm, line: 2, field: "edge", msg: "outside"},
		{name: "latin-1", in: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><graphml/>", opt: gm, line: 1, msg: "UTF-8"},
	})
}

func TestNodeLabels(t *testing.T) {
	tests := []struct {
		file string
		opt  LoadOptions
		arcs []string
	}{
		{"testdata/igraph.graphml", LoadOptions{Label: "name", Directed: true}, []string{"李伟->张敏:0.7", "王芳->李伟:0.3"}},
		{"testdata/gephi.graphml", LoadOptions{Label: "Label", IgnoreWeights: true}, []string{"MlleBaptistine->Myriel", "MlleBaptistine->Napoleon", "Napoleon->Myriel"}},
		{"testdata/gephi.gexf", LoadOptions{Label: "label", IgnoreWeights: true}, []string{"Gavroche->Marius", "Marius->Valjean", "Valjean->Gavroche"}},
		{"testdata/gephi.gexf", LoadOptions{Label: "modularity class", IgnoreWeights: true}, []string{"1->48", "48->55", "55->1"}},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.opt.Label, func(t *testing.T) {
			g, err := LoadFile(tc.file, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("got=%q, want=%q", got, tc.arcs)
			}
			if g.Label(0) == "" {
				t.Errorf("empty label")
			}
		})
	}
	dup := `<graphml><key id="n" for="node" attr.name="name"/><graph><node id="a"><data key="n">x</data></node>
<node id="b"><data key="n">x</data></node><edge source="a" target="b"/></graph></graphml>`
	checkBad(t, "g.graphml", []badCase{
		{name: "unknown label key", in: dup, opt: LoadOptions{Format: FormatGraphML, Label: "title"}, line: 1, field: "key", msg: `no node key named "title" (node keys: "name")`},
		{name: "duplicate labels", in: dup, opt: LoadOptions{Format: FormatGraphML, Label: "name"}, field: "name", msg: `nodes "a" and "b" are both named "x"`},
	})
}
