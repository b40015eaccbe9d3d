package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
	"go.yaml.in/yaml/v3"
)

// Formats are the output formats a scenario may ask for.
var Formats = []string{"text", "json", "csv", "png", "svg", "pdf"}

// Validate reports every problem of the scenario and of every run point of
// its sweep at once, as Problems (each a *FieldError with file, line and
// field), or nil. Nothing about the graph is checked that needs the graph
// itself (labels, K against the number of people): that fails when a point
// is set up, before its first trial.
func (s *Scenario) Validate() error {
	ps := s.check(s.root)
	sweep := s.checkSweep()
	ps = append(ps, sweep...)
	if len(sweep) == 0 {
		if _, err := s.Expand(); err != nil {
			var more Problems
			if errors.As(err, &more) {
				ps = append(ps, more...)
			} else {
				ps = append(ps, &FieldError{File: s.file, Field: "sweep", Err: err})
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	slices.SortStableFunc(ps, func(a, b *FieldError) int { return a.Line - b.Line })
	return dedupe(ps)
}

// dedupe drops problems repeated word for word (a base value that every
// point shares is reported once).
func dedupe(ps Problems) Problems {
	seen := map[string]bool{}
	var out Problems
	for _, p := range ps {
		if k := p.Error(); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// check returns the problems of one scenario (a file's base values or one
// run point), with lines looked up in root.
func (s *Scenario) check(root *yaml.Node) Problems {
	var ps Problems
	add := func(field string, value any, err error) {
		ps = append(ps, &FieldError{File: s.file, Line: lineOf(root, field), Field: field, Value: value, Err: err})
	}
	rangeErr := func(want string) error { return fmt.Errorf("%w: want %s", ErrOutOfRange, want) }

	// Graph.
	g := s.Graph
	switch {
	case g.File != "" && g.Generator != "":
		add("graph", "", fmt.Errorf("%w: give a file or a generator, not both", ErrBadValue))
	case g.Generator != "":
		if gen, err := graph.LookupGenerator(g.Generator); err != nil {
			add("graph.generator", g.Generator, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(err.Error(), "graph: ")))
		} else {
			for _, k := range slices.Sorted(maps.Keys(g.Params)) {
				p, ok := findParam(gen, k)
				v := g.Params[k]
				switch {
				case !ok:
					var names []string
					for _, q := range gen.Params {
						names = append(names, q.Name)
					}
					add("graph.params."+k, v, fmt.Errorf("%w %q of %s (its parameters: %s)", ErrUnknownField, k, gen.Name, strings.Join(names, ", ")))
				case math.IsNaN(v) || math.IsInf(v, 0) || p.Integer && v != math.Trunc(v):
					add("graph.params."+k, v, fmt.Errorf("%w: want a finite %s", ErrBadValue, map[bool]string{true: "whole number", false: "number"}[p.Integer]))
				}
			}
		}
	default:
		if len(g.Params) > 0 {
			add("graph.params", "", fmt.Errorf("%w: params need a generator", ErrBadValue))
		}
	}
	if g.File == "" && (g.Undirected || g.Reverse || g.Directed || g.Header || g.IgnoreWeights || g.Format != "" ||
		g.SourceCol != "" || g.TargetCol != "" || g.WeightCol != "" || g.LabelAttr != "") {
		add("graph", "", fmt.Errorf("%w: load options need a file", ErrBadValue))
	}
	if g.File != "" {
		if _, err := graph.ParseFormat(orAuto(g.Format)); err != nil {
			add("graph.format", g.Format, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(err.Error(), "graph: ")))
		}
		if g.Directed && g.Undirected {
			add("graph.directed", true, fmt.Errorf("%w: directed and undirected contradict each other", ErrBadValue))
		}
	}

	// Model.
	spec, err := sim.LookupModel(s.Model.Name)
	if err != nil {
		add("model.name", s.Model.Name, fmt.Errorf("%w: want %s", ErrBadValue, strings.Join(sim.ModelNames(), ", ")))
	} else {
		st := spec.DefaultStrength
		if s.Model.Strength != nil {
			st = *s.Model.Strength
			if !spec.Strength.Contains(st) {
				add("model.strength", st, rangeErr(strings.Replace(spec.Strength.String(), "x", "s", 1)+" for "+spec.Name))
			}
		}
		for _, k := range slices.Sorted(maps.Keys(s.Model.Params)) {
			if _, ok := spec.Param(k); !ok {
				var names []string
				for _, p := range spec.Params {
					names = append(names, p.Name)
				}
				add("model.params."+k, s.Model.Params[k], fmt.Errorf("%w %q of %s (its parameters: %s)", ErrUnknownField, k, spec.Name, orNone(names)))
			}
		}
		if _, err := spec.Build(st, s.Model.Params); err != nil {
			var pe *sim.ParamError
			if errors.As(err, &pe) {
				add("model.params."+pe.Param, pe.Value, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(pe.Err.Error(), "sim: ")))
			}
		}
	}

	// Behaviours.
	b := s.Behaviours
	if z := b.Zombies; z != "" && !strings.HasPrefix(z, "@") {
		if f, err := strconv.ParseFloat(z, 64); err != nil || !(f >= 0 && f < 1) {
			add("behaviours.zombies", z, rangeErr("a fraction 0 ≤ z < 1, or @FILE of labels"))
		}
	}
	if !(b.Decay >= 0 && b.Decay <= 1) {
		add("behaviours.decay", b.Decay, rangeErr("0 ≤ d ≤ 1 (0: no decay)"))
	}
	if !(b.HalfLife >= 0) || math.IsInf(b.HalfLife, 0) {
		add("behaviours.half_life", b.HalfLife, rangeErr("hours ≥ 0 (0: no decay)"))
	}

	// Channels and plans.
	for i, c := range s.Channels {
		for _, p := range checkChannel(c) {
			add(fmt.Sprintf("channels.%s.%s", elemKey(c.Name, i), p.field), p.value, p.err)
		}
	}
	if len(s.Plans) == 0 {
		add("plans", "", fmt.Errorf("%w: name at least one plan", ErrRequired))
	}
	names := map[string]bool{}
	for i, p := range s.Plans {
		_, errs := s.plan(i)
		key := s.planKey(i)
		for _, e := range errs {
			add("plans."+key+e.field, e.value, e.err)
		}
		if n := planName(p); n != "" {
			if names[n] {
				add("plans."+key+".name", n, fmt.Errorf("%w: two plans are named %q", ErrBadValue, n))
			}
			names[n] = true
		}
	}

	// Rivals.
	for i, r := range s.Rivals {
		key := "rivals." + elemKey(r.Name, i)
		_, errs := s.rival(i)
		for _, e := range errs {
			add(key+e.field, e.value, e.err)
		}
		if r.Name != "" && names[r.Name] {
			add(key+".name", r.Name, fmt.Errorf("%w: a plan or another rival is already named %q", ErrBadValue, r.Name))
		}
		names[r.Name] = true
	}
	if len(s.Rivals) > 0 {
		if slices.Contains(sim.ModelNames(), s.Model.Name) && s.Model.Name != "ic" {
			add("rivals", "", fmt.Errorf("%w: competing contents need model ic (not %s)", ErrBadValue, s.Model.Name))
		} else if d := s.Model.Params["delay"]; d != "" && d != "generation" {
			add("model.params.delay", d, fmt.Errorf("%w: competing contents run in generations: use delay generation", ErrBadValue))
		}
		if s.Precision != 0 {
			add("precision", s.Precision, fmt.Errorf("%w: a precision target is not supported with rivals; give trials", ErrBadValue))
		}
	}

	// Engine and outputs.
	if !(s.Threshold > 0 && s.Threshold <= 1) {
		add("threshold", s.Threshold, rangeErr("0 < θ ≤ 1"))
	}
	if s.Trials < 1 {
		add("trials", s.Trials, rangeErr("at least 1"))
	}
	if !(s.Precision >= 0 && s.Precision < 1) {
		add("precision", s.Precision, rangeErr("a fraction in [0, 1)"))
	}
	for i, f := range s.Output.Formats {
		if !slices.Contains(Formats, f) {
			add(fmt.Sprintf("output.formats.%d", i), f, fmt.Errorf("%w: want %s", ErrBadValue, strings.Join(Formats, ", ")))
		}
	}
	switch s.Output.Lang {
	case "", "en", "zh", "中文":
	default:
		add("output.lang", s.Output.Lang, fmt.Errorf("%w: want en or zh", ErrBadValue))
	}
	return ps
}

// fieldProblem is a problem within a plan or channel, relative to it.
type fieldProblem struct {
	field string
	value any
	err   error
}

// checkChannel returns the problems of a channel.
func checkChannel(c Channel) []fieldProblem {
	var out []fieldProblem
	bad := func(f string, v any, want string) {
		out = append(out, fieldProblem{f, v, fmt.Errorf("%w: want %s", ErrOutOfRange, want)})
	}
	if !(c.F > 0 && c.F <= 1) {
		bad("f", c.F, "a reach fraction 0 < f ≤ 1")
	}
	if !(c.Q >= 0 && c.Q <= 1) {
		bad("q", c.Q, "a conversion probability 0 ≤ q ≤ 1")
	}
	if !(c.At >= 0) || math.IsInf(c.At, 0) {
		bad("at", c.At, "a time ≥ 0")
	}
	if !(c.Cost >= 0) || math.IsInf(c.Cost, 0) {
		bad("cost", c.Cost, "a price ≥ 0")
	}
	return out
}

// planName returns a plan's name, from Spec when it has one.
func planName(p Plan) string {
	if p.Spec != "" {
		n, _, _ := strings.Cut(p.Spec, "=")
		return strings.TrimSpace(n)
	}
	return p.Name
}

// planKey names plan i in a field path: its name when no other plan has
// it, else its index.
func (s *Scenario) planKey(i int) string {
	n := planName(s.Plans[i])
	for j, p := range s.Plans {
		if j != i && planName(p) == n {
			return strconv.Itoa(i)
		}
	}
	return elemKey(n, i)
}

// elemKey names a list element in a field path: its name, else its index.
func elemKey(name string, i int) string {
	if name != "" {
		return name
	}
	return strconv.Itoa(i)
}

// plan builds plan i as sim values over the scenario's shared channels,
// with its problems (fields relative to the plan, starting with '.').
func (s *Scenario) plan(i int) (sim.PlanSpec, []fieldProblem) {
	p := s.Plans[i]
	var out []fieldProblem
	base := sim.Plan{}
	for _, c := range s.Channels {
		base.Channels = append(base.Channels, simChannel(c))
	}
	if p.Spec != "" {
		if p.Name != "" || p.Seeds != "" || len(p.Groups) > 0 || len(p.Channels) > 0 || p.CostPerSeed != 0 || p.CostPerFollower != 0 || p.Strength != nil {
			out = append(out, fieldProblem{".spec", p.Spec, fmt.Errorf("%w: a plan is either a spec line or its fields, not both", ErrBadValue)})
		}
		ps, err := sim.ParsePlan(p.Spec, base)
		if err != nil {
			out = append(out, fieldProblem{".spec", p.Spec, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(err.Error(), "sim: "))})
		}
		return ps, out
	}
	if p.Name == "" {
		out = append(out, fieldProblem{".name", "", fmt.Errorf("%w: every plan needs a name", ErrRequired)})
	}
	plan := base
	plan.Name = p.Name
	plan.Channels = slices.Clone(base.Channels)
	plan.Cost = sim.CostModel{PerSeed: p.CostPerSeed, PerFollower: p.CostPerFollower}
	if err := plan.Cost.Validate(); err != nil {
		out = append(out, fieldProblem{".cost_per_seed", fmt.Sprintf("%v/%v", p.CostPerSeed, p.CostPerFollower), fmt.Errorf("%w: %v", ErrOutOfRange, strings.TrimPrefix(err.Error(), "sim: "))})
	}
	if p.Seeds != "" {
		groups, err := sim.ParseGroups(p.Seeds)
		if err != nil {
			out = append(out, fieldProblem{".seeds", p.Seeds, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(err.Error(), "sim: "))})
		}
		plan.Groups = append(plan.Groups, groups...)
	}
	for j, g := range p.Groups {
		sel, err := sim.ParseSeeds(g.Seeds)
		if err != nil {
			out = append(out, fieldProblem{fmt.Sprintf(".groups.%d.seeds", j), g.Seeds, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(err.Error(), "sim: "))})
		}
		if !(g.At >= 0) || math.IsInf(g.At, 0) {
			out = append(out, fieldProblem{fmt.Sprintf(".groups.%d.at", j), g.At, fmt.Errorf("%w: want a time ≥ 0", ErrOutOfRange)})
		}
		if !(g.Cost >= 0) || math.IsInf(g.Cost, 0) {
			out = append(out, fieldProblem{fmt.Sprintf(".groups.%d.cost", j), g.Cost, fmt.Errorf("%w: want a price ≥ 0", ErrOutOfRange)})
		}
		plan.Groups = append(plan.Groups, sim.Group{Seeds: sel, Time: g.At, Cost: g.Cost})
	}
	for j, c := range p.Channels {
		for _, e := range checkChannel(c) {
			out = append(out, fieldProblem{fmt.Sprintf(".channels.%s.%s", elemKey(c.Name, j), e.field), e.value, e.err})
		}
		plan.Channels = append(plan.Channels, simChannel(c))
	}
	if len(plan.Groups) == 0 && len(plan.Channels) == 0 && p.Seeds == "" {
		out = append(out, fieldProblem{".seeds", "", fmt.Errorf("%w: give seeds, groups or a channel", ErrRequired)})
	}
	ps := sim.PlanSpec{Plan: plan}
	if p.Strength != nil {
		if !(*p.Strength >= 0 && *p.Strength <= 1) {
			out = append(out, fieldProblem{".strength", *p.Strength, fmt.Errorf("%w: want 0 ≤ s ≤ 1", ErrOutOfRange)})
		}
		ps.Strength, ps.HasStrength = *p.Strength, true
	}
	return ps, out
}

// rival builds rival i as sim values (its plan, and its content without
// seeds until bound to a graph), with its problems (fields relative to it).
func (s *Scenario) rival(i int) (RivalSetup, []fieldProblem) {
	r := s.Rivals[i]
	var out []fieldProblem
	bad := func(f string, v any, err error) { out = append(out, fieldProblem{f, v, err}) }
	if r.Name == "" {
		bad(".name", "", fmt.Errorf("%w: every rival needs a name", ErrRequired))
	}
	groups, err := sim.ParseGroups(r.Seeds)
	switch {
	case r.Seeds == "":
		bad(".seeds", "", fmt.Errorf("%w: a rival needs seeds", ErrRequired))
	case err != nil:
		bad(".seeds", r.Seeds, fmt.Errorf("%w: %v", ErrBadValue, strings.TrimPrefix(err.Error(), "sim: ")))
	}
	if !(r.Start >= 0) || math.IsInf(r.Start, 0) {
		bad(".start", r.Start, fmt.Errorf("%w: want a generation ≥ 0 (ours starts at 0)", ErrOutOfRange))
	}
	if !(r.Convert >= 0 && r.Convert <= 1) {
		bad(".convert", r.Convert, fmt.Errorf("%w: want a conversion probability 0 ≤ q ≤ 1", ErrOutOfRange))
	}
	rs := RivalSetup{Plan: sim.Plan{Name: r.Name, Groups: groups}, Content: sim.Content{Name: r.Name, Start: r.Start, Convert: r.Convert}}
	if r.Strength != nil {
		if !(*r.Strength >= 0 && *r.Strength <= 1) {
			bad(".strength", *r.Strength, fmt.Errorf("%w: want 0 ≤ s ≤ 1", ErrOutOfRange))
		}
		rs.Content.Strength, rs.HasStrength = *r.Strength, true
	}
	return rs, out
}

// simChannel converts a channel.
func simChannel(c Channel) sim.Channel {
	name := c.Name
	if name == "" {
		name = "broadcast"
	}
	return sim.Channel{Name: name, Time: c.At, Fraction: c.F, Convert: c.Q, Cost: c.Cost}
}

func findParam(g graph.Generator, name string) (graph.Param, bool) {
	for _, p := range g.Params {
		if p.Name == name {
			return p, true
		}
	}
	return graph.Param{}, false
}

func orAuto(s string) string {
	if s == "" {
		return "auto"
	}
	return s
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
