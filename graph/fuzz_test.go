package graph

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// fuzzOptions turns a fuzzed byte into load options.
func fuzzOptions(f Format, flags uint8) LoadOptions {
	o := LoadOptions{
		Format:        f,
		Header:        flags&1 != 0,
		Options:       Options{Undirected: flags&2 != 0, Reverse: flags&4 != 0},
		Probabilities: flags&8 != 0,
		IgnoreWeights: flags&16 != 0,
		Directed:      flags&32 != 0 && flags&2 == 0,
	}
	if flags&64 != 0 {
		o.Label = "label"
		o.Weight = "trust"
	}
	if flags&128 != 0 {
		o.Encoding = "gb18030"
	}
	return o
}

// checkLoaded is what every fuzz target asserts: a loader returns a valid
// CSR or a *ParseError, never panics, and what it returns survives a
// snapshot round trip unchanged.
func checkLoaded(t *testing.T, g *CSR, err error, o LoadOptions) {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v is a %T, want *ParseError", err, err)
		}
		return
	}
	if err := checkAdjacency(g.Out); err != nil {
		t.Fatalf("Out: %v", err)
	}
	if err := checkAdjacency(g.In); err != nil {
		t.Fatalf("In: %v", err)
	}
	if g.M() == 0 && g.Stats().SelfLoops == 0 && g.Stats().Duplicates == 0 {
		t.Fatalf("a graph without any edge read was accepted")
	}
	if g.Labels().Len() != g.N() {
		t.Fatalf("got %d labels for %d vertices", g.Labels().Len(), g.N())
	}
	for _, w := range g.Out.Weights {
		if !(w > 0) || (o.Probabilities && w > 1) {
			t.Fatalf("weight %v accepted", w)
		}
	}
	var buf bytes.Buffer
	if err := Encode(&buf, g, FormatSnapshot); err != nil {
		t.Fatal(err)
	}
	h, err := Decode(&buf, "fuzz.rgraph", LoadOptions{Probabilities: o.Probabilities})
	if err != nil {
		t.Fatal(err)
	}
	sameCSR(t, g, h)
}

// addFiles adds the files as seeds, skipping those that are absent.
func addFiles(f *testing.F, paths ...string) {
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, uint8(0))
		}
	}
}

func FuzzEdgeList(f *testing.F) {
	f.Add([]byte("# c\n1 2\n2 3 \r\n% k\n\n3 1\n"), uint8(0))
	f.Add([]byte("3 2\r\n0 1\r\n1 2\r\n"), uint8(1))
	f.Add([]byte("a b 0.5\nb c 1\nc a 1e-3\n"), uint8(8))
	f.Add([]byte("王芳 李伟\n李伟\u3000张敏 0.2\n"), uint8(2))
	f.Add([]byte("\ufeff9 3\n3 bob\n1 9\n18446744073709551615 007\n"), uint8(4))
	f.Add([]byte("0 1\n5\nalone\n1 2\n"), uint8(0))
	f.Add([]byte("\xb4\xf3V \xd0\xa1\xcd\xf5\n"), uint8(0)) // 大V 小王 in GB18030
	f.Add([]byte("1 1\n1 1\n"), uint8(0))
	addFiles(f, "testdata/snap.txt", "testdata/out.konect")
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		o := fuzzOptions(FormatEdgeList, flags)
		g, err := Decode(bytes.NewReader(data), "fuzz.txt", o)
		checkLoaded(t, g, err, o)
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("source,target,weight\r\na,b,0.5\r\n\"x,y\",a,1\r\n"), uint8(0))
	f.Add([]byte("\ufeffFrom;To\n1;2\n2;3\n"), uint8(2))
	f.Add([]byte("a\tb\n1\t2\n"), uint8(8))
	f.Add([]byte("src,dst,weight\n1,2,abc\n"), uint8(16))
	f.Add([]byte("序号,关注者,被关注者,关注时间\n1,小王,大V,2024\n"), uint8(0))
	f.Add([]byte("\xd0\xf2\xba\xc5,\xb9\xd8\xd7\xa2\xd5\xdf,\xb1\xbb\xb9\xd8\xd7\xa2\xd5\xdf\n1,a,b\n"), uint8(0)) // the header above in GB18030
	f.Add([]byte("a,b,c\n1,2,3\n"), uint8(0))
	f.Add([]byte("转发者,原博主,权重\nx,y,0.5\n\"long\nfield\",y,1\n"), uint8(8))
	addFiles(f, "testdata/excel.csv")
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		o := fuzzOptions(FormatCSV, flags)
		g, err := Decode(bytes.NewReader(data), "fuzz.csv", o)
		checkLoaded(t, g, err, o)
	})
}

func FuzzGraphML(f *testing.F) {
	f.Add([]byte(`<graphml><key id="d0" for="edge" attr.name="weight"><default>1</default></key><graph edgedefault="undirected"><node id="a"/><edge source="a" target="b"><data key="d0">0.5</data></edge><edge source="b" target="c"/></graph></graphml>`), uint8(0))
	addFiles(f, "testdata/networkx.graphml", "testdata/igraph.graphml", "testdata/gephi.graphml")
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		o := fuzzOptions(FormatGraphML, flags)
		g, err := Decode(bytes.NewReader(data), "fuzz.graphml", o)
		checkLoaded(t, g, err, o)
	})
}

func FuzzGEXF(f *testing.F) {
	f.Add([]byte(`<gexf><graph defaultedgetype="directed"><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" weight="0.5"/><edge source="b" target="a" type="directed"/></edges></graph></gexf>`), uint8(0))
	addFiles(f, "testdata/gephi.gexf")
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		o := fuzzOptions(FormatGEXF, flags)
		g, err := Decode(bytes.NewReader(data), "fuzz.gexf", o)
		checkLoaded(t, g, err, o)
	})
}

func FuzzSnapshot(f *testing.F) {
	for _, in := range []string{"a b 0.5\nb c 0.25\n", "0 1\n1 2\n2 0\n", "1 1\n5 7\n"} {
		g, err := Decode(bytes.NewReader([]byte(in)), "seed", LoadOptions{})
		if err != nil {
			f.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, g, FormatSnapshot); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes(), uint8(0))
		f.Add(resum(buf.Bytes()[:len(buf.Bytes())-1]), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		o := fuzzOptions(FormatSnapshot, flags)
		g, err := Decode(bytes.NewReader(data), "fuzz.rgraph", o)
		checkLoaded(t, g, err, o)
	})
}
