package graph

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// namedGraph has awkward names (Chinese, XML metacharacters), weights and
// an isolated vertex.
func namedGraph(t testing.TB) *CSR {
	t.Helper()
	b := NewBuilder(Options{})
	names := []string{"王芳", "A&B", `say "hi"`, "<tag>", "alone", "x,y"}
	for _, s := range names {
		b.AddNode(s)
	}
	for _, e := range []struct {
		u, v uint32
		w    float32
	}{{0, 1, 0.5}, {1, 2, 0.1}, {2, 0, 1}, {3, 0, 0.333}, {0, 3, 0.25}, {5, 0, 0.75}} {
		b.AddWeightedEdge(e.u, e.v, e.w)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// numericGraph is undirected, unweighted and named by id.
func numericGraph(t testing.TB) *CSR {
	t.Helper()
	return mustDecode(t, "0 1\n1 2\n2 0\n3 1\n4 0\n", LoadOptions{Options: Options{Undirected: true}})
}

func TestRoundTrip(t *testing.T) {
	graphs := []struct {
		name     string
		g        *CSR
		isolated bool
		spaces   bool
	}{
		{"named", namedGraph(t), true, true},
		{"numeric", numericGraph(t), false, false},
	}
	formats := []Format{FormatSnapshot, FormatGraphML, FormatGEXF, FormatEdgeList, FormatCSV, FormatTSV}
	for _, gc := range graphs {
		for _, f := range formats {
			t.Run(gc.name+"/"+f.String(), func(t *testing.T) {
				if f == FormatEdgeList && gc.spaces {
					if err := Encode(io.Discard, gc.g, f); err == nil {
						t.Error("a name with a space in an edge list: got no error")
					}
					return
				}
				data := encodeBytes(t, gc.g, f)
				h, err := Decode(bytes.NewReader(data), "rt", LoadOptions{Format: f, Options: Options{Undirected: !gc.g.Directed()}})
				if err != nil {
					t.Fatalf("%v\n%s", err, data)
				}
				switch {
				case f == FormatSnapshot || f == FormatGraphML || f == FormatGEXF || !gc.isolated:
					// Formats that declare nodes, or an edge list of numeric
					// names, give back the very same CSR.
					sameCSR(t, gc.g, h)
				default:
					if got, want := arcList(h), arcList(gc.g); !slices.Equal(got, want) {
						t.Errorf("arcs: got=%q, want=%q", got, want)
					}
					if h.N() != gc.g.N()-1 {
						t.Errorf("nodes: got=%d, want=%d (the isolated one is lost)", h.N(), gc.g.N()-1)
					}
				}
			})
		}
	}
}

func TestRoundTripRealGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("round trips of a real graph through every format are slow under -short (TestRoundTrip covers the formats)")
	}
	g, err := LoadFile(realFile(t, "NetHEPT_WC_IMPC.txt.gz"), LoadOptions{Header: true, Probabilities: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{FormatSnapshot, FormatGraphML, FormatGEXF, FormatEdgeList} {
		h, err := Decode(bytes.NewReader(encodeBytes(t, g, f)), "rt", LoadOptions{Format: f})
		if err != nil {
			t.Fatal(err)
		}
		sameCSR(t, g, h)
	}
}

func TestEncodeAttributes(t *testing.T) {
	g := namedGraph(t)
	probs := make([]float64, g.N())
	for i := range probs {
		probs[i] = float64(i) / 8
	}
	attrs := []NodeAttr{{Name: "activation_probability", Values: probs}, {Name: "cost", Values: make([]float64, g.N())}}
	for _, f := range []Format{FormatGraphML, FormatGEXF} {
		t.Run(f.String(), func(t *testing.T) {
			data := encodeBytes(t, g, f)
			var buf bytes.Buffer
			if err := Encode(&buf, g, f, attrs...); err != nil {
				t.Fatal(err)
			}
			h, err := Decode(bytes.NewReader(buf.Bytes()), "attrs", LoadOptions{Format: f})
			if err != nil {
				t.Fatal(err)
			}
			sameCSR(t, g, h)
			// The value of vertex 4 ("alone") must sit on that node.
			got := nodeAttrValues(t, buf.Bytes(), "alone")
			if !slices.Contains(got, "0.5") || !strings.Contains(buf.String(), "activation_probability") {
				t.Errorf("attribute values of node alone: got=%q, want 0.5 among them\n%s", got, data)
			}
		})
	}
}

// nodeAttrValues returns the attribute values written on the node with the
// given id, in GraphML <data> or GEXF <attvalue> form.
func nodeAttrValues(t *testing.T, doc []byte, id string) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var vals []string
	in, inData := false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return vals
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "node":
				v, _ := attr(tok, "id")
				in = v == id
			case "attvalue":
				if in {
					v, _ := attr(tok, "value")
					vals = append(vals, v)
				}
			case "data":
				inData = in
			}
		case xml.CharData:
			if inData {
				vals = append(vals, string(tok))
			}
		case xml.EndElement:
			if tok.Name.Local == "data" {
				inData = false
			}
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	g := namedGraph(t)
	spaced := mustDecode(t, "source,target\nLi Wei,b\n", LoadOptions{Format: FormatCSV})
	named := func(names ...string) *CSR {
		b := NewBuilder(Options{})
		for _, s := range names {
			b.AddNode(s)
		}
		b.AddEdge(0, 1)
		g, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	latin1 := named("caf\xe9", "b")
	escape := named("a\x1b[31m", "b")
	crlf := named("a\r\nb", "c")
	tests := []struct {
		name  string
		g     *CSR
		f     Format
		attrs []NodeAttr
		msg   string
	}{
		{"attributes in an edge list", g, FormatEdgeList, []NodeAttr{{Name: "p", Values: make([]float64, g.N())}}, "cannot hold node attributes"},
		{"wrong length", g, FormatGEXF, []NodeAttr{{Name: "p", Values: make([]float64, 2)}}, "has 2 values for 6 nodes"},
		{"repeated name", g, FormatGraphML, []NodeAttr{{Name: "p", Values: make([]float64, g.N())}, {Name: "p", Values: make([]float64, g.N())}}, "repeated"},
		{"space in an edge list name", spaced, FormatEdgeList, nil, `"Li Wei" cannot be written`},
		{"auto", g, FormatAuto, nil, "cannot write format auto"},
		{"invalid UTF-8 in CSV", latin1, FormatCSV, nil, `"caf\xe9" is not valid UTF-8`},
		{"invalid UTF-8 in GEXF", latin1, FormatGEXF, nil, "is not valid UTF-8"},
		{"invalid UTF-8 in an edge list", latin1, FormatEdgeList, nil, "is not valid UTF-8"},
		{"control character in GraphML", escape, FormatGraphML, nil, "control character that XML cannot carry"},
		{"control character in GEXF", escape, FormatGEXF, nil, "control character"},
		{"line end in CSV", crlf, FormatCSV, nil, "holds a line end"},
		{"line end in TSV", crlf, FormatTSV, nil, "holds a line end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Encode(io.Discard, tc.g, tc.f, tc.attrs...)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want an error containing %q", err, tc.msg)
			}
		})
	}
}

func TestSaveFile(t *testing.T) {
	dir := t.TempDir()
	g := namedGraph(t)
	for _, name := range []string{"g.graphml.gz", "g.gexf", "g.rgraph", "g.csv.gz"} {
		path := filepath.Join(dir, name)
		if err := SaveFile(path, g); err != nil {
			t.Fatal(err)
		}
		h, err := LoadFile(path, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := arcList(h), arcList(g); !slices.Equal(got, want) {
			t.Errorf("%s: got=%q, want=%q", name, got, want)
		}
	}
	// A failed save leaves the old file as it was and no temporary file.
	path := filepath.Join(dir, "keep.txt")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spaced := mustDecode(t, "source,target\nLi Wei,b\n", LoadOptions{Format: FormatCSV})
	if err := SaveFile(path, spaced); err == nil {
		t.Fatal("saving a name with a space as an edge list: got no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("after a failed save: got %q, want the old content", b)
	}
	if err := SaveFile(filepath.Join(dir, "g.unknown"), g); err == nil {
		t.Error("unknown extension: got no error")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"g.csv.gz", "g.gexf", "g.graphml.gz", "g.rgraph", "keep.txt"}
	if !slices.Equal(names, want) {
		t.Errorf("files left: got=%q, want=%q", names, want)
	}
}

// TestCSVStartsWithBOM: a CSV that ripple writes opens in Excel with its
// Chinese names intact (a UTF-8 BOM first), and reads back, sniffed or
// not, with the same arcs; TSV, which Excel does not open by default,
// has no BOM (and is known by its extension, not sniffed).
func TestCSVStartsWithBOM(t *testing.T) {
	g := mustDecode(t, "source,target\n大V,小王\n小王,小李\n", LoadOptions{Format: FormatCSV})
	for _, tc := range []struct {
		f   Format
		bom bool
	}{{FormatCSV, true}, {FormatTSV, false}} {
		data := encodeBytes(t, g, tc.f)
		if got := bytes.HasPrefix(data, utf8BOM); got != tc.bom {
			t.Errorf("%v starts with a BOM: %v, want %v", tc.f, got, tc.bom)
		}
		formats := []Format{tc.f}
		if tc.f == FormatCSV {
			formats = append(formats, FormatAuto) // the sniffer skips the BOM
		}
		for _, f := range formats {
			h, err := Decode(bytes.NewReader(data), "rt", LoadOptions{Format: f})
			if err != nil {
				t.Fatalf("%v read as %v: %v", tc.f, f, err)
			}
			if got, want := arcList(h), arcList(g); !slices.Equal(got, want) {
				t.Errorf("%v read as %v: arcs %q, want %q", tc.f, f, got, want)
			}
		}
	}
}
