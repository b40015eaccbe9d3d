package graph

import (
	"math"
	"strings"
	"testing"
)

// small shrinks the registry defaults so that every generator runs fast.
var small = map[string]string{
	"gnp":       "n=300,p=0.03",
	"gnm":       "n=300,m=900",
	"ba":        "n=300,m=3",
	"ws":        "n=300,k=6,beta=0.2",
	"powerlaw":  "n=1000,kmax=30",
	"community": "n=2000,communities=5",
}

func TestGeneratorsDeterministic(t *testing.T) {
	gens := Generators()
	if len(gens) != len(small) {
		t.Fatalf("generators: got %d, want %d", len(gens), len(small))
	}
	for _, gen := range gens {
		for _, dir := range []string{"", ",directed=1"} {
			if dir != "" && !gen.hasParam("directed") {
				continue
			}
			t.Run(gen.Name+dir, func(t *testing.T) {
				p, err := gen.ParseParams(small[gen.Name] + dir)
				if err != nil {
					t.Fatal(err)
				}
				a, err := gen.Generate(p, seeded(11))
				if err != nil {
					t.Fatal(err)
				}
				checkSimple(t, a)
				if a.M() == 0 {
					t.Fatalf("no arcs")
				}
				if a.Directed() != (dir != "") {
					t.Errorf("directed: got=%v, want=%v", a.Directed(), dir != "")
				}
				b, _ := gen.Generate(p, seeded(11))
				c, _ := gen.Generate(p, seeded(12))
				if a.Checksum() != b.Checksum() {
					t.Errorf("same seed, different graphs: %s vs %s", a.Checksum(), b.Checksum())
				}
				if a.Checksum() == c.Checksum() {
					t.Errorf("seeds 11 and 12 gave the same graph %s", a.Checksum())
				}
			})
		}
	}
}

func (g Generator) hasParam(name string) bool {
	_, ok := g.param(name)
	return ok
}

func TestParseParams(t *testing.T) {
	gnp, err := LookupGenerator("gnp")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in      string
		want    Params
		wantErr string
	}{
		{in: "", want: Params{"n": 1000, "p": 0.01, "directed": 0}},
		{in: "n=50, p=0.5", want: Params{"n": 50, "p": 0.5, "directed": 0}},
		{in: "directed=1 n=7", want: Params{"n": 7, "p": 0.01, "directed": 1}},
		{in: "q=1", wantErr: `unknown parameter "q" (known: n, p, directed)`},
		{in: "n", wantErr: `bad parameter "n" (want name=value)`},
		{in: "n=1.5", wantErr: `bad value: n="1.5" (want a whole number)`},
		{in: "p=x", wantErr: `bad value: p="x" (want a finite number)`},
		{in: "p=NaN", wantErr: `bad value: p="NaN"`},
		{in: "n=3,n=4", wantErr: `parameter "n" given twice`},
		{in: "directed=2", wantErr: `directed="2" (want 0 or 1)`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := gnp.ParseParams(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseParams(%q): got err=%v, want one containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("ParseParams(%q)[%s]: got=%v, want=%v", tc.in, k, got[k], v)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("ParseParams(%q): got=%v, want=%v", tc.in, got, tc.want)
			}
		})
	}
	if _, err := LookupGenerator("er"); err == nil || !strings.Contains(err.Error(), "known: gnp, gnm, ba, ws, powerlaw, community") {
		t.Errorf("LookupGenerator(er): got err=%v, want the known names", err)
	}
	if h := gnp.Help(); !strings.Contains(h, "probability of each edge") {
		t.Errorf("Help: got=%q, want the parameter help", h)
	}
}

func TestGeneratorsBadParams(t *testing.T) {
	for _, tc := range []struct{ gen, params, wantErr string }{
		{"gnp", "p=1.5", "bad probability: p=1.5"},
		{"gnp", "p=-0.1", "bad probability: p=-0.1"},
		{"gnp", "n=-1", "bad number of nodes: n=-1"},
		{"gnm", "n=10,m=46", "bad number of edges: m=46"},
		{"gnm", "n=10,m=-1", "bad number of edges: m=-1"},
		{"ba", "n=10,m=0", "bad attachment: m=0"},
		{"ba", "n=3,m=3", "bad attachment: m=3"},
		{"ws", "k=5", "bad lattice degree: k=5"},
		{"ws", "n=10,k=10", "bad lattice degree: k=10"},
		{"ws", "beta=2", "bad probability: beta=2"},
		{"powerlaw", "gamma=-1", "bad power-law exponent: gamma=-1"},
		{"powerlaw", "kmin=0", "bad degree range: kmin=0"},
		{"powerlaw", "kmin=5,kmax=4", "bad degree range: kmin=5 kmax=4"},
		{"powerlaw", "n=11,kmin=3,kmax=3", "odd degree sum"},
		{"community", "communities=0", "bad number of communities: communities=0"},
		{"community", "n=100,communities=20,sizeexp=3", "community 3 has 1 vertices (want at least 3)"},
		{"community", "n=1000,communities=10,indegree=200", "bad probability: indegree/(size-1)"},
		{"community", "reach=1.1", "bad probability: reach=1.1"},
		{"community", "outdegree=-2", "bad expected degree"},
		{"community", "communities=1,n=100,indegree=5", "single community"},
	} {
		t.Run(tc.gen+" "+tc.params, func(t *testing.T) {
			gen, err := LookupGenerator(tc.gen)
			if err != nil {
				t.Fatal(err)
			}
			p, err := gen.ParseParams(tc.params)
			if err != nil {
				t.Fatal(err)
			}
			g, err := gen.Generate(p, seeded(1))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "graph: ") {
				t.Fatalf("got graph=%v err=%v, want an error containing %q", g != nil, err, tc.wantErr)
			}
		})
	}
}

func TestGeneratorsNilRand(t *testing.T) {
	for _, gen := range Generators() {
		t.Run(gen.Name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != "graph: nil rand source" {
					t.Errorf("got panic %v, want %q", r, "graph: nil rand source")
				}
			}()
			gen.Generate(gen.Defaults(), nil)
		})
	}
}

// FuzzGenerate checks that any parameter string either is rejected with an
// error or gives a valid simple graph, for every generator. Sizes are
// capped to keep each run fast.
func FuzzGenerate(f *testing.F) {
	for name, params := range small {
		f.Add(name, params, uint64(1))
	}
	f.Add("ws", "n=5,k=4,beta=1", uint64(2))
	f.Add("gnm", "n=4,m=6,directed=1", uint64(3))
	f.Add("community", "n=30,communities=3,leaders=9,indegree=2", uint64(4))
	f.Fuzz(func(t *testing.T, name, params string, seed uint64) {
		gen, err := LookupGenerator(name)
		if err != nil {
			return
		}
		p, err := gen.ParseParams(params)
		if err != nil {
			return
		}
		for _, d := range gen.Params {
			if d.Integer && math.Abs(p[d.Name]) > 300 {
				return
			}
		}
		g, err := gen.Generate(p, seeded(seed))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "graph: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		checkSimple(t, g)
		if g.N() != int(p["n"]) {
			t.Fatalf("vertices: got=%d, want=%v", g.N(), p["n"])
		}
	})
}
