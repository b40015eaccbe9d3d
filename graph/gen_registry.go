package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Param describes one numeric parameter of a Generator.
type Param struct {
	Name    string
	Default float64
	Help    string
	Integer bool // the value must be a whole number
}

// Params holds a generator's parameter values by name, as returned by
// Generator.Defaults and Generator.ParseParams.
type Params map[string]float64

// Generator is a random-graph model as the CLI offers it: `ripple graph
// generate NAME [params]`. Generate builds a graph from a complete set of
// parameters (as ParseParams returns) and the injected source.
type Generator struct {
	Name     string
	Summary  string
	Params   []Param
	Generate func(p Params, rnd *rand.Rand) (*CSR, error)
	// Arcs returns the expected number of arcs of the graph Generate
	// would make from p (an undirected edge counts twice), at no cost.
	Arcs func(p Params) float64
}

// Estimate returns the expected size of the graph g would generate from p
// and the peak memory that generating it needs, computed from the
// parameters alone, so that a caller can refuse a graph that would not fit
// before allocating anything.
func (g Generator) Estimate(p Params) Size {
	return estimate(p.int("n"), g.Arcs(p))
}

// Generators returns the registered generators in a fixed order: gnp, gnm,
// ba, ws, powerlaw, community.
func Generators() []Generator {
	directed := Param{Name: "directed", Default: 0, Help: "1 for a directed graph, 0 for undirected", Integer: true}
	dc := DefaultCommunity()
	return []Generator{
		{
			Name:    "gnp",
			Summary: "Erdős–Rényi G(n,p): every pair linked independently with probability p",
			Params: []Param{
				{Name: "n", Default: 1000, Help: "vertices", Integer: true},
				{Name: "p", Default: 0.01, Help: "probability of each edge"},
				directed,
			},
			Generate: func(p Params, rnd *rand.Rand) (*CSR, error) {
				return Gnp(p.int("n"), p["p"], p["directed"] == 1, rnd)
			},
			Arcs: func(p Params) float64 { return gnpArcs(p.int("n"), p["p"]) },
		},
		{
			Name:    "gnm",
			Summary: "Erdős–Rényi G(n,m): m edges drawn uniformly among all pairs",
			Params: []Param{
				{Name: "n", Default: 1000, Help: "vertices", Integer: true},
				{Name: "m", Default: 5000, Help: "edges (arcs when directed)", Integer: true},
				directed,
			},
			Generate: func(p Params, rnd *rand.Rand) (*CSR, error) {
				return Gnm(p.int("n"), p.int("m"), p["directed"] == 1, rnd)
			},
			Arcs: func(p Params) float64 { return gnmArcs(p.int("m"), p["directed"] == 1) },
		},
		{
			Name:    "ba",
			Summary: "Barabási–Albert preferential attachment: degree tail k^-3 (directed: arcs old→new)",
			Params: []Param{
				{Name: "n", Default: 1000, Help: "vertices", Integer: true},
				{Name: "m", Default: 3, Help: "edges brought by each new vertex", Integer: true},
				directed,
			},
			Generate: func(p Params, rnd *rand.Rand) (*CSR, error) {
				return BarabasiAlbert(p.int("n"), p.int("m"), p["directed"] == 1, rnd)
			},
			Arcs: func(p Params) float64 { return baArcs(p.int("n"), p.int("m"), p["directed"] == 1) },
		},
		{
			Name:    "ws",
			Summary: "Watts–Strogatz small world: ring lattice of degree k, edges rewired with probability beta",
			Params: []Param{
				{Name: "n", Default: 1000, Help: "vertices", Integer: true},
				{Name: "k", Default: 10, Help: "lattice degree (even)", Integer: true},
				{Name: "beta", Default: 0.1, Help: "rewiring probability"},
			},
			Generate: func(p Params, rnd *rand.Rand) (*CSR, error) {
				return WattsStrogatz(p.int("n"), p.int("k"), p["beta"], rnd)
			},
			Arcs: func(p Params) float64 { return wsArcs(p.int("n"), p.int("k")) },
		},
		{
			Name:    "powerlaw",
			Summary: "configuration model with power-law degrees P(k) ∝ k^-gamma, loops and repeats erased",
			Params: []Param{
				{Name: "n", Default: 10000, Help: "vertices", Integer: true},
				{Name: "gamma", Default: 2.5, Help: "degree exponent"},
				{Name: "kmin", Default: 2, Help: "smallest degree", Integer: true},
				{Name: "kmax", Default: 100, Help: "largest degree", Integer: true},
			},
			Generate: func(p Params, rnd *rand.Rand) (*CSR, error) {
				return PowerLaw(p.int("n"), p["gamma"], p.int("kmin"), p.int("kmax"), rnd)
			},
			Arcs: func(p Params) float64 { return powerLawArcs(p.int("n"), p["gamma"], p.int("kmin"), p.int("kmax")) },
		},
		{
			Name:    "community",
			Summary: "planted communities with leaders (社群, 社群领袖): ripple's default social graph",
			Params: []Param{
				{Name: "n", Default: float64(dc.N), Help: "vertices", Integer: true},
				{Name: "communities", Default: float64(dc.Communities), Help: "number of communities", Integer: true},
				{Name: "sizeexp", Default: dc.SizeExp, Help: "community c has size ∝ (c+1)^-sizeexp; 0 for equal sizes"},
				{Name: "indegree", Default: dc.InDegree, Help: "expected neighbours inside one's community"},
				{Name: "outdegree", Default: dc.OutDegree, Help: "expected neighbours outside one's community"},
				{Name: "leaders", Default: float64(dc.Leaders), Help: "leaders (hubs) per community", Integer: true},
				{Name: "reach", Default: dc.Reach, Help: "probability that a member is linked to each of its leaders"},
			},
			Generate: func(p Params, rnd *rand.Rand) (*CSR, error) {
				g, _, err := Community(communityParams(p), rnd)
				return g, err
			},
			Arcs: func(p Params) float64 { return communityParams(p).arcs() },
		},
	}
}

// LookupGenerator returns the generator called name; the error of an unknown
// name lists the known ones.
func LookupGenerator(name string) (Generator, error) {
	gens := Generators()
	names := make([]string, len(gens))
	for i, g := range gens {
		if g.Name == name {
			return g, nil
		}
		names[i] = g.Name
	}
	return Generator{}, fmt.Errorf("graph: unknown generator %q (known: %s)", name, strings.Join(names, ", "))
}

// Defaults returns every parameter of g at its default value.
func (g Generator) Defaults() Params {
	p := make(Params, len(g.Params))
	for _, d := range g.Params {
		p[d.Name] = d.Default
	}
	return p
}

// ParseParams returns g's parameters with the assignments of s applied over
// the defaults. s lists name=value pairs separated by commas or spaces, as
// in "n=1000,p=0.01"; an empty s gives the defaults. An unknown name (the
// error lists the known ones), a repeated name, a value that is not a finite
// number, or a fraction given to an integer parameter returns an error.
func (g Generator) ParseParams(s string) (Params, error) {
	p := g.Defaults()
	seen := make(map[string]bool)
	for _, field := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		name, text, ok := strings.Cut(field, "=")
		if !ok {
			return nil, fmt.Errorf("graph: %s: bad parameter %q (want name=value)", g.Name, field)
		}
		d, known := g.param(name)
		if !known {
			return nil, fmt.Errorf("graph: %s: unknown parameter %q (known: %s)", g.Name, name, strings.Join(g.paramNames(), ", "))
		}
		if seen[name] {
			return nil, fmt.Errorf("graph: %s: parameter %q given twice", g.Name, name)
		}
		seen[name] = true
		x, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("graph: %s: bad value: %s=%q (want a finite number)", g.Name, name, text)
		}
		if d.Integer && (x != math.Trunc(x) || math.Abs(x) > 1<<53) {
			return nil, fmt.Errorf("graph: %s: bad value: %s=%q (want a whole number)", g.Name, name, text)
		}
		if d.Name == "directed" && x != 0 && x != 1 {
			return nil, fmt.Errorf("graph: %s: bad value: directed=%q (want 0 or 1)", g.Name, text)
		}
		p[name] = x
	}
	return p, nil
}

// Help returns one line per parameter: name, default and help text.
func (g Generator) Help() string {
	var b strings.Builder
	for _, d := range g.Params {
		fmt.Fprintf(&b, "  %-12s %-8s %s\n", d.Name, strconv.FormatFloat(d.Default, 'g', -1, 64), d.Help)
	}
	return b.String()
}

func (g Generator) param(name string) (Param, bool) {
	for _, d := range g.Params {
		if d.Name == name {
			return d, true
		}
	}
	return Param{}, false
}

func (g Generator) paramNames() []string {
	names := make([]string, len(g.Params))
	for i, d := range g.Params {
		names[i] = d.Name
	}
	return names
}

// int returns the integer parameter name.
func (p Params) int(name string) int { return int(p[name]) }

// communityParams reads the community generator's parameters.
func communityParams(p Params) CommunityParams {
	return CommunityParams{
		N: p.int("n"), Communities: p.int("communities"), SizeExp: p["sizeexp"],
		InDegree: p["indegree"], OutDegree: p["outdegree"], Leaders: p.int("leaders"), Reach: p["reach"],
	}
}
