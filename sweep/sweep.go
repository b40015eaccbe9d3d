package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/scenarios"
)

// DefaultBlock is the number of trials in a unit of work when
// Options.Block is 0: a point of up to DefaultBlock trials is one unit.
const DefaultBlock = 10000

// Schema is the version of the shard and checkpoint format.
const Schema = 1

// Part is one of Of disjoint parts of a sweep's units (1 ≤ Index ≤ Of).
type Part struct {
	Index int `json:"index"`
	Of    int `json:"of"`
}

// ParsePart reads "i/n" (1 ≤ i ≤ n).
func ParsePart(s string) (Part, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n || n > 1_000_000 {
		return Part{}, fmt.Errorf("sweep: bad shard %q (want i/n with 1 ≤ i ≤ n)", s)
	}
	return Part{Index: i, Of: n}, nil
}

// String returns "i/n".
func (p Part) String() string { return fmt.Sprintf("%d/%d", p.Index, p.Of) }

// PointInfo is what a shard records of a point: enough to name it and to
// write its results without the scenario file.
type PointInfo struct {
	ID       string              `json:"id"`
	Index    int                 `json:"index"`
	Seed     uint64              `json:"seed"`
	Label    string              `json:"label"`
	Settings []scenarios.Setting `json:"settings"`
	Plans    []string            `json:"plans"`
	Trials   int                 `json:"trials"`
	// Blocks is the number of units of the point.
	Blocks int `json:"blocks"`
	// Graph is the key of the point's graph in Header.Graphs; GraphName
	// names it for people (file, generator or built-in) and Nodes is its
	// size; Model names the point's model and strength.
	Graph     string `json:"graph"`
	GraphName string `json:"graph_name"`
	Nodes     int    `json:"nodes"`
	Model     string `json:"model"`
}

// Header says what a sweep is: what a shard and a checkpoint folder record
// so that only parts of the same sweep resume or merge.
type Header struct {
	Schema  int    `json:"schema"`
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// Scenario is the SHA-256 of the scenario file's bytes (comments
	// included); Sweep the SHA-256 of what is run (the points, their seeds
	// and trials, and the block size): two files that differ only in
	// comments or order give the same Sweep.
	Scenario string `json:"scenario_sha256"`
	Sweep    string `json:"sweep_sha256"`
	Seed     uint64 `json:"seed"`
	Block    int    `json:"block"`
	// Graphs maps each graph's key to the checksum of the compiled graph.
	Graphs map[string]string `json:"graphs"`
	Params []string          `json:"params"`
	// Lang is the scenario file's output language (output.lang).
	Lang   string      `json:"lang"`
	Points []PointInfo `json:"points"`
}

// Unit is a unit of work: the trials [First, First+Trials) of point
// Points[Point].
type Unit struct {
	Point  int    `json:"point"`
	Block  int    `json:"block"`
	First  uint64 `json:"first"`
	Trials int    `json:"trials"`
}

// Sweep is a scenario file made ready to run: validated, expanded,
// every point bound to its graph.
type Sweep struct {
	Scenario *scenarios.Scenario
	Points   []*scenarios.Point
	Header   Header
	graphs   *graphCache
}

type builtGraph struct {
	csr    *graph.CSR
	member []int
	err    error
	once   sync.Once
}

// graphCache builds each distinct graph once.
type graphCache struct {
	dir string
	mu  sync.Mutex
	m   map[string]*builtGraph
}

func (c *graphCache) get(g scenarios.Graph) (*graph.CSR, []int, error) {
	c.mu.Lock()
	b := c.m[g.Key()]
	if b == nil {
		b = &builtGraph{}
		c.m[g.Key()] = b
	}
	c.mu.Unlock()
	b.once.Do(func() { b.csr, b.member, b.err = g.Build(c.dir) })
	return b.csr, b.member, b.err
}

// Load reads, validates, expands and preflights the scenario file at path
// (see Prepare).
func Load(path string, block int) (*Sweep, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	return Prepare(b, path, block)
}

// Prepare turns the scenario file src (read from path, which relative
// graph and label files are resolved against) into a Sweep with units of
// block trials (0 means DefaultBlock). Every problem of the file and of
// every point is reported at once (scenarios.Problems) before any trial;
// each distinct graph is built once here and reused by Run.
func Prepare(src []byte, path string, block int) (*Sweep, error) {
	if block <= 0 {
		block = DefaultBlock
	}
	s, err := scenarios.Parse(bytes.NewReader(src), path)
	if err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	points, err := s.Expand()
	if err != nil {
		return nil, err
	}
	c := &graphCache{dir: filepath.Dir(path), m: map[string]*builtGraph{}}
	if err := scenarios.Preflight(points, c.get, readLabels); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	version, _ := results.BuildVersion()
	h := Header{Schema: Schema, Tool: "ripple", Version: version, Scenario: hex.EncodeToString(sum[:]),
		Seed: s.Seed, Block: block, Graphs: map[string]string{}, Lang: s.Output.Lang}
	for _, a := range s.Sweep {
		if a.Param != "" {
			h.Params = append(h.Params, a.Param)
		}
		for _, z := range a.Zip {
			h.Params = append(h.Params, z.Param)
		}
	}
	for _, p := range points {
		su, err := p.Setup()
		if err != nil {
			return nil, fmt.Errorf("sweep: point %s: %w", p.Label(), err)
		}
		g, _, err := c.get(su.Graph)
		if err != nil {
			return nil, fmt.Errorf("sweep: point %s: graph: %w", p.Label(), err)
		}
		key := su.Graph.Key()
		h.Graphs[key] = g.Checksum()
		info := PointInfo{ID: p.ID, Index: p.Index, Seed: p.Seed, Label: p.Label(), Settings: p.Settings,
			Trials: su.Config.Trials, Blocks: 1, Graph: key, GraphName: graphName(su.Graph), Nodes: g.N(),
			Model: fmt.Sprintf("%s, s = %g", p.Scenario.Model.Name, su.Strengths[0])}
		if pr := su.Config.Precision; pr.RelReach <= 0 && pr.AbsCascade <= 0 {
			info.Blocks = (su.Config.Trials + block - 1) / block
		}
		for _, pl := range su.Plans {
			info.Plans = append(info.Plans, pl.Name)
		}
		h.Points = append(h.Points, info)
	}
	h.Sweep = sweepHash(h)
	return &Sweep{Scenario: s, Points: points, Header: h, graphs: c}, nil
}

// graphName names a graph for a figure's caption.
func graphName(g scenarios.Graph) string {
	switch {
	case g.File != "":
		return filepath.Base(g.File)
	case g.Generator != "":
		return g.Generator
	}
	return "built-in"
}

// readLabels reads a zombie label file: one label per line.
func readLabels(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}

// sweepHash digests what is run: every point's id, seed, trials and
// blocks, its graph's checksum, and the block size.
func sweepHash(h Header) string {
	type pt struct {
		ID     string `json:"id"`
		Seed   uint64 `json:"seed"`
		Trials int    `json:"trials"`
		Blocks int    `json:"blocks"`
		Graph  string `json:"graph"`
	}
	ps := make([]pt, len(h.Points))
	for i, p := range h.Points {
		ps[i] = pt{p.ID, p.Seed, p.Trials, p.Blocks, h.Graphs[p.Graph]}
	}
	b, err := json.Marshal(struct {
		Block  int  `json:"block"`
		Points []pt `json:"points"`
	}{h.Block, ps})
	if err != nil {
		panic("sweep: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Units returns every unit of the sweep, in point order then block order.
func (h *Header) Units() []Unit {
	var us []Unit
	for i, p := range h.Points {
		for b := range p.Blocks {
			first := b * h.Block
			n := min(h.Block, p.Trials-first)
			if p.Blocks == 1 {
				first, n = 0, p.Trials
			}
			us = append(us, Unit{Point: i, Block: b, First: uint64(first), Trials: n})
		}
	}
	return us
}

// PartUnits returns the units of part p: unit k of Units belongs to part
// k mod p.Of + 1, so parts are disjoint, cover every unit, and balance
// points of different sizes.
func (h *Header) PartUnits(p Part) []Unit {
	var out []Unit
	for k, u := range h.Units() {
		if k%p.Of == p.Index-1 {
			out = append(out, u)
		}
	}
	return out
}

// ErrForeign is returned when shards or checkpoints belong to another sweep.
var ErrForeign = errors.New("belongs to another sweep")
