package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ParamKind is the type of a model parameter's value.
type ParamKind int

const (
	// TextParam is a word or a small expression ("trust", "exp:2").
	TextParam ParamKind = iota
	// IntParam is a whole number.
	IntParam
	// NumberParam is a real number.
	NumberParam
)

// Range is an interval of allowed values; an open end excludes its bound,
// and an infinite bound leaves that side unbounded.
type Range struct {
	Min, Max         float64
	MinOpen, MaxOpen bool
}

// Contains reports whether x lies in r (NaN never does).
func (r Range) Contains(x float64) bool {
	lo := x > r.Min || !r.MinOpen && x == r.Min
	hi := x < r.Max || !r.MaxOpen && x == r.Max
	return lo && hi
}

// String writes r for people: "0 ≤ x ≤ 1", "x > 0", "x ≥ 1".
func (r Range) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	lo, hi := "≤", "≤"
	if r.MinOpen {
		lo = "<"
	}
	if r.MaxOpen {
		hi = "<"
	}
	switch {
	case math.IsInf(r.Max, 1):
		return "x " + map[string]string{"≤": "≥", "<": ">"}[lo] + " " + f(r.Min)
	case math.IsInf(r.Min, -1):
		return "x " + hi + " " + f(r.Max)
	}
	return f(r.Min) + " " + lo + " x " + hi + " " + f(r.Max)
}

// Of writes r for the quantity name: "k ≥ 1".
func (r Range) Of(name string) string { return strings.Replace(r.String(), "x", name, 1) }

// ModelParam describes one parameter of a registered model. Values travel as
// text, in the form the CLI's flag and a scenario file write them; the
// model's Build parses and checks them.
type ModelParam struct {
	// Name is the parameter's key in scenario files and in the JSON model
	// block ("infectious_hours"); the CLI flag is the same with '-' for '_'.
	Name string
	// Kind is the value's type (for JSON outputs and sweep axes).
	Kind ParamKind
	// Default is the value used when none is given.
	Default string
	// Choices lists the allowed values of a TextParam that is a plain
	// choice (nil when the value is an expression).
	Choices []string
	// Range bounds an IntParam or NumberParam (Build checks it).
	Range Range
	// Help says what the parameter means and what values it takes.
	Help string
}

// Flag returns the CLI flag that sets p: "--" and its name with '-' for '_'.
func (p ModelParam) Flag() string { return "--" + strings.ReplaceAll(p.Name, "_", "-") }

// ParamError is a bad value of one model parameter.
type ParamError struct {
	Model, Param, Value string
	Err                 error
}

// Error returns "sim: MODEL: bad PARAM=VALUE: reason".
func (e *ParamError) Error() string {
	return fmt.Sprintf("sim: %s: bad %s=%s: %v", e.Model, e.Param, e.Value, e.Err)
}

// Unwrap returns the reason.
func (e *ParamError) Unwrap() error { return e.Err }

// ModelSpec is a cascade model as users choose it by name: its parameters
// with defaults and docs, its default strength, and how to build it. Whether
// it has an analytic threshold is the built model's to say (Thresholder).
type ModelSpec struct {
	Name    string
	Summary string
	// DefaultStrength is the strength a run uses when none is given: the
	// built-in demo's 0.065 for the probabilistic models, 1 for the
	// threshold models (Watts 2002 is deterministic at s = 1).
	DefaultStrength float64
	// Strength is the range of strengths the model accepts.
	Strength Range
	Params   []ModelParam
	// build makes the model from complete, parsed-as-text parameters.
	build func(s float64, p map[string]string) (Model, error)
}

// DemoStrength is the spread strength of the built-in demo, the default of
// the probabilistic models: just above the built-in graph's tipping point.
const DemoStrength = 0.065

// Models returns the registered models in a fixed order: ic, lt, watts,
// complex, sir.
func Models() []ModelSpec {
	unit := Range{Min: 0, Max: 1}
	return []ModelSpec{
		{
			Name:            "ic",
			Summary:         "independent cascade: each exposure makes the receiver pass it on with probability s",
			DefaultStrength: DemoStrength,
			Strength:        unit,
			Params: []ModelParam{
				{Name: "weighting", Default: "uniform", Choices: []string{"uniform", "trust", "wc"},
					Help: "arc probabilities: uniform (s), trust (s·w from the graph's weights) or wc (s/in-degree, weighted cascade)"},
				{Name: "delay", Default: "generation",
					Help: "share delay: generation (one step), exp:MEDIAN_HOURS or lognormal:MEDIAN_HOURS:SIGMA"},
			},
			build: func(s float64, p map[string]string) (Model, error) {
				w, err := ParseWeighting(p["weighting"])
				if err != nil {
					return nil, &ParamError{"ic", "weighting", p["weighting"], err}
				}
				d, err := ParseDelay(p["delay"])
				if err != nil {
					return nil, &ParamError{"ic", "delay", p["delay"], err}
				}
				return IC{Strength: s, Weighting: w, Delay: d}, nil
			},
		},
		{
			Name:            "lt",
			Summary:         "linear threshold: adopt when the influence of adopting sources passes one's random threshold",
			DefaultStrength: DemoStrength,
			Strength:        unit,
			build:           func(s float64, _ map[string]string) (Model, error) { return LT{Strength: s}, nil },
		},
		{
			Name:            "watts",
			Summary:         "threshold fraction (critical mass): adopt when a fraction φ of one's sources has",
			DefaultStrength: 1,
			Strength:        unit,
			Params: []ModelParam{
				{Name: "phi", Default: "0.18", Help: "adoption threshold: a fraction phi, uniform:A:B or normal:MEAN:SD"},
			},
			build: func(s float64, p map[string]string) (Model, error) {
				phi, err := ParsePhiSpec(p["phi"])
				if err != nil {
					return nil, &ParamError{"watts", "phi", p["phi"], err}
				}
				return Watts{Phi: phi, Strength: s}, nil
			},
		},
		{
			Name:            "complex",
			Summary:         "complex contagion: adopt after k distinct exposures",
			DefaultStrength: 1,
			Strength:        unit,
			Params: []ModelParam{
				{Name: "k", Kind: IntParam, Default: "2", Range: Range{Min: 1, Max: math.Inf(1)}, Help: "distinct exposures needed to adopt"},
			},
			build: func(s float64, p map[string]string) (Model, error) {
				k, err := strconv.Atoi(strings.TrimSpace(p["k"])) // checked by Build
				if err != nil {
					return nil, &ParamError{"complex", "k", p["k"], err}
				}
				return Complex{K: k, Strength: s}, nil
			},
		},
		{
			Name:            "sir",
			Summary:         "SIR in continuous time: s is the transmissibility along each tie",
			DefaultStrength: DemoStrength,
			Strength:        Range{Min: 0, Max: 1, MaxOpen: true},
			Params: []ModelParam{
				{Name: "infectious_hours", Kind: NumberParam, Default: "24", Range: Range{Min: 0, Max: math.Inf(1), MinOpen: true, MaxOpen: true},
					Help: "mean hours before content goes stale for a sharer, 1/recovery rate"},
			},
			build: func(s float64, p map[string]string) (Model, error) {
				h, err := strconv.ParseFloat(strings.TrimSpace(p["infectious_hours"]), 64) // checked by Build
				if err != nil {
					return nil, &ParamError{"sir", "infectious_hours", p["infectious_hours"], err}
				}
				return SIR{Strength: s, InfectiousPeriod: h}, nil
			},
		},
	}
}

// ModelNames returns the registered models' names in registry order.
func ModelNames() []string {
	var names []string
	for _, m := range Models() {
		names = append(names, m.Name)
	}
	return names
}

// LookupModel returns the model called name; the error of an unknown name
// lists the known ones.
func LookupModel(name string) (ModelSpec, error) {
	for _, m := range Models() {
		if m.Name == name {
			return m, nil
		}
	}
	return ModelSpec{}, fmt.Errorf("sim: unknown model %q (known: %s)", name, strings.Join(ModelNames(), ", "))
}

// Param returns the parameter called name and true, or false.
func (s ModelSpec) Param(name string) (ModelParam, bool) {
	i := slices.IndexFunc(s.Params, func(p ModelParam) bool { return p.Name == name })
	if i < 0 {
		return ModelParam{}, false
	}
	return s.Params[i], true
}

// Complete returns params with every missing parameter at its default; a
// name s does not have is an error listing the ones it has.
func (s ModelSpec) Complete(params map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(s.Params))
	for _, p := range s.Params {
		out[p.Name] = p.Default
	}
	for k, v := range params {
		if _, ok := s.Param(k); !ok {
			var names []string
			for _, p := range s.Params {
				names = append(names, p.Name)
			}
			known := "none"
			if len(names) > 0 {
				known = strings.Join(names, ", ")
			}
			return nil, fmt.Errorf("sim: %s: unknown parameter %q (its parameters: %s)", s.Name, k, known)
		}
		out[k] = v
	}
	return out, nil
}

// Build returns the model at strength st with params (missing ones at their
// defaults). A bad value is a *ParamError naming the parameter; the strength
// itself is checked when the model is bound.
func (s ModelSpec) Build(st float64, params map[string]string) (Model, error) {
	p, err := s.Complete(params)
	if err != nil {
		return nil, err
	}
	for _, q := range s.Params {
		if q.Kind == TextParam {
			continue
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(p[q.Name]), 64)
		switch {
		case err != nil || q.Kind == IntParam && x != math.Trunc(x):
			what := "a number"
			if q.Kind == IntParam {
				what = "a whole number"
			}
			return nil, &ParamError{s.Name, q.Name, p[q.Name], fmt.Errorf("want %s, %s", what, q.Range.Of(q.Name))}
		case !q.Range.Contains(x):
			return nil, &ParamError{s.Name, q.Name, p[q.Name], fmt.Errorf("want %s (%s)", q.Range.Of(q.Name), q.Help)}
		}
	}
	return s.build(st, p)
}

// Values returns params completed with defaults and typed for a JSON model
// block: whole numbers as int, numbers as float64, text as given. Values
// that do not parse stay text.
func (s ModelSpec) Values(params map[string]string) map[string]any {
	out := map[string]any{}
	for _, p := range s.Params {
		v, ok := params[p.Name]
		if !ok {
			v = p.Default
		}
		out[p.Name] = v
		switch p.Kind {
		case IntParam:
			if k, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				out[p.Name] = k
			}
		case NumberParam:
			if x, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				out[p.Name] = x
			}
		}
	}
	return out
}

// TimeScale returns the natural time unit of m in hours — the median delay of
// a timed IC, the infectious period of SIR — or 0 for a model on the
// Generations clock. Outputs size their time bins from it.
func TimeScale(m Model) float64 {
	switch m := m.(type) {
	case IC:
		if m.Delay.Kind != UnitDelay {
			return m.Delay.Median
		}
	case SIR:
		return m.InfectiousPeriod
	}
	return 0
}
