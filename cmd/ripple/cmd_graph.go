package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"text/tabwriter"

	"github.com/ripple-sim/ripple/graph"
	"github.com/spf13/pflag"
)

func graphCommand() command {
	var gens strings.Builder
	for _, g := range graph.Generators() {
		fmt.Fprintf(&gens, "  %s — %s\n%s", g.Name, g.Summary, g.Help())
	}
	return command{
		Name:  "graph",
		Usage: "info FILE | generate MODEL [name=value,...] -o FILE | convert IN OUT",
		Short: "inspect, generate and convert social graphs",
		Long: `Actions:
  info FILE                 nodes, edges, degrees, reciprocity (--format json for scripts)
  generate MODEL [PARAMS]   a random graph, written with -o (format from the extension)
  convert IN OUT            rewrite a graph in another format (from OUT's extension:
                            .txt edge list, .csv, .tsv, .graphml, .gexf, .rgraph snapshot)

Examples:
  ripple graph info soc-Epinions1.txt.gz
  ripple graph generate community n=20000,communities=30 -o club.rgraph
  ripple graph generate community --seed 2026 -o builtin.gexf   # the built-in graph, for Gephi
  ripple graph convert follows.csv --reverse follows.gexf     # open it in Gephi

Models and their parameters (name, default, meaning):
` + gens.String(),
		Options: func() options { return &graphOptions{} },
	}
}

type graphOptions struct {
	load   loadFlags
	format string
	out    string
	seed   uint64
}

func (o *graphOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "info output `format`: text or json")
	fs.StringVarP(&o.out, "out", "o", "", "generate: output `file` (format from its extension; .gz compresses)")
	fs.Uint64Var(&o.seed, "seed", 1, "generate: random `seed`")
	o.load.AddFlags(fs)
}

func (o *graphOptions) Run(_ context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("graph: missing action: info, generate or convert")
	}
	switch action, rest := args[0], args[1:]; action {
	case "info":
		if len(rest) != 1 {
			return usagef("graph info: want one FILE, got %d arguments", len(rest))
		}
		return o.info(rest[0], e.stdout)
	case "generate":
		if len(rest) < 1 || len(rest) > 2 {
			return usagef("graph generate: want MODEL [name=value,...]")
		}
		params := ""
		if len(rest) == 2 {
			params = rest[1]
		}
		return o.generate(rest[0], params, e)
	case "convert":
		if len(rest) != 2 {
			return usagef("graph convert: want IN OUT, got %d arguments", len(rest))
		}
		return o.convert(rest[0], rest[1], e)
	default:
		return usagef("graph: unknown action %q (want info, generate or convert)", action)
	}
}

func (o *graphOptions) loadFile(path string) (*graph.CSR, error) {
	lo, err := o.load.options()
	if err != nil {
		return nil, err
	}
	return graph.LoadFile(path, lo)
}

func (o *graphOptions) info(path string, w io.Writer) error {
	if o.format != "text" && o.format != "json" {
		return usagef("graph info: --format %q: want text or json", o.format)
	}
	g, err := o.loadFile(path)
	if err != nil {
		return err
	}
	if o.format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			File     string      `json:"file"`
			Checksum string      `json:"checksum"`
			Nodes    int         `json:"nodes"`
			Edges    int         `json:"edges"` // undirected edges counted once
			Arcs     int         `json:"arcs"`
			Stats    graph.Stats `json:"stats"` // its "edges" counts arcs
		}{path, g.Checksum(), g.N(), edges(g), g.M(), g.Stats()})
	}
	writeStats(w, path, g)
	return nil
}

// writeStats prints a graph's statistics as an aligned table.
func writeStats(w io.Writer, name string, g *graph.CSR) {
	s := g.Stats()
	kind := "directed"
	if !s.Directed {
		kind = "undirected"
	}
	if s.Weighted {
		kind += ", weighted"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "graph\t%s\n", name)
	fmt.Fprintf(tw, "kind\t%s\n", kind)
	fmt.Fprintf(tw, "nodes\t%d\n", s.Nodes)
	if s.Directed {
		fmt.Fprintf(tw, "arcs\t%d\n", s.Edges)
	} else {
		fmt.Fprintf(tw, "edges\t%d (%d arcs)\n", s.Edges/2, s.Edges)
	}
	fmt.Fprintf(tw, "mean degree <k>\t%.3f\n", s.MeanDegree)
	fmt.Fprintf(tw, "<k²>\t%.1f\n", s.SecondMoment)
	fmt.Fprintf(tw, "max out / in degree\t%d / %d\n", s.MaxOut, s.MaxIn)
	fmt.Fprintf(tw, "reciprocity\t%.3f\n", s.Reciprocity)
	fmt.Fprintf(tw, "isolated nodes\t%d\n", s.Isolated)
	fmt.Fprintf(tw, "self-loops dropped\t%d\n", s.SelfLoops)
	fmt.Fprintf(tw, "duplicates merged\t%d\n", s.Duplicates)
	fmt.Fprintf(tw, "checksum\t%s\n", g.Checksum()[:16])
	tw.Flush()
}

func (o *graphOptions) generate(model, params string, e *env) error {
	if o.out == "" {
		return usagef("graph generate: missing -o FILE")
	}
	gen, err := graph.LookupGenerator(model)
	if err != nil {
		return usagef("graph generate: %v", err)
	}
	p, err := gen.ParseParams(params)
	if err != nil {
		return usagef("graph generate: %v", err)
	}
	if err := checkOutputPath(o.out); err != nil {
		return err
	}
	g, err := gen.Generate(p, rand.New(rand.NewPCG(o.seed, 0)))
	if err != nil {
		return err
	}
	return save(e, o.out, g)
}

// checkOutputPath rejects a graph file name whose extension says no format.
func checkOutputPath(path string) error {
	if graph.FormatFromPath(path) == graph.FormatAuto {
		return usagef("%s: unknown graph format; end the name in .txt, .csv, .tsv, .graphml, .gexf or .rgraph (.gz compresses)", path)
	}
	return nil
}

// save writes g to path, warns when the format cannot hold all of it, and
// prints its statistics.
func save(e *env, path string, g *graph.CSR) error {
	if err := graph.SaveFile(path, g); err != nil {
		return err
	}
	switch graph.FormatFromPath(path) {
	case graph.FormatEdgeList, graph.FormatCSV, graph.FormatTSV:
		if iso := g.Stats().Isolated; iso > 0 {
			fmt.Fprintf(e.stderr, "ripple: warning: %s lists edges only: its %d isolated nodes are not in it (use .rgraph, .graphml or .gexf to keep them)\n", path, iso)
		}
		if !g.Directed() {
			fmt.Fprintf(e.stderr, "ripple: note: %s does not record that the graph is undirected: read it back with --undirected\n", path)
		}
	}
	writeStats(e.stdout, path, g)
	return nil
}

func (o *graphOptions) convert(in, out string, e *env) error {
	if err := checkOutputPath(out); err != nil {
		return err
	}
	g, err := o.loadFile(in)
	if err != nil {
		return err
	}
	return save(e, out, g)
}
