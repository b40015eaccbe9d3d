package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestGEXFFixture(t *testing.T) {
	tests := []struct {
		name     string
		opt      LoadOptions
		arcs     []string
		directed bool
	}{
		{"weight attribute", LoadOptions{}, []string{"11->48:1", "48->55:2.5", "55->11:4"}, true},
		{"weight from attvalues", LoadOptions{Weight: "trust", Probabilities: true}, []string{"11->48:0.25", "48->55:0.5", "55->11:1"}, true},
		{"undirected override", LoadOptions{Options: Options{Undirected: true}, IgnoreWeights: true}, []string{"11->48", "11->55", "48->11", "48->55", "55->11", "55->48"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := LoadFile("testdata/gephi.gexf", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("got=%q, want=%q", got, tc.arcs)
			}
			if g.Directed() != tc.directed || g.N() != 3 {
				t.Errorf("got directed=%v n=%d, want directed=%v n=3", g.Directed(), g.N(), tc.directed)
			}
		})
	}
}

func TestGEXF(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		opt      LoadOptions
		arcs     []string
		directed bool
	}{
		{
			name: "no defaultedgetype is undirected, no weight is unweighted",
			in:   `<gexf version="1.2"><graph><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b"/></edges></graph></gexf>`,
			arcs: []string{"a->b", "b->a"},
		},
		{
			name: "mutual is undirected; edges without weight weigh 1",
			in:   `<gexf><graph defaultedgetype="mutual"><nodes><node id="a"/><node id="b"/><node id="c"/></nodes><edges><edge source="a" target="b"/><edge source="b" target="c" weight="0.5"/></edges></graph></gexf>`,
			arcs: []string{"a->b:1", "b->a:1", "b->c:0.5", "c->b:0.5"},
		},
		{
			name:     "forced directed",
			in:       `<gexf><graph defaultedgetype="undirected"><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" type="undirected"/></edges></graph></gexf>`,
			opt:      LoadOptions{Directed: true},
			arcs:     []string{"a->b"},
			directed: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Format = FormatGEXF
			g, err := Decode(strings.NewReader(tc.in), "g.gexf", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("got=%q, want=%q", got, tc.arcs)
			}
			if g.Directed() != tc.directed {
				t.Errorf("directed: got=%v, want=%v", g.Directed(), tc.directed)
			}
		})
	}
}

func TestGEXFBad(t *testing.T) {
	gx := LoadOptions{Format: FormatGEXF}
	const nodes = "<gexf><graph defaultedgetype=\"directed\">\n<nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n<edges>\n"
	checkBad(t, "g.gexf", []badCase{
		{name: "empty", in: "", opt: gx, field: "gexf", msg: "not a GEXF document"},
		{name: "wrong root", in: "<graphml/>", opt: gx, line: 1, field: "graphml", msg: "want <gexf>"},
		{name: "malformed", in: nodes + "<edge source=\"a\" target=\"b\">\n</edges>", opt: gx, line: 5, field: "xml", msg: "closed by </edges>"},
		{name: "undeclared source", in: nodes + "<edge source=\"c\" target=\"b\"/>\n</edges></graph></gexf>", opt: gx, line: 4, field: "source", msg: `node "c" is not declared`},
		{name: "undeclared target", in: nodes + "<edge source=\"a\" target=\"z\"/>\n</edges></graph></gexf>", opt: gx, line: 4, field: "target", msg: `node "z" is not declared`},
		{name: "weight not a number", in: nodes + "<edge source=\"a\" target=\"b\" weight=\"x\"/>\n</edges></graph></gexf>", opt: gx, line: 4, field: "weight", msg: `"x" is not a number`},
		{name: "weight negative", in: nodes + "<edge source=\"a\" target=\"b\" weight=\"-1\"/>\n</edges></graph></gexf>", opt: gx, line: 4, field: "weight", msg: "not a positive number"},
		{name: "no edges", in: nodes + "</edges></graph></gexf>", opt: gx, msg: "no edges"},
		{name: "unknown weight attribute", in: nodes + "</edges></graph></gexf>", opt: LoadOptions{Format: FormatGEXF, Weight: "trust"}, line: 3, field: "attributes", msg: `no edge attribute titled "trust"`},
		{name: "duplicate node", in: "<gexf><graph>\n<nodes><node id=\"a\"/>\n<node id=\"a\"/></nodes></graph></gexf>", opt: gx, line: 3, field: "node", msg: "declared twice"},
		{name: "empty node id", in: "<gexf><graph>\n<nodes><node id=\"\"/></nodes></graph></gexf>", opt: gx, line: 2, field: "node", msg: "empty"},
		{name: "hierarchy", in: "<gexf><graph>\n<nodes><node id=\"a\">\n<nodes><node id=\"b\"/></nodes></node></nodes></graph></gexf>", opt: gx, line: 3, field: "nodes", msg: "hierarchical"},
		{name: "mixed", in: nodes + "<edge source=\"a\" target=\"b\" type=\"undirected\"/>\n</edges></graph></gexf>", opt: gx, line: 4, field: "edge", msg: "mixed graphs"},
		{name: "bad edge type", in: "<gexf><graph defaultedgetype=\"sideways\"/></gexf>", opt: gx, line: 1, field: "graph", msg: "sideways"},
	})
}
