package main

import (
	"fmt"
	"io"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/scenarios"
	"github.com/spf13/pflag"
)

// loadFlags are the flags that say how a graph file is read.
type loadFlags struct {
	undirected, reverse, directed bool
	header, ignoreWeights         bool
	format                        string
	source, target, weight        string
	label                         string
	encoding                      string
}

func (f *loadFlags) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&f.undirected, "undirected", false, "store every edge in both directions (friendships, co-authorships)")
	fs.BoolVar(&f.reverse, "reverse", false, "read `u v` as v→u: for follower lists where \"u v\" means u follows v")
	fs.BoolVar(&f.directed, "directed", false, "read a GraphML/GEXF file that declares itself undirected as directed")
	fs.StringVar(&f.format, "input-format", "auto", "graph file `format`: auto, edgelist, csv, tsv, graphml, gexf, rgraph")
	fs.BoolVar(&f.header, "header", false, "the edge list starts with an \"n m\" line to skip (NetHEPT, NetPHY)")
	fs.StringVar(&f.source, "source-col", "", "CSV `column` holding the source (default: source/src/from, else the first)")
	fs.StringVar(&f.target, "target-col", "", "CSV `column` holding the target (default: target/dst/to, else the second)")
	fs.StringVar(&f.weight, "weight-col", "", "CSV column or GraphML/GEXF `attribute` holding the trust weight (default: weight)")
	fs.BoolVar(&f.ignoreWeights, "ignore-weights", false, "drop any weight column or attribute")
	fs.StringVar(&f.encoding, "encoding", "auto", "text `encoding` of an edge list or CSV: auto (UTF-8, or GB18030 as Excel on Chinese Windows saves it, with a note), utf-8 or gb18030")
	fs.StringVar(&f.label, "label-attr", "", "GraphML/GEXF node `attribute` that names people (igraph: name, Gephi: label; default: the node id)")
}

// options turns the flags into graph.LoadOptions.
func (f *loadFlags) options() (graph.LoadOptions, error) {
	format, err := graph.ParseFormat(f.format)
	if err != nil {
		return graph.LoadOptions{}, usagef("--input-format: %v", err)
	}
	if f.directed && f.undirected {
		return graph.LoadOptions{}, usagef("--directed and --undirected contradict each other")
	}
	return graph.LoadOptions{
		Options:       graph.Options{Undirected: f.undirected, Reverse: f.reverse},
		Directed:      f.directed,
		Format:        format,
		Source:        f.source,
		Target:        f.target,
		Weight:        f.weight,
		Header:        f.header,
		Label:         f.label,
		IgnoreWeights: f.ignoreWeights,
		Encoding:      f.encoding,
	}, nil
}

// graphFlags choose the graph a simulation runs on: a file, or the built-in
// community graph.
type graphFlags struct {
	path string
	loadFlags
}

func (f *graphFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.path, "graph", "", "graph `file` (edge list, CSV/TSV, GraphML, GEXF, .rgraph; .gz ok); default: a built-in 50,000-person community graph")
	f.loadFlags.AddFlags(fs)
}

// sourceGraph is a graph with what the user should be told about where it
// came from.
type sourceGraph struct {
	g    *graph.CSR
	name string // the file, or a description of the built-in graph
	// communities is each node's community when known (the built-in graph
	// plants them), so community:K seeds need no detection.
	communities []int
	// read says how the file was read; nil for the built-in graph.
	read *readJSON
}

// load loads the graph and prints to stderr, in lang, what the loader
// decided on its own that the user should know (a decoded encoding,
// columns taken by position).
func (f *graphFlags) load(stderr io.Writer, lang results.Lang) (*sourceGraph, error) {
	if f.path == "" {
		demo := scenarios.Default()
		g, member, err := demo.BuildGraph()
		if err != nil {
			return nil, fmt.Errorf("built-in graph: %w", err)
		}
		name := fmt.Sprintf("built-in graph of %d communities", demo.Graph.Communities)
		return &sourceGraph{g: g, name: name, communities: member}, nil
	}
	o, err := f.options()
	if err != nil {
		return nil, err
	}
	var info graph.LoadInfo
	o.Info = &info
	g, err := graph.LoadFile(f.path, o)
	if err != nil {
		return nil, err
	}
	graphTextsFor(lang).loadNotes(stderr, f.path, &info)
	read := newReadJSON(&info, f.reverse)
	return &sourceGraph{g: g, name: f.path, read: &read}, nil
}
