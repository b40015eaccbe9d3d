package sim

import (
	"fmt"
	"github.com/ripple-sim/ripple/graph"
	"math"
	"strconv"
	"strings"
)

// This file holds the little languages in which the CLI's flags and the
// scenario files describe models, behaviours, launch channels and plans, so
// that both build the same values through the same code.

// ParseWeighting reads an IC weighting: "uniform", "trust" or "wc".
func ParseWeighting(s string) (Weighting, error) {
	switch strings.TrimSpace(s) {
	case "uniform", "":
		return Uniform, nil
	case "trust":
		return TrustWeights, nil
	case "wc":
		return WeightedCascade, nil
	}
	return Uniform, fmt.Errorf("sim: bad weighting %q (want uniform, trust or wc)", s)
}

// ParseDelay reads an IC share delay: "generation" (or ""), "exp:MEDIAN"
// or "lognormal:MEDIAN:SIGMA", with the median in hours (> 0) and the
// standard deviation of the delay's logarithm (≥ 0).
func ParseDelay(s string) (Delay, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	num := func(i int, what string, positive bool) (float64, error) {
		x, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil || !(x >= 0) || math.IsInf(x, 0) || (positive && x == 0) {
			want := "a number ≥ 0"
			if positive {
				want = "a number > 0"
			}
			return 0, fmt.Errorf("sim: bad delay %q: %s %q is not %s", s, what, parts[i], want)
		}
		return x, nil
	}
	switch {
	case parts[0] == "generation" && len(parts) == 1 || strings.TrimSpace(s) == "":
		return Delay{}, nil
	case parts[0] == "exp" && len(parts) == 2:
		m, err := num(1, "median hours", true)
		return Delay{Kind: ExponentialDelay, Median: m}, err
	case parts[0] == "lognormal" && len(parts) == 3:
		m, err := num(1, "median hours", true)
		if err != nil {
			return Delay{}, err
		}
		sd, err := num(2, "sigma", false)
		return Delay{Kind: LogNormalDelay, Median: m, Sigma: sd}, err
	}
	return Delay{}, fmt.Errorf("sim: bad delay %q (want generation, exp:MEDIAN_HOURS or lognormal:MEDIAN_HOURS:SIGMA)", s)
}

// ParsePhiSpec reads a Watts adoption threshold as the help writes it: a
// fraction "0.18", "uniform:A:B" or "normal:MEAN:SD". The comma forms that
// ParsePhi reads ("uniform:A,B") are accepted too.
func ParsePhiSpec(s string) (PhiDist, error) {
	kind, args, ok := strings.Cut(strings.TrimSpace(s), ":")
	if ok && !strings.Contains(args, ",") {
		if a, b, two := strings.Cut(args, ":"); two {
			s = kind + ":" + a + "," + b
		}
	}
	d, err := ParsePhi(s)
	if err != nil {
		return d, fmt.Errorf("%w (forms: 0.18, uniform:A:B, normal:MEAN:SD)", err)
	}
	return d, nil
}

// ParseChannel reads a broadcast channel (启动方式) as
// "f=F,q=Q[,t=T][,cost=C][,name=N]": at time T (default 0) it exposes a
// fraction F of all users, each adopting with probability Q, for a price C.
// Keys may appear once each; full-width commas (，) separate them too. The
// values are checked for range by Plan.Bind.
func ParseChannel(s string) (Channel, error) {
	c := Channel{Name: "broadcast"}
	seen := map[string]bool{}
	for _, kv := range strings.Split(strings.ReplaceAll(s, "，", ","), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok {
			return c, fmt.Errorf("sim: bad channel %q: %q is not key=value", s, kv)
		}
		if seen[k] {
			return c, fmt.Errorf("sim: bad channel %q: %s given twice", s, k)
		}
		seen[k] = true
		if k == "name" {
			if v == "" {
				return c, fmt.Errorf("sim: bad channel %q: empty name", s)
			}
			c.Name = v
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return c, fmt.Errorf("sim: bad channel %q: %s=%q is not a number", s, k, v)
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
			return c, fmt.Errorf("sim: bad channel %q: unknown key %q (want f, q, t, cost, name)", s, k)
		}
	}
	if !seen["f"] || !seen["q"] {
		return c, fmt.Errorf("sim: bad channel %q: f and q are required", s)
	}
	return c, nil
}

// SplitGroups splits a multi-group seed spec ("top-degree:1;random:50@2")
// into its groups at ';' or a full-width '；', dropping empty ones.
func SplitGroups(spec string) []string {
	var groups []string
	for _, s := range strings.Split(strings.ReplaceAll(spec, "；", ";"), ";") {
		if s = strings.TrimSpace(s); s != "" {
			groups = append(groups, s)
		}
	}
	return groups
}

// ParseGroup reads one seed group, SELECTOR[@TIME]: the selector as
// ParseSeeds reads it, launched at TIME (default 0, a number ≥ 0). Only a
// final "@number" is a time, so Weibo handles such as @李雷 stay labels.
func ParseGroup(s string) (Group, error) {
	var g Group
	sel := s
	if i := strings.LastIndex(s, "@"); i > 0 {
		if t, err := strconv.ParseFloat(strings.TrimSpace(s[i+1:]), 64); err == nil {
			if !(t >= 0) || math.IsInf(t, 0) {
				return g, fmt.Errorf("sim: seed group %q: bad start time %q (want a number ≥ 0)", s, s[i+1:])
			}
			sel, g.Time = s[:i], t
		}
	}
	var err error
	g.Seeds, err = ParseSeeds(sel)
	return g, err
}

// ParseGroups reads a seed spec of one or more groups (see SplitGroups and
// ParseGroup). An empty spec has no groups.
func ParseGroups(spec string) ([]Group, error) {
	var out []Group
	for _, s := range SplitGroups(spec) {
		g, err := ParseGroup(s)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// PlanSpec is a plan as a person describes it: the plan itself (seed groups
// with start times, channels, prices) and, for what-ifs, its own strength.
type PlanSpec struct {
	Plan Plan
	// Strength, when HasStrength, replaces the run's strength for this plan.
	Strength    float64
	HasStrength bool
}

// ParsePlan reads a plan description, as compare's --plan and plans files
// and scenario files write it:
//
//	NAME=SEEDS [| broadcast f=F,q=Q,... ] [| cost-per-seed=X] [| cost-per-follower=Y] [| strength=S]
//
// SEEDS is a multi-group seed spec (see ParseGroups; it may be empty when the
// plan has a channel); each "broadcast" part adds a launch channel of this
// plan only (see ParseChannel); the prices replace base's for this plan;
// strength gives the plan its own spread strength. base supplies the prices
// and channels that every plan shares (the CLI's --cost-per-* and
// --broadcast); the plan's own channels come after them. NAME must not be
// empty and may not contain '=' or '|'; SEEDS may not contain '|' either
// (a label with one is written in a scenario file's seeds field).
func ParsePlan(s string, base Plan) (PlanSpec, error) {
	name, rest, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok {
		return PlanSpec{}, fmt.Errorf("sim: plan %q: want NAME=SEEDS, e.g. kol=top-degree:1", s)
	}
	if name == "" {
		return PlanSpec{}, fmt.Errorf("sim: plan %q: empty name before '=' (want NAME=SEEDS, e.g. kol=top-degree:1)", s)
	}
	if strings.Contains(name, "|") {
		return PlanSpec{}, fmt.Errorf("sim: plan %q: a name may not contain '|'", s)
	}
	parts := strings.Split(rest, "|")
	p := base
	p.Name = name
	p.Channels = append([]Channel(nil), base.Channels...)
	spec := PlanSpec{}
	fail := func(format string, args ...any) (PlanSpec, error) {
		return PlanSpec{}, fmt.Errorf("sim: plan %s: "+format, append([]any{strconv.Quote(name)}, args...)...)
	}
	groups, err := ParseGroups(parts[0])
	if err != nil {
		return fail("%w", err)
	}
	p.Groups = groups
	seen := map[string]bool{}
	for _, part := range parts[1:] {
		part = strings.TrimSpace(part)
		if c, ok := strings.CutPrefix(part, "broadcast"); ok && (c == "" || c[0] == ' ' || c[0] == ':') {
			ch, err := ParseChannel(strings.TrimLeft(c, " :"))
			if err != nil {
				return fail("%w", err)
			}
			p.Channels = append(p.Channels, ch)
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok {
			return fail("%q: want broadcast f=..,q=.., cost-per-seed=X, cost-per-follower=Y or strength=S", part)
		}
		if k != "cost-per-seed" && k != "cost-per-follower" && k != "strength" {
			return fail("unknown key %q (want broadcast, cost-per-seed, cost-per-follower or strength)", k)
		}
		if seen[k] {
			return fail("%s given twice", k)
		}
		seen[k] = true
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return fail("%s=%q is not a number", k, v)
		}
		switch k {
		case "cost-per-seed":
			p.Cost.PerSeed = x
		case "cost-per-follower":
			p.Cost.PerFollower = x
		case "strength":
			if !(x >= 0 && x <= 1) {
				return fail("strength=%v: want 0 ≤ s ≤ 1", x)
			}
			spec.Strength, spec.HasStrength = x, true
		}
	}
	if len(p.Groups) == 0 && len(p.Channels) == 0 {
		return fail("no seeds: give a seed selector after '=' or a broadcast channel")
	}
	if err := p.Cost.Validate(); err != nil {
		return fail("%w", err)
	}
	spec.Plan = p
	return spec, nil
}

// BehaviourSpec describes the behaviours as a person writes them.
type BehaviourSpec struct {
	// Zombies is "" (none), a fraction like "0.1" of random zombie
	// followers (僵尸粉), or "@FILE": a file of their labels, one a line.
	Zombies string
	// Decay and HalfLife are Behaviours' fields.
	Decay, HalfLife float64
}

// Set reports whether the behaviours change the effective strength, so
// that an analytic threshold does not apply as is.
func (b BehaviourSpec) Set() bool {
	return b.Zombies != "" || (b.Decay != 0 && b.Decay != 1) || b.HalfLife != 0
}

// Build returns the behaviours on g. Random zombies are drawn from seed (the
// same seed gives the same zombies); a label file is read by readLabels, so
// that the library opens no files itself. Decay and HalfLife are checked
// when a model is bound.
func (b BehaviourSpec) Build(g *graph.CSR, seed uint64, readLabels func(path string) ([]string, error)) (Behaviours, error) {
	out := Behaviours{Decay: b.Decay, HalfLife: b.HalfLife}
	switch {
	case b.Zombies == "":
	case strings.HasPrefix(b.Zombies, "@"):
		if readLabels == nil {
			return out, fmt.Errorf("sim: zombies %s: no way to read a label file here", b.Zombies)
		}
		labels, err := readLabels(b.Zombies[1:])
		if err != nil {
			return out, err
		}
		if out.Zombie, err = ZombiesFromLabels(g, labels); err != nil {
			return out, fmt.Errorf("sim: zombies %s: %w", b.Zombies, err)
		}
	default:
		frac, err := strconv.ParseFloat(strings.TrimSpace(b.Zombies), 64)
		if err != nil {
			return out, fmt.Errorf("sim: zombies %q: want a fraction like 0.1 or @file", b.Zombies)
		}
		if out.Zombie, err = RandomZombies(g.N(), frac, seed); err != nil {
			return out, fmt.Errorf("sim: zombies: %w", err)
		}
	}
	return out, nil
}
