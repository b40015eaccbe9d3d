package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

// modelFlags choose the cascade model and its parameters.
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
}

func (f *modelFlags) AddFlags(fs *pflag.FlagSet, defaultStrength float64) {
	fs.StringVar(&f.model, "model", "ic", "cascade `model`: ic (independent cascade), lt (linear threshold), watts (threshold fraction), complex (k exposures), sir")
	fs.Float64Var(&f.strength, "strength", defaultStrength, "spread strength (传播动力) `s` in [0,1]: for ic the chance that one exposure makes the receiver pass it on; lt scales influence; watts/complex the chance an exposure registers; sir the transmissibility")
	fs.StringVar(&f.weighting, "weighting", "uniform", "ic arc probabilities: uniform (s), trust (s·w from the graph's weights) or wc (s/in-degree, weighted cascade)")
	fs.StringVar(&f.delay, "delay", "generation", "ic share delay: generation (one step), exp:MEDIAN_HOURS or lognormal:MEDIAN_HOURS:SIGMA")
	fs.StringVar(&f.phi, "phi", "0.18", "watts adoption threshold: a fraction `phi`, uniform:A:B or normal:MEAN:SD")
	fs.IntVar(&f.k, "k", 2, "complex contagion: distinct exposures needed to adopt")
	fs.Float64Var(&f.infPeriod, "infectious-hours", 24, "sir: mean hours before content goes stale for a sharer (1/recovery rate)")
	fs.StringVar(&f.zombies, "zombies", "", "zombie followers (僵尸粉) who see but never share: a fraction like 0.1, or a file of labels with @file")
	fs.Float64Var(&f.decay, "decay", 0, "freshness (保鲜度): strength multiplied by `d` per generation (0 = no decay)")
	fs.Float64Var(&f.halfLife, "half-life", 0, "freshness in `hours`: strength halves every h hours (timed models: ic with --delay, sir)")
}

// build returns the model at strength s.
func (f *modelFlags) build(s float64) (sim.Model, error) {
	switch f.model {
	case "ic":
		m := sim.IC{Strength: s}
		switch f.weighting {
		case "uniform":
		case "trust":
			m.Weighting = sim.TrustWeights
		case "wc":
			m.Weighting = sim.WeightedCascade
		default:
			return nil, usagef("--weighting %q: want uniform, trust or wc", f.weighting)
		}
		d, err := parseDelay(f.delay)
		if err != nil {
			return nil, err
		}
		m.Delay = d
		return m, nil
	case "lt":
		return sim.LT{Strength: s}, nil
	case "watts":
		phi, err := sim.ParsePhi(f.phi)
		if err != nil {
			return nil, usagef("--phi: %v", err)
		}
		return sim.Watts{Phi: phi, Strength: s}, nil
	case "complex":
		return sim.Complex{K: f.k, Strength: s}, nil
	case "sir":
		return sim.SIR{Strength: s, InfectiousPeriod: f.infPeriod}, nil
	}
	return nil, usagef("--model %q: want ic, lt, watts, complex or sir", f.model)
}

// parseDelay reads "generation", "exp:MEDIAN" or "lognormal:MEDIAN:SIGMA".
func parseDelay(s string) (sim.Delay, error) {
	parts := strings.Split(s, ":")
	num := func(i int) (float64, error) {
		x, err := strconv.ParseFloat(parts[i], 64)
		if err != nil || !(x >= 0) || math.IsInf(x, 0) {
			return 0, usagef("--delay %q: %q is not a non-negative number", s, parts[i])
		}
		return x, nil
	}
	switch {
	case s == "generation" || s == "":
		return sim.Delay{}, nil
	case parts[0] == "exp" && len(parts) == 2:
		m, err := num(1)
		return sim.Delay{Kind: sim.ExponentialDelay, Median: m}, err
	case parts[0] == "lognormal" && len(parts) == 3:
		m, err := num(1)
		if err != nil {
			return sim.Delay{}, err
		}
		sd, err := num(2)
		return sim.Delay{Kind: sim.LogNormalDelay, Median: m, Sigma: sd}, err
	}
	return sim.Delay{}, usagef("--delay %q: want generation, exp:MEDIAN_HOURS or lognormal:MEDIAN_HOURS:SIGMA", s)
}

// params lists the model's parameters and behaviours as they were set, for
// outputs and manifests.
func (f *modelFlags) params() map[string]any {
	p := map[string]any{}
	switch f.model {
	case "ic":
		p["weighting"], p["delay"] = f.weighting, f.delay
	case "watts":
		p["phi"] = f.phi
	case "complex":
		p["k"] = f.k
	case "sir":
		p["infectious_hours"] = f.infPeriod
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

// behavioursSet reports whether zombies or freshness decay change the
// effective strength (so the analytic threshold does not apply as is).
func (f *modelFlags) behavioursSet() bool {
	return f.zombies != "" || (f.decay != 0 && f.decay != 1) || f.halfLife != 0
}

// record returns what each trial should record: generations up to 128, or
// for a timed model 160 time bins a quarter of its time scale wide (the
// median delay of IC, the infectious period of SIR), 40 time scales in all.
func (f *modelFlags) record() sim.RecorderOptions {
	o := sim.RecorderOptions{Generations: 128, Exposures: true}
	scale := 0.0
	switch {
	case f.model == "sir":
		scale = f.infPeriod
	case f.model == "ic" && f.delay != "generation" && f.delay != "":
		if d, err := parseDelay(f.delay); err == nil {
			scale = d.Median
		}
	}
	if scale > 0 {
		o.Bins, o.BinWidth = 160, scale/4
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

// behaviours returns the behaviours the flags ask for on g.
func (f *modelFlags) behaviours(g *graph.CSR, seed uint64) (sim.Behaviours, error) {
	b := sim.Behaviours{Decay: f.decay, HalfLife: f.halfLife}
	switch {
	case f.zombies == "":
	case strings.HasPrefix(f.zombies, "@"):
		labels, err := readLabelFile(f.zombies[1:])
		if err != nil {
			return b, err
		}
		if b.Zombie, err = sim.ZombiesFromLabels(g, labels); err != nil {
			return b, usagef("--zombies %s: %v", f.zombies, err)
		}
	default:
		frac, err := strconv.ParseFloat(f.zombies, 64)
		if err != nil {
			return b, usagef("--zombies %q: want a fraction like 0.1 or @file", f.zombies)
		}
		if b.Zombie, err = sim.RandomZombies(g.N(), frac, seed); err != nil {
			return b, usagef("--zombies: %v", err)
		}
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
	fs.Float64Var(&f.threshold, "threshold", scenarios.Default().Theta, "θ: a trial cascades (crosses the tipping point) when it reaches at least θ·n people")
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

// plan returns a plan named name seeding spec (a seed selector, or "" for
// channels only) with the flags' costs and channels.
func (f *planFlags) plan(name, spec string) (sim.Plan, error) {
	p := sim.Plan{Name: name, Cost: sim.CostModel{PerSeed: f.perSeed, PerFollower: f.perFollower}}
	for _, group := range splitGroups(spec) {
		g, err := parseGroup(group)
		if err != nil {
			return p, usagef("plan %s: %v", name, err)
		}
		p.Groups = append(p.Groups, g)
	}
	for _, b := range f.broadcasts {
		c, err := parseChannel(b)
		if err != nil {
			return p, usagef("--broadcast %q: %v", b, err)
		}
		p.Channels = append(p.Channels, c)
	}
	return p, nil
}

// splitGroups splits "top-degree:1;random:50@2" into seed groups at ';'.
func splitGroups(spec string) []string {
	var groups []string
	for _, s := range strings.Split(spec, ";") {
		if s = strings.TrimSpace(s); s != "" {
			groups = append(groups, s)
		}
	}
	return groups
}

// parseGroup reads SELECTOR[@TIME]: a seed group launched at TIME (default
// 0). Only a final "@number" is a time, so Weibo handles such as @李雷 stay
// labels.
func parseGroup(s string) (sim.Group, error) {
	var g sim.Group
	sel := s
	if i := strings.LastIndex(s, "@"); i > 0 {
		if t, err := strconv.ParseFloat(s[i+1:], 64); err == nil {
			if !(t >= 0) || math.IsInf(t, 0) {
				return g, fmt.Errorf("start time %q: want a number ≥ 0", s[i+1:])
			}
			sel, g.Time = s[:i], t
		}
	}
	var err error
	g.Seeds, err = sim.ParseSeeds(sel)
	return g, err
}

// parseChannel reads "f=0.01,q=0.1,t=2,cost=5000,name=hotlist".
func parseChannel(s string) (sim.Channel, error) {
	c := sim.Channel{Name: "broadcast"}
	seen := map[string]bool{}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return c, fmt.Errorf("%q: want key=value", kv)
		}
		if seen[k] {
			return c, fmt.Errorf("%s given twice", k)
		}
		seen[k] = true
		if k == "name" {
			c.Name = v
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return c, fmt.Errorf("%s=%q is not a number", k, v)
		}
		switch k {
		case "f":
			c.Fraction = x
		case "q":
			c.Convert = x
		case "t":
			c.Time = x
		case "cost":
			c.Cost = x
		default:
			return c, fmt.Errorf("unknown key %q (want f, q, t, cost, name)", k)
		}
	}
	if !seen["f"] || !seen["q"] {
		return c, fmt.Errorf("f and q are required")
	}
	return c, nil
}
