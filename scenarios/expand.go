package scenarios

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
	"go.yaml.in/yaml/v3"
)

// Setting is one swept parameter's value at a run point.
type Setting struct {
	Param string
	Value string
}

// Point is one run point of a sweep: the scenario with every swept
// parameter set. Its ID is derived from its own parameters only (the hash of
// its resolved scenario, master seed and presentation aside), and its Seed
// from (master seed, ID), so editing or reordering a file never changes a
// point that was not edited. All plans of a point run on its seed, so they
// meet the same random worlds (common random numbers).
type Point struct {
	// ID is 16 hex digits of the SHA-256 of the point's canonical form
	// (its resolved scenario as JSON). A new schema field must be omitted
	// when unset, or every id changes; ExampleScenario_Expand pins them.
	ID string
	// Seed is the point's master seed: sim.TrialKey(scenario seed, ID).
	Seed uint64
	// Index is the point's place in the expansion (declared order); it is
	// for display only and changes when the file is reordered.
	Index int
	// Settings are the swept parameters in axis order.
	Settings []Setting
	// Scenario is the point's full scenario, without sweep.
	Scenario *Scenario
}

// Label returns the point's settings as "param=value, …", or "base" when
// nothing is swept.
func (p *Point) Label() string {
	if len(p.Settings) == 0 {
		return "base"
	}
	parts := make([]string, len(p.Settings))
	for i, s := range p.Settings {
		parts[i] = s.Param + "=" + s.Value
	}
	return strings.Join(parts, ", ")
}

// sweptParams are the top-level keys an axis may set.
var sweptParams = []string{"graph", "model", "behaviours", "channels", "plans", "rivals", "threshold", "trials", "precision", "seed"}

// axisValues returns one axis's values as nodes, or its problems.
func (s *Scenario) axisValues(a Axis, field string) ([]*yaml.Node, Problems) {
	bad := func(err error) ([]*yaml.Node, Problems) {
		return nil, Problems{{File: s.file, Line: a.line, Field: field, Value: a.Param, Err: err}}
	}
	if a.Param == "" {
		return bad(fmt.Errorf("%w: an axis needs a param (or a zip of axes)", ErrRequired))
	}
	path := strings.Split(a.Param, ".")
	if !slices.Contains(sweptParams, path[0]) {
		return bad(fmt.Errorf("%w: %q cannot be swept (want one of %s)", ErrBadValue, path[0], strings.Join(sweptParams, ", ")))
	}
	if path[0] == "plans" && (len(path) < 2 || lookup(s.root, path[:2]) == nil) {
		return bad(fmt.Errorf("%w: no plan %q (address plans by name or index: plans.kol.strength)", ErrBadValue, strings.Join(path[1:min(2, len(path))], "")))
	}
	hasRange := a.From != nil || a.To != nil || a.Steps != 0
	switch {
	case len(a.Values) > 0 && hasRange:
		return bad(fmt.Errorf("%w: give values or from/to/steps, not both", ErrBadValue))
	case len(a.Values) > 0:
		out := make([]*yaml.Node, len(a.Values))
		var ps Problems
		for i := range a.Values {
			out[i] = &a.Values[i]
			if err := s.fits(path, out[i]); err != nil {
				line := out[i].Line
				if line == 0 {
					line = a.line
				}
				ps = append(ps, &FieldError{File: s.file, Line: line, Field: a.Param, Value: nodeText(out[i]), Err: err})
			}
		}
		return out, ps
	case !hasRange:
		return bad(fmt.Errorf("%w: give values or from/to/steps", ErrRequired))
	case a.From == nil || a.To == nil || a.Steps < 2 || a.Steps > MaxPoints:
		return bad(fmt.Errorf("%w: a range needs from, to and 2 ≤ steps ≤ %d", ErrBadValue, MaxPoints))
	case math.IsNaN(*a.From) || math.IsInf(*a.From, 0) || math.IsNaN(*a.To) || math.IsInf(*a.To, 0):
		return bad(fmt.Errorf("%w: from and to must be finite", ErrBadValue))
	}
	probe := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: "0"}
	if err := s.fits(path, probe); err != nil {
		return bad(err)
	}
	out := make([]*yaml.Node, a.Steps)
	for i := range out {
		x := *a.From + (*a.To-*a.From)*float64(i)/float64(a.Steps-1)
		if i == a.Steps-1 {
			x = *a.To
		}
		out[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(x, 'g', 12, 64), Line: a.line}
	}
	return out, nil
}

// fits reports whether the base scenario with v at path still decodes
// strictly: the path names a key of the schema and v has its type.
func (s *Scenario) fits(path []string, v *yaml.Node) error {
	root := clone(s.root)
	deleteKey(root, "sweep")
	if err := setPath(root, path, clone(v)); err != nil {
		return err
	}
	data, err := yaml.Marshal(root)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadValue, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(DefaultScenario()); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return fmt.Errorf("%w: %v", ErrBadValue, err)
		}
		for i, e := range te.Errors {
			if m := lineRE.FindStringSubmatch(e); m != nil {
				e = m[2]
			}
			if u := unknownRE.FindStringSubmatch(e); u != nil {
				return fmt.Errorf("%w %q: %s is not a parameter (allowed there: %s)", ErrUnknownField, u[1], strings.Join(path, "."), strings.Join(knownKeys(u[2]), ", "))
			}
			te.Errors[i] = e
		}
		return fmt.Errorf("%w: %s", ErrBadValue, strings.Join(te.Errors, "; "))
	}
	return nil
}

// assignment is one set of values that one axis (or zip) contributes.
type assignment []struct {
	param string
	node  *yaml.Node
}

// axisAssignments returns each axis's assignments in order, or problems.
func (s *Scenario) axisAssignments() ([][]assignment, Problems) {
	var all [][]assignment
	var ps Problems
	for i, a := range s.Sweep {
		field := fmt.Sprintf("sweep.%d", i)
		if len(a.Zip) == 0 {
			vals, more := s.axisValues(a, field)
			ps = append(ps, more...)
			var as []assignment
			for _, v := range vals {
				as = append(as, assignment{{a.Param, v}})
			}
			all = append(all, as)
			continue
		}
		if a.Param != "" || len(a.Values) > 0 || a.From != nil || a.To != nil || a.Steps != 0 {
			ps = append(ps, &FieldError{File: s.file, Line: a.line, Field: field, Err: fmt.Errorf("%w: a zip holds axes; give param and values inside it", ErrBadValue)})
			continue
		}
		var cols [][]*yaml.Node
		for j, z := range a.Zip {
			vals, more := s.axisValues(z, fmt.Sprintf("%s.zip.%d", field, j))
			ps = append(ps, more...)
			if len(cols) > 0 && len(vals) != len(cols[0]) && more == nil {
				ps = append(ps, &FieldError{File: s.file, Line: z.line, Field: fmt.Sprintf("%s.zip.%d", field, j), Value: z.Param,
					Err: fmt.Errorf("%w: %d values where the zip's first axis has %d (zipped axes move together)", ErrBadValue, len(vals), len(cols[0]))})
			}
			cols = append(cols, vals)
		}
		if len(ps) > 0 {
			continue
		}
		var as []assignment
		for k := range cols[0] {
			var asg assignment
			for j, z := range a.Zip {
				asg = append(asg, struct {
					param string
					node  *yaml.Node
				}{z.Param, cols[j][k]})
			}
			as = append(as, asg)
		}
		all = append(all, as)
	}
	return all, ps
}

// checkSweep returns the problems of the sweep axes themselves.
func (s *Scenario) checkSweep() Problems {
	all, ps := s.axisAssignments()
	total := 1
	for _, as := range all {
		total *= max(len(as), 1)
		if total > MaxPoints {
			return append(ps, &FieldError{File: s.file, Field: "sweep", Err: fmt.Errorf("%w: the sweep has more than %d points", ErrTooLarge, MaxPoints)})
		}
	}
	return ps
}

// Expand returns the run points of the sweep: the cartesian product of the
// axes in declared order (the first axis varies slowest; a zip contributes
// its rows), each point validated. A point's problems are reported at the
// lines of the values that made it. Two identical points are an error.
func (s *Scenario) Expand() ([]*Point, error) {
	all, ps := s.axisAssignments()
	if len(ps) > 0 {
		return nil, ps
	}
	total := 1
	for _, as := range all {
		total *= len(as)
		if total > MaxPoints {
			return nil, Problems{{File: s.file, Field: "sweep", Err: fmt.Errorf("%w: the sweep has more than %d points", ErrTooLarge, MaxPoints)}}
		}
	}
	var points []*Point
	seen := map[string]int{}
	idx := make([]int, len(all))
	for n := range total {
		root := clone(s.root)
		deleteKey(root, "sweep")
		var settings []Setting
		for i, as := range all {
			for _, a := range as[idx[i]] {
				if err := setPath(root, strings.Split(a.param, "."), clone(a.node)); err != nil {
					ps = append(ps, &FieldError{File: s.file, Line: a.node.Line, Field: a.param, Err: err})
				}
				settings = append(settings, Setting{a.param, nodeText(a.node)})
			}
		}
		pt, more := s.point(root)
		ps = append(ps, more...)
		if pt != nil {
			id, seed := identity(pt, s.Seed)
			if first, dup := seen[id]; dup {
				ps = append(ps, &FieldError{File: s.file, Line: s.Sweep[0].line, Field: "sweep",
					Err: fmt.Errorf("%w: points %d and %d are the same run (%s)", ErrBadValue, first+1, n+1, (&Point{Settings: settings}).Label())})
			}
			seen[id] = n
			points = append(points, &Point{ID: id, Seed: seed, Index: n, Settings: settings, Scenario: pt})
		}
		for i := len(idx) - 1; i >= 0; i-- { // the last axis varies fastest
			if idx[i]++; idx[i] < len(all[i]) {
				break
			}
			idx[i] = 0
		}
	}
	if len(ps) > 0 {
		return nil, dedupe(ps)
	}
	return points, nil
}

// point decodes one point's document and checks it. Every swept value was
// checked alone against the schema (fits), so the document decodes without
// the strict round trip through text.
func (s *Scenario) point(root *yaml.Node) (*Scenario, Problems) {
	pt := DefaultScenario()
	if err := root.Decode(pt); err != nil {
		line := 0
		if len(s.Sweep) > 0 {
			line = s.Sweep[0].line
		}
		return nil, Problems{{File: s.file, Line: line, Field: "sweep", Err: fmt.Errorf("%w: a swept value does not fit the schema: %v", ErrBadValue, err)}}
	}
	pt.file = s.file
	return pt, pt.check(root) // the tree is dropped: a point keeps only its values
}

// identity returns a point's id and seed: the SHA-256 of its canonical
// JSON form (plans in name order, the model's strength and parameters
// resolved to their defaults; the master seed, names, outputs and sweep
// left out) and sim.TrialKey(master, first 8 bytes of it).
func identity(pt *Scenario, master uint64) (string, uint64) {
	c := *pt
	c.Plans = slices.Clone(pt.Plans)
	slices.SortStableFunc(c.Plans, func(a, b Plan) int { return cmp.Compare(planName(a), planName(b)) })
	if spec, err := sim.LookupModel(c.Model.Name); err == nil {
		if c.Model.Strength == nil {
			st := spec.DefaultStrength
			c.Model.Strength = &st
		}
		if p, err := spec.Complete(c.Model.Params); err == nil {
			c.Model.Params = p
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic("scenarios: a checked scenario does not marshal: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8]), sim.TrialKey(master, binary.BigEndian.Uint64(sum[:8]))
}

// clone deep-copies a node tree.
func clone(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = clone(k)
	}
	return &c
}

// deleteKey removes key from a mapping node.
func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

// setPath sets the value at path, creating missing mapping keys; sequence
// elements are found by name or index and never created.
func setPath(n *yaml.Node, path []string, v *yaml.Node) error {
	for i, seg := range path {
		last := i == len(path)-1
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == seg {
					if last {
						n.Content[j+1] = v
						return nil
					}
					next = n.Content[j+1]
				}
			}
			if next == nil {
				next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
				if last {
					next = v
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: seg}, next)
				if last {
					return nil
				}
			}
			n = next
		case yaml.SequenceNode:
			found := -1
			for j, c := range n.Content {
				if elemName(c, j) == seg || strconv.Itoa(j) == seg {
					found = j
					break
				}
			}
			if found < 0 {
				return fmt.Errorf("%w: no element %q", ErrBadValue, seg)
			}
			if last {
				n.Content[found] = v
				return nil
			}
			n = n.Content[found]
		default:
			return fmt.Errorf("%w: %q is a value, not a section", ErrBadValue, strings.Join(path[:i], "."))
		}
	}
	return nil
}

// nodeText returns a value as a point's label shows it: a scalar as
// written, anything else as flow YAML.
func nodeText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	c := clone(n)
	var set func(*yaml.Node)
	set = func(x *yaml.Node) {
		x.Style = yaml.FlowStyle
		for _, k := range x.Content {
			set(k)
		}
	}
	set(c)
	b, err := yaml.Marshal(c)
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

// Setup is a run point turned into the sim values that run it.
type Setup struct {
	// Graph says which graph to run on (build it with Graph.Build, once per
	// distinct Graph.Key across points).
	Graph Graph
	// Plans are the plans in file order, Models the model each plays on and
	// Strengths its strength (a plan with its own strength has a model of
	// its own).
	Plans     []sim.Plan
	Models    []sim.Model
	Strengths []float64
	// Behaviours are built on the graph with BehaviourSpec.Build; a zombie
	// label file is resolved against the scenario file's folder.
	Behaviours sim.BehaviourSpec
	// Config runs every plan of the point on the point's seed.
	Config sim.Config
	// Rivals are the competing contents that race every plan (none: plans
	// run alone).
	Rivals []RivalSetup
}

// RivalSetup is a rival content before it is bound to a graph: its plan,
// and its content with Seeds unset (the bound plan goes there) and
// Strength set only when HasStrength (else the model's).
type RivalSetup struct {
	Plan        sim.Plan
	Content     sim.Content
	HasStrength bool
}

// Setup returns the sim values of the point. It fails only on what
// Validate would have reported.
func (p *Point) Setup() (*Setup, error) {
	s := p.Scenario
	spec, err := sim.LookupModel(s.Model.Name)
	if err != nil {
		return nil, err
	}
	st := spec.DefaultStrength
	if s.Model.Strength != nil {
		st = *s.Model.Strength
	}
	m, err := spec.Build(st, s.Model.Params)
	if err != nil {
		return nil, err
	}
	zombies := s.Behaviours.Zombies
	if path, ok := strings.CutPrefix(zombies, "@"); ok && !filepath.IsAbs(path) && s.file != "" {
		zombies = "@" + filepath.Join(filepath.Dir(s.file), path) // relative to the scenario file
	}
	out := &Setup{
		Graph:      s.Graph,
		Behaviours: sim.BehaviourSpec{Zombies: zombies, Decay: s.Behaviours.Decay, HalfLife: s.Behaviours.HalfLife},
		Config: sim.Config{
			Seed: p.Seed, Trials: s.Trials, Theta: s.Threshold,
			Record:    sim.RecorderOptions{Generations: 128, Exposures: true},
			Precision: sim.Precision{RelReach: s.Precision},
		},
	}
	if scale := sim.TimeScale(m); scale > 0 {
		out.Config.Record.Bins, out.Config.Record.BinWidth = 160, scale/4
	}
	for i := range s.Plans {
		ps, errs := s.plan(i)
		if len(errs) > 0 {
			return nil, fmt.Errorf("scenarios: plan %d: %v", i+1, errs[0].err)
		}
		pm, pst := m, st
		if ps.HasStrength {
			pst = ps.Strength
			if pm, err = spec.Build(ps.Strength, s.Model.Params); err != nil {
				return nil, err
			}
		}
		out.Plans, out.Models, out.Strengths = append(out.Plans, ps.Plan), append(out.Models, pm), append(out.Strengths, pst)
	}
	for i := range s.Rivals {
		rs, errs := s.rival(i)
		if len(errs) > 0 {
			return nil, fmt.Errorf("scenarios: rival %d: %v", i+1, errs[0].err)
		}
		if !rs.HasStrength {
			rs.Content.Strength = st
		}
		out.Rivals = append(out.Rivals, rs)
	}
	return out, nil
}

// race binds plan i of the setup and every rival to g and returns the
// competing model: ours (plan i, named after it) first, then the rivals,
// all with behaviours b.
func (su *Setup) race(i int, g *graph.CSR, b sim.Behaviours, communities []int) (*sim.CompeteKernel, error) {
	ic, ok := su.Models[i].(sim.IC)
	if !ok {
		return nil, fmt.Errorf("scenarios: rivals need model ic, not %s", su.Models[i].Name())
	}
	pl := su.Plans[i]
	pl.Communities = communities
	ours, err := pl.Bind(g)
	if err != nil {
		return nil, err
	}
	contents := []sim.Content{{Name: pl.Name, Seeds: ours, Strength: su.Strengths[i], Behaviours: b}}
	for _, r := range su.Rivals {
		rp := r.Plan
		rp.Communities = communities
		bp, err := rp.Bind(g)
		if err != nil {
			return nil, fmt.Errorf("rival %s: %w", r.Content.Name, err)
		}
		c := r.Content
		c.Seeds, c.Behaviours = bp, b
		contents = append(contents, c)
	}
	return sim.Compete{IC: ic, Contents: contents}.Bind(g)
}

// Key identifies the graph: points with equal keys share one graph.
func (g Graph) Key() string {
	b, _ := json.Marshal(g)
	return string(b)
}

// Build returns the graph and, when known, each node's community: the
// built-in graph, a generated one (drawn from Seed), or File loaded from dir
// (the scenario file's folder) with its load options.
func (g Graph) Build(dir string) (*graph.CSR, []int, error) {
	switch {
	case g.File != "":
		format, err := graph.ParseFormat(orAuto(g.Format))
		if err != nil {
			return nil, nil, err
		}
		path := g.File
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		csr, err := graph.LoadFile(path, graph.LoadOptions{
			Options: graph.Options{Undirected: g.Undirected, Reverse: g.Reverse}, Directed: g.Directed, Format: format,
			Source: g.SourceCol, Target: g.TargetCol, Weight: g.WeightCol, Header: g.Header, Label: g.LabelAttr, IgnoreWeights: g.IgnoreWeights,
		})
		return csr, nil, err
	case g.Generator != "":
		gen, err := graph.LookupGenerator(g.Generator)
		if err != nil {
			return nil, nil, err
		}
		params := gen.Defaults()
		for k, v := range g.Params {
			params[k] = v
		}
		csr, err := gen.Generate(params, rand.New(rand.NewPCG(g.Seed, 0)))
		return csr, nil, err
	}
	return Default().BuildGraph()
}

// PointResult is what running a point gives: one summary per plan, in file
// order, and the paired results of the plans that shared a model; with
// rivals, each plan's race instead (Summaries are then ours in each race).
type PointResult struct {
	Point     *Point
	Summaries []sim.Summary
	Paired    []*sim.PairedResult
	Races     []*sim.CompeteResult
	// Groups[k] lists, in file order, the plans whose results Paired[k]
	// holds (Paired[k].Plans[n] is plan Groups[k][n]).
	Groups [][]int
}

// RunOptions are how a point runs, beside what the scenario says: none of
// them changes a result.
type RunOptions struct {
	// Communities gives each node's community when known (nil: community:K
	// selectors detect them).
	Communities []int
	// ReadLabels reads @FILE zombie lists (nil: none allowed).
	ReadLabels func(path string) ([]string, error)
	// Workers and Progress are sim.Config's.
	Workers  int
	Progress func(done, total int)
	// First and Trials, when Trials > 0, play only the trials
	// [First, First+Trials) of the point (a block of a sweep unit); the
	// point's precision target is then ignored.
	First  uint64
	Trials int
}

// RunPoint plays every plan of p on g: plans on the same strength run
// paired, all on the point's seed, so every plan meets the same random
// worlds (common random numbers); a plan with a strength of its own runs
// apart on the same seed.
func RunPoint(ctx context.Context, p *Point, g *graph.CSR, o RunOptions) (*PointResult, error) {
	su, err := p.Setup()
	if err != nil {
		return nil, err
	}
	su.Config.Workers, su.Config.Progress = o.Workers, o.Progress
	if o.Trials > 0 {
		su.Config.First, su.Config.Trials, su.Config.Precision = o.First, o.Trials, sim.Precision{}
	}
	b, err := su.Behaviours.Build(g, p.Seed, o.ReadLabels)
	if err != nil {
		return nil, err
	}
	res := &PointResult{Point: p, Summaries: make([]sim.Summary, len(su.Plans))}
	if len(su.Rivals) > 0 {
		// Every plan races the rivals on the point's seed: the rivals draw
		// from their own keys, so every plan meets the same rival worlds.
		for i := range su.Plans {
			k, err := su.race(i, g, b, o.Communities)
			if err != nil {
				return nil, fmt.Errorf("scenarios: point %s: %w", p.ID, err)
			}
			cr, err := sim.RunCompete(ctx, k, su.Config)
			if err != nil {
				return nil, fmt.Errorf("scenarios: point %s: %w", p.ID, err)
			}
			res.Summaries[i] = cr.Contents[0].Summary
			res.Races = append(res.Races, cr)
		}
		return res, nil
	}
	done := make([]bool, len(su.Plans))
	for i := range su.Plans {
		if done[i] {
			continue
		}
		var idx []int
		var seeders []sim.Seeder
		for j := i; j < len(su.Plans); j++ {
			if !done[j] && su.Strengths[j] == su.Strengths[i] {
				pl := su.Plans[j]
				pl.Communities = o.Communities
				bp, err := pl.Bind(g)
				if err != nil {
					return nil, fmt.Errorf("scenarios: point %s: %w", p.ID, err)
				}
				idx, seeders, done[j] = append(idx, j), append(seeders, bp), true
			}
		}
		k, err := su.Models[i].Bind(g, b)
		if err != nil {
			return nil, fmt.Errorf("scenarios: point %s: %w", p.ID, err)
		}
		pr, err := sim.RunPaired(ctx, k, seeders, su.Config)
		if err != nil {
			return nil, fmt.Errorf("scenarios: point %s: %w", p.ID, err)
		}
		for n, j := range idx {
			res.Summaries[j] = pr.Plans[n].Summary
		}
		res.Paired, res.Groups = append(res.Paired, pr), append(res.Groups, idx)
	}
	return res, nil
}

// Preflight binds every point's model, behaviours and plans to its graph
// without playing a trial, so that what only the graph can tell (an unknown
// label, more seeds than people, a zombie file) fails before the first
// trial of a sweep. graphFor returns the graph of a spec (the caller builds
// each distinct Graph.Key once). It reports every failing point, as
// Problems naming the point's settings.
func Preflight(points []*Point, graphFor func(Graph) (*graph.CSR, []int, error), readLabels func(string) ([]string, error)) error {
	var ps Problems
	for _, p := range points {
		fail := func(field string, err error) {
			ps = append(ps, &FieldError{File: p.Scenario.file, Field: field, Value: p.Label(), Err: fmt.Errorf("%w: %v", ErrBadValue, err)})
		}
		su, err := p.Setup()
		if err != nil {
			fail("model", err)
			continue
		}
		g, member, err := graphFor(su.Graph)
		if err != nil {
			fail("graph", err)
			continue
		}
		b, err := su.Behaviours.Build(g, p.Seed, readLabels)
		if err != nil {
			fail("behaviours", err)
			continue
		}
		for i, m := range su.Models {
			if _, err := m.Bind(g, b); err != nil {
				fail("model", err)
				break
			}
			pl := su.Plans[i]
			pl.Communities = member
			if _, err := pl.Bind(g); err != nil {
				fail("plans."+p.Scenario.planKey(i), err)
			} else if len(su.Rivals) > 0 {
				if _, err := su.race(i, g, b, member); err != nil {
					fail("rivals", err)
				}
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return dedupe(ps)
}
