package graph

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// arcList renders g's arcs by name, "u->v" or "u->v:w", sorted, so that
// graphs can be compared whatever ids their loaders chose.
func arcList(g *CSR) []string {
	var arcs []string
	for u := uint32(0); int(u) < g.N(); u++ {
		ws := g.Out.NeighborWeights(u)
		for j, v := range g.Out.Neighbors(u) {
			s := g.Label(u) + "->" + g.Label(v)
			if ws != nil {
				s += fmt.Sprintf(":%g", ws[j])
			}
			arcs = append(arcs, s)
		}
	}
	slices.Sort(arcs)
	return arcs
}

// sameCSR fails the test unless a and b are the same graph, id for id.
func sameCSR(t *testing.T, a, b *CSR) {
	t.Helper()
	if a.N() != b.N() || a.M() != b.M() || a.Directed() != b.Directed() || a.Weighted() != b.Weighted() {
		t.Fatalf("got n=%d m=%d directed=%v weighted=%v, want n=%d m=%d directed=%v weighted=%v",
			b.N(), b.M(), b.Directed(), b.Weighted(), a.N(), a.M(), a.Directed(), a.Weighted())
	}
	for _, dir := range []struct {
		name string
		x, y Adjacency
	}{{"Out", a.Out, b.Out}, {"In", a.In, b.In}} {
		if !slices.Equal(dir.x.Offsets, dir.y.Offsets) || !slices.Equal(dir.x.Targets, dir.y.Targets) || !slices.Equal(dir.x.Weights, dir.y.Weights) {
			t.Fatalf("%s adjacency differs: got=%v, want=%v", dir.name, dir.y, dir.x)
		}
	}
	for u := uint32(0); int(u) < a.N(); u++ {
		if a.Label(u) != b.Label(u) {
			t.Fatalf("label of %d: got=%q, want=%q", u, b.Label(u), a.Label(u))
		}
	}
	if a.Checksum() != b.Checksum() {
		t.Fatalf("checksum: got=%s, want=%s", b.Checksum(), a.Checksum())
	}
}

// badCase is an input that must fail with a *ParseError naming the line and
// field and containing msg.
type badCase struct {
	name  string
	in    string
	opt   LoadOptions
	line  int
	field string
	msg   string
}

func checkBad(t *testing.T, file string, tests []badCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Decode(strings.NewReader(tc.in), file, tc.opt)
			if err == nil {
				t.Fatalf("got graph with n=%d m=%d, want an error", g.N(), g.M())
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %T %v, want *ParseError", err, err)
			}
			if pe.File != file || pe.Line != tc.line || pe.Field != tc.field || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got file=%q line=%d field=%q %q, want file=%q line=%d field=%q containing %q",
					pe.File, pe.Line, pe.Field, err, file, tc.line, tc.field, tc.msg)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: "data.csv", Line: 12, Field: "weight", Err: errors.New(`"abc" is not a number`)}, `graph: data.csv:12: weight: "abc" is not a number`},
		{&ParseError{File: "g.txt", Err: ErrNoEdges}, "graph: g.txt: no edges"},
		{&ParseError{Line: 3, Field: "xml", Err: errors.New("bad")}, "graph: line 3: xml: bad"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got=%q, want=%q", got, tc.want)
		}
	}
	if !errors.Is(tests[1].err, ErrNoEdges) {
		t.Errorf("ParseError does not unwrap to ErrNoEdges")
	}
}

func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecodeGzip(t *testing.T) {
	text := "# c\n1 2\n2 3\n3 1\n"
	z := gzipped(t, text)
	g, err := Decode(bytes.NewReader(z), "g.bin", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := arcList(g), []string{"1->2", "2->3", "3->1"}; !slices.Equal(got, want) {
		t.Errorf("got=%v, want=%v", got, want)
	}
	// Every proper prefix of the stream must fail, never give a short graph.
	for cut := 1; cut < len(z); cut++ {
		g, err := Decode(bytes.NewReader(z[:cut]), "g.txt.gz", LoadOptions{})
		if err == nil {
			t.Fatalf("cut at %d of %d: got graph with m=%d, want an error", cut, len(z), g.M())
		}
	}
	for f, doc := range map[Format]string{
		FormatEdgeList: text,
		FormatCSV:      "source,target\na,b\n",
		FormatGraphML:  `<graphml><graph><edge source="a" target="b"/></graph></graphml>`,
		FormatGEXF:     `<gexf><graph><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b"/></edges></graph></gexf>`,
	} {
		good := gzipped(t, doc)
		if _, err := Decode(bytes.NewReader(good), "g.gz", LoadOptions{Format: f}); err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		bad := bytes.Clone(good)
		bad[len(bad)-8] ^= 1 // the CRC-32 in the gzip trailer
		if _, err := Decode(bytes.NewReader(bad), "g.gz", LoadOptions{Format: f}); err == nil || !strings.Contains(err.Error(), "gzip") {
			t.Errorf("%v with a bad gzip checksum: got %v, want a gzip error", f, err)
		}
	}
	_, err = Decode(bytes.NewReader(z[:len(z)-6]), "g.txt.gz", LoadOptions{})
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "g.txt.gz") {
		t.Errorf("got %v, want ErrTruncated naming the file", err)
	}
}

func TestDecodeSniff(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"edge list", "a b\nb c\n", []string{"a->b", "b->c"}},
		{"csv", "from,to\na,b\n", []string{"a->b"}},
		{"graphml", "<?xml version=\"1.0\"?>\n<graphml><graph><edge source=\"a\" target=\"b\"/></graph></graphml>", []string{"a->b"}},
		{"gexf", "<gexf><graph defaultedgetype=\"directed\"><nodes><node id=\"a\"/><node id=\"b\"/></nodes><edges><edge source=\"a\" target=\"b\"/></edges></graph></gexf>", []string{"a->b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Decode(strings.NewReader(tc.in), tc.name, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.want) {
				t.Errorf("got=%v, want=%v", got, tc.want)
			}
		})
	}
}

func TestDecodeOptions(t *testing.T) {
	if _, err := Decode(strings.NewReader("1 2\n"), "x", LoadOptions{Directed: true, Options: Options{Undirected: true}}); err == nil {
		t.Errorf("Directed and Undirected together: got no error")
	}
	g, err := Decode(strings.NewReader("1 2\n2 3\n"), "x", LoadOptions{Options: Options{Reverse: true}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := arcList(g), []string{"2->1", "3->2"}; !slices.Equal(got, want) {
		t.Errorf("reverse: got=%v, want=%v", got, want)
	}
}

func TestLoadFileErrors(t *testing.T) {
	_, err := LoadFile("testdata/does-not-exist.txt", LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "does-not-exist.txt") {
		t.Errorf("got %v, want an error naming the file", err)
	}
}

// TestNumericNames checks the numbering of numeric names: numeric order, ids
// equal to names when they are exactly 0..n-1, and first appearance for
// names that follow a non-numeric one.
func TestNumericNames(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		labels []string
		byID   bool // vertices named by id (no label strings)
	}{
		{"dense from zero", "2 0\n1 2\n", []string{"0", "1", "2"}, true},
		{"sparse ids", "30 1412\n3 28\n", []string{"3", "28", "30", "1412"}, false},
		{"huge ids", "9999999999999999999 7\n4294967296 7\n", []string{"7", "4294967296", "9999999999999999999"}, false},
		{"20 digits is a name", "18446744073709551615 7\n", []string{"18446744073709551615", "7"}, false},
		{"leading zero is a name", "7 007\n", []string{"7", "007"}, false},
		{"mixed", "9 3\n3 bob\n1 9\n", []string{"3", "9", "bob", "1"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Decode(strings.NewReader(tc.in), tc.name, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for u := range g.N() {
				got = append(got, g.Label(uint32(u)))
			}
			if !slices.Equal(got, tc.labels) {
				t.Errorf("labels: got=%q, want=%q", got, tc.labels)
			}
			if byID := g.Labels().Names() == nil; byID != tc.byID {
				t.Errorf("named by id: got=%v, want=%v", byID, tc.byID)
			}
			for u, s := range tc.labels {
				if id, ok := g.Labels().ID(s); !ok || int(id) != u {
					t.Errorf("ID(%q): got=%d,%v, want=%d,true", s, id, ok, u)
				}
			}
		})
	}
}

// TestLoaderBlocks checks the edges a loader buffers in numeric mode across
// block boundaries: edges before the first weighted one weigh 1, numbers
// too large to be their own provisional ids are renamed, and a non-numeric
// name part-way hands the buffered edges to the Builder intact.
// The reference adds the same edges to a Builder one at a time.
func TestLoaderBlocks(t *testing.T) {
	const m = 2*chunkEdges + 10
	tests := []struct {
		name       string
		weightFrom int // index of the first weighted edge
		wordAt     int // index of the edge whose target is a word
		huge       bool
	}{
		{"unweighted", m, m, false},
		{"weighted from the start", 0, m, false},
		{"weighted from the second block", chunkEdges + 5, m, false},
		{"word after the first weight", chunkEdges + 5, chunkEdges + 100, false},
		{"word before the first weight", 2 * chunkEdges, chunkEdges + 100, false},
		{"huge numbers", chunkEdges + 5, m, true},
		{"huge numbers and a word", chunkEdges + 5, chunkEdges + 100, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(1, 2))
			l := newLoader(tc.name, LoadOptions{})
			b := NewBuilder(Options{})
			for i := range m {
				su, sv := strconv.Itoa(rnd.IntN(5000)), strconv.Itoa(rnd.IntN(5000))
				if tc.huge && i%3 == 0 {
					su = strconv.FormatUint(1<<40+uint64(rnd.IntN(100)), 10)
				}
				if i == tc.wordAt {
					sv = "bob"
				}
				u, v := nodeIDs(l, su, sv)
				bu, bv := b.AddNode(su), b.AddNode(sv)
				if i >= tc.weightFrom {
					w := float32(i%7+1) / 8
					l.addWeightedEdge(u, v, w)
					b.AddWeightedEdge(bu, bv, w)
					continue
				}
				l.addEdge(u, v)
				b.AddEdge(bu, bv)
			}
			got, err := l.build()
			if err != nil {
				t.Fatal(err)
			}
			want, err := b.Build()
			if err != nil {
				t.Fatal(err)
			}
			if g, w := arcList(got), arcList(want); !slices.Equal(g, w) {
				i := 0
				for i < min(len(g), len(w))-1 && g[i] == w[i] {
					i++
				}
				t.Errorf("arcs differ: %d got, %d wanted, first difference at %d: got=%s, want=%s", len(g), len(w), i, g[i], w[i])
			}
			if got.Stats() != want.Stats() {
				t.Errorf("stats: got=%+v, want=%+v", got.Stats(), want.Stats())
			}
		})
	}
}

// TestMixedNamesKeepEdges checks that the edge whose name ends numeric mode
// (and renumbers the vertices) joins the vertices it names, in an edge list
// and in a CSV file, whichever end the first word is.
func TestMixedNamesKeepEdges(t *testing.T) {
	tests := []struct {
		in     string
		format Format
		want   []string
	}{
		{"9 3\n3 bob\n1 9\n", FormatEdgeList, []string{"1->9", "3->bob", "9->3"}},
		{"9 3\nbob 5\n1 9\n", FormatEdgeList, []string{"1->9", "9->3", "bob->5"}},
		{"src;dst\n2;A\n", FormatCSV, []string{"2->A"}},
		{"src,dst\n9,3\n3,bob\nbob,7\n", FormatCSV, []string{"3->bob", "9->3", "bob->7"}},
	}
	for _, tc := range tests {
		g, err := Decode(strings.NewReader(tc.in), "mixed", LoadOptions{Format: tc.format})
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if got := arcList(g); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got=%v, want=%v", tc.in, got, tc.want)
		}
	}
}
