package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

// modelFlags choose the cascade model and its parameters; the models, their
// parameters and defaults come from sim's registry.
type modelFlags struct {
	model     string
	strength  float64
	weighting string
	delay     string
	phi       string
	k         int
	infPeriod float64
	zombies   string
	decay     float64
	halfLife  float64
	// strengthSet is true when --strength was given; otherwise resolve sets
	// the model's default.
	strengthSet bool
}

func (f *modelFlags) AddFlags(fs *pflag.FlagSet, defaultStrength float64) {
	var names, defaults []string
	for _, m := range sim.Models() {
		names = append(names, m.Name+" ("+m.Summary+")")
		defaults = append(defaults, fmt.Sprintf("%s %g", m.Name, m.DefaultStrength))
	}
	param := func(model, name string) sim.ModelParam {
		spec, _ := sim.LookupModel(model)
		p, _ := spec.Param(name)
		return p
	}
	num := func(model, name string) float64 {
		x, _ := strconv.ParseFloat(param(model, name).Default, 64)
		return x
	}
	fs.StringVar(&f.model, "model", "ic", "cascade `model`: "+strings.Join(names, "; "))
	fs.Var(&strengthValue{f}, "strength", "spread strength (传播动力) `s` in [0,1]: for ic the chance that one exposure makes the receiver pass it on; lt scales influence; watts/complex the chance an exposure registers; sir the transmissibility (default: the model's, "+strings.Join(defaults, ", ")+")")
	f.strength = defaultStrength // after Var, so that the help shows the per-model defaults instead
	fs.StringVar(&f.weighting, "weighting", param("ic", "weighting").Default, "ic "+param("ic", "weighting").Help)
	fs.StringVar(&f.delay, "delay", param("ic", "delay").Default, "ic "+param("ic", "delay").Help)
	fs.StringVar(&f.phi, "phi", param("watts", "phi").Default, "watts "+param("watts", "phi").Help)
	fs.IntVar(&f.k, "k", int(num("complex", "k")), "complex contagion: "+param("complex", "k").Help+", a whole number "+param("complex", "k").Range.Of("k"))
	fs.Float64Var(&f.infPeriod, "infectious-hours", num("sir", "infectious_hours"), "sir: "+param("sir", "infectious_hours").Help+", "+param("sir", "infectious_hours").Range.Of("hours"))
	fs.StringVar(&f.zombies, "zombies", "", "zombie followers (僵尸粉) who see but never share: a fraction like 0.1, or a file of labels with @file")
	fs.Float64Var(&f.decay, "decay", 0, "freshness (保鲜度): strength multiplied by `d` per generation (0 = no decay)")
	fs.Float64Var(&f.halfLife, "half-life", 0, "freshness in `hours`: strength halves every h hours (timed models: ic with --delay, sir)")
}

// strengthValue is the --strength flag: it records that it was set, so that
// an unset strength follows the model (1 for watts and complex).
type strengthValue struct{ f *modelFlags }

func (v *strengthValue) String() string {
	if v.f == nil || v.f.strength == 0 {
		return ""
	}
	return strconv.FormatFloat(v.f.strength, 'g', -1, 64)
}

func (v *strengthValue) Set(s string) error {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%q is not a number", s)
	}
	v.f.strength, v.f.strengthSet = x, true
	return nil
}

func (v *strengthValue) Type() string { return "float" }

// spec returns the registry entry of --model.
func (f *modelFlags) spec() (sim.ModelSpec, error) {
	m, err := sim.LookupModel(f.model)
	if err != nil {
		return m, usagef("--model %q: want %s", f.model, strings.Join(sim.ModelNames(), ", "))
	}
	return m, nil
}

// resolve gives an unset --strength the model's default: the built-in
// demo's for ic, lt and sir, 1 for watts and complex.
func (f *modelFlags) resolve() error {
	m, err := f.spec()
	if err != nil {
		return err
	}
	if !f.strengthSet {
		f.strength = m.DefaultStrength
	}
	return nil
}

// values returns the model's parameters as the flags set them, as text.
func (f *modelFlags) values() map[string]string {
	all := map[string]string{
		"weighting": f.weighting, "delay": f.delay, "phi": f.phi,
		"k": strconv.Itoa(f.k), "infectious_hours": strconv.FormatFloat(f.infPeriod, 'g', -1, 64),
	}
	out := map[string]string{}
	if m, err := f.spec(); err == nil {
		for _, p := range m.Params {
			out[p.Name] = all[p.Name]
		}
	}
	return out
}

// build returns the model at strength s; a bad parameter names its flag.
func (f *modelFlags) build(s float64) (sim.Model, error) {
	spec, err := f.spec()
	if err != nil {
		return nil, err
	}
	m, err := spec.Build(s, f.values())
	var pe *sim.ParamError
	if errors.As(err, &pe) {
		p, _ := spec.Param(pe.Param)
		return nil, usagef("%s %s: %v", p.Flag(), pe.Value, pe.Err)
	}
	if err != nil {
		return nil, usagef("%v", err)
	}
	return m, nil
}

// params lists the model's parameters and behaviours as they were set, for
// outputs and manifests.
func (f *modelFlags) params() map[string]any {
	p := map[string]any{}
	if spec, err := f.spec(); err == nil {
		p = spec.Values(f.values())
	}
	if f.zombies != "" {
		p["zombies"] = f.zombies
	}
	if f.decay != 0 {
		p["decay"] = f.decay
	}
	if f.halfLife != 0 {
		p["half_life_hours"] = f.halfLife
	}
	return p
}

// behaviourSpec returns the behaviours as the flags describe them.
func (f *modelFlags) behaviourSpec() sim.BehaviourSpec {
	return sim.BehaviourSpec{Zombies: f.zombies, Decay: f.decay, HalfLife: f.halfLife}
}

// behavioursSet reports whether zombies or freshness decay change the
// effective strength (so the analytic threshold does not apply as is).
func (f *modelFlags) behavioursSet() bool { return f.behaviourSpec().Set() }

// warnings says, in lang, when the model ignores part of the graph: a
// weighted graph run with uniform ic weighting, or with sir (which has no
// use for weights), or trust weighting of weights above 1, which it caps.
func (f *modelFlags) warnings(g *graph.CSR, lang results.Lang) []string {
	if n, largest := g.WeightsAbove(1); n > 0 && f.model == "ic" && f.weighting == "trust" {
		return []string{fmt.Sprintf(ioTextsFor(lang).TrustOverOne, n, g.M(), largest)}
	}
	zh := lang == results.Chinese
	switch {
	case !g.Weighted():
	case f.model == "ic" && f.weighting == "uniform" && zh:
		return []string{"--weighting uniform 忽略了网络中的权重（每条关系都以概率 s 传递）；要使用权重，请用 --weighting trust"}
	case f.model == "ic" && f.weighting == "uniform":
		return []string{"the graph's weights are ignored with --weighting uniform (every tie passes the content on with probability s); use --weighting trust to use them"}
	case f.model == "sir" && zh:
		return []string{"sir 模型忽略网络中的权重（每条关系的传播率都是 s）"}
	case f.model == "sir":
		return []string{"the graph's weights are ignored by sir (every tie transmits with probability s)"}
	}
	return nil
}

// record returns what each trial should record: generations up to 128, or
// for a timed model 160 time bins a quarter of its time scale wide (the
// median delay of IC, the infectious period of SIR), 40 time scales in all.
func (f *modelFlags) record() sim.RecorderOptions {
	o := sim.RecorderOptions{Generations: 128, Exposures: true}
	if m, err := f.build(f.strength); err == nil {
		if scale := sim.TimeScale(m); scale > 0 {
			o.Bins, o.BinWidth = 160, scale/4
		}
	}
	return o
}

// bindModel binds m to g; a parameter the model rejects is a usage error.
func bindModel(m sim.Model, g *graph.CSR, b sim.Behaviours) (sim.Kernel, error) {
	k, err := m.Bind(g, b)
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	return k, nil
}

// bindPlan binds p to g; a plan the graph cannot serve (unknown labels, K
// larger than the graph) is a usage error.
func bindPlan(p sim.Plan, g *graph.CSR) (*sim.BoundPlan, error) {
	bp, err := p.Bind(g)
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	return bp, nil
}

// behaviours returns the behaviours the flags ask for on g; a label file
// of --zombies @file is read by files.
func (f *modelFlags) behaviours(g *graph.CSR, seed uint64, files textFiles) (sim.Behaviours, error) {
	b, err := f.behaviourSpec().Build(g, seed, files.readLabels)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return b, err
		}
		return b, usagef("--zombies: %v", strings.TrimPrefix(err.Error(), "sim: zombies"))
	}
	return b, nil
}

// engineFlags say how many trials to run and how to read them.
type engineFlags struct {
	trials    int
	seed      uint64
	workers   int
	threshold float64
	precision float64
}

func (f *engineFlags) AddFlags(fs *pflag.FlagSet, defaultTrials int) {
	fs.IntVar(&f.trials, "trials", defaultTrials, "number of Monte Carlo trials (the cap when --precision is set)")
	fs.Uint64Var(&f.seed, "seed", 1, "master random `seed`: the same seed gives the same results on any machine and worker count")
	fs.IntVar(&f.workers, "workers", 0, "parallel workers (0 = one per CPU); results do not depend on it")
	fs.Float64Var(&f.threshold, "threshold", scenarios.Default().Theta, "θ: a trial cascades when its spread beyond the first level (past the people the start points reach directly) reaches at least θ·n people")
	fs.Float64Var(&f.precision, "precision", 0, "stop early once the 95% interval of mean reach is within ±this fraction of the mean (e.g. 0.02)")
}

func (f *engineFlags) config() (sim.Config, error) {
	if f.trials < 1 {
		return sim.Config{}, usagef("--trials %d: want at least 1", f.trials)
	}
	if !(f.threshold > 0 && f.threshold <= 1) {
		return sim.Config{}, usagef("--threshold %v: want 0 < θ ≤ 1", f.threshold)
	}
	if !(f.precision >= 0 && f.precision < 1) {
		return sim.Config{}, usagef("--precision %v: want a fraction in [0, 1)", f.precision)
	}
	return sim.Config{
		Seed:      f.seed,
		Trials:    f.trials,
		Workers:   f.workers,
		Theta:     f.threshold,
		Record:    sim.RecorderOptions{Exposures: true}, // refined by modelFlags.record
		Precision: sim.Precision{RelReach: f.precision},
	}, nil
}

// planFlags build seeding plans.
type planFlags struct {
	perSeed, perFollower float64
	broadcasts           []string
}

func (f *planFlags) AddFlags(fs *pflag.FlagSet) {
	fs.Float64Var(&f.perSeed, "cost-per-seed", 0, "cost of each start point (fixed part of a KOL/KOC quote)")
	fs.Float64Var(&f.perFollower, "cost-per-follower", 0, "cost per follower of each start point")
	fs.StringArrayVar(&f.broadcasts, "broadcast", nil, "a launch channel (启动方式: ad burst, hot-list push) `spec` f=F,q=Q[,t=T][,cost=C][,name=N]: exposes a fraction F of all users at time T, each adopting with probability Q (repeatable)")
}

// base returns the plan every plan starts from: the flags' prices and
// channels, without a name or seeds.
func (f *planFlags) base() (sim.Plan, error) {
	p := sim.Plan{Cost: sim.CostModel{PerSeed: f.perSeed, PerFollower: f.perFollower}}
	for _, b := range f.broadcasts {
		c, err := sim.ParseChannel(b)
		if err != nil {
			return p, usagef("--broadcast %q: %v", b, strings.TrimPrefix(err.Error(), "sim: "))
		}
		p.Channels = append(p.Channels, c)
	}
	return p, nil
}

// plan returns a plan named name seeding spec (a seed selector, or "" for
// channels only) with the flags' costs and channels.
func (f *planFlags) plan(name, spec string) (sim.Plan, error) {
	p, err := f.base()
	if err != nil {
		return p, err
	}
	p.Name = name
	if p.Groups, err = sim.ParseGroups(spec); err != nil {
		if name == "" {
			return p, usagef("--seeds %s: %v", spec, strings.TrimPrefix(err.Error(), "sim: "))
		}
		return p, usagef("plan %s: %v", name, strings.TrimPrefix(err.Error(), "sim: "))
	}
	return p, nil
}

// parsePlan reads a plan description (NAME=SEEDS | broadcast ... | ...) over
// the flags' prices and channels; where names the flag or file line.
func (f *planFlags) parsePlan(text, where string) (sim.PlanSpec, error) {
	base, err := f.base()
	if err != nil {
		return sim.PlanSpec{}, err
	}
	p, err := sim.ParsePlan(text, base)
	if err != nil {
		return p, usagef("%s: %v", where, strings.TrimPrefix(err.Error(), "sim: "))
	}
	return p, nil
}
