package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

func tippingCommand() command {
	return command{
		Name:  "tipping",
		Usage: "[--axis strength|seeds|budget|broadcast] [--from X --to Y] [flags]",
		Short: "locate the tipping point (引爆点): where P(cascade) crosses 1/2",
		Long: `Sweeps the spread strength (or the number of start points, or a broadcast
channel's reach) over a range, refines around P(cascade) = 1/2, and reports
the tipping point with its interval, beside the analytic (mean-field)
threshold for IC/SIR, an estimate for the graph's giant component that ignores
the plan (undirected: configuration model ⟨k⟩/(⟨k²⟩−⟨k⟩); directed: 1/λmax,
the spectral radius, or ⟨k⟩/⟨k_in·k_out⟩ when that does not converge; the
output names the one used) and the point where the variance of reach peaks.

Without --from/--to a strength sweep first runs a coarse pass from 0 to 8×
the analytic threshold (0 to 1 without one), then sweeps again between the
last point clearly below the transition and the first clearly above it, so
that the reported points and the figure show the transition itself.

Every point of the sweep uses the same master seed, so the curve is smooth:
each point meets the same random worlds (for ic nested ones: a higher
strength never reaches fewer people in any trial). A point stops early once
its verdict is clear (99.9% interval of P(cascade) clear of 1/2, after 64
trials), so the trials go to the points near the crossing; the output says
how many each point used (--fixed-trials runs every point to --trials).

Examples:
  ripple tipping                                   # strength, built-in graph, one KOL
  ripple tipping --seeds random:1 --from 0 --to 0.2 --out tip
  ripple tipping --axis seeds --seeds random:1 --from 1 --to 300 --strength 0.06
  ripple tipping --axis broadcast --convert 0.02 --seeds top-degree:1 --from 0 --to 0.05`,
		Options: func() options { return &tippingOptions{} },
	}
}

type tippingOptions struct {
	simFlags
	seeds    string
	axis     string
	from, to optFloat
	grid     int
	refine   int
	convert  float64
	fixed    bool
}

func (o *tippingOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.axis, "axis", "strength", "what to sweep: strength, seeds (K of the --seeds selector), budget (as many --seeds as it buys at the --cost-per-* prices) or broadcast (fraction of users a channel reaches)")
	o.from, o.to = optFloat(math.NaN()), optFloat(math.NaN())
	fs.Var(&o.from, "from", "start of the sweep (default: 0 for strength and broadcast, 1 for seeds, the price of one seed for budget)")
	fs.Var(&o.to, "to", "end of the sweep (default: strength 8× the analytic threshold or 1; seeds 100; budget the price of 100 seeds; broadcast 0.1)")
	fs.IntVar(&o.grid, "grid", 9, "points of the first, even pass")
	fs.IntVar(&o.refine, "refine", 4, "refinement rounds around P(cascade) = 1/2")
	fs.StringVar(&o.seeds, "seeds", "top-degree:1", "start points, as for ripple run; on --axis seeds its K is swept")
	fs.Float64Var(&o.convert, "convert", 0.05, "--axis broadcast: probability that an exposed user adopts")
	fs.BoolVar(&o.fixed, "fixed-trials", false, "run every point to --trials instead of stopping a point once its verdict is clear")
	o.simFlags.AddFlags(fs, 2000)
}

type tipPointJSON struct {
	X        num      `json:"x"`
	Trials   uint64   `json:"trials"`
	PCascade num      `json:"p_cascade"`
	PCI95    interval `json:"p_cascade_ci95"`
	Reach    num      `json:"reach_mean"`
	ReachCI  interval `json:"reach_ci95"`
	ReachSD  num      `json:"reach_sd"`
	Verdict  string   `json:"verdict"`
}

type thresholdJSON struct {
	Estimate       num      `json:"estimate"`
	CI95           interval `json:"ci95"`
	Found          bool     `json:"found"`
	OpenLo         bool     `json:"ci_open_below,omitempty"`
	OpenHi         bool     `json:"ci_open_above,omitempty"`
	Analytic       num      `json:"analytic"`
	AnalyticMethod string   `json:"analytic_method,omitempty"`
	VariancePeak   num      `json:"variance_peak"`
}

type tippingReport struct {
	header            // its trials are per point
	Axis   string     `json:"axis"`
	Range  [2]float64 `json:"range"`
	Plan   string     `json:"plan"`
	// FixedTrials is false when points stopped once their verdict was
	// clear (sim.SequentialStop); each point says how many trials it used.
	FixedTrials bool           `json:"fixed_trials"`
	Threshold   thresholdJSON  `json:"threshold"`
	Points      []tipPointJSON `json:"points"`
}

func (o *tippingOptions) Run(ctx context.Context, args []string, e *env) error {
	if err := noArgs("tipping", args); err != nil {
		return err
	}
	if err := o.checkFlags(); err != nil {
		return err
	}
	s, err := o.prepare(e)
	if err != nil {
		return err
	}
	cfg, src, b := s.cfg, s.src, s.b
	if !o.fixed {
		cfg.Precision, cfg.Batch = sim.SequentialStop(), sim.SequentialBatch
		cfg.Precision.RelReach = o.engine.precision
	}
	cfg.Record.Exposures = false // a sweep reports no exposures
	m0, _, err := o.kernel(s, o.model.strength)
	if err != nil {
		return err
	}
	base, _, err := o.plan(s, "", o.seeds) // a bad plan fails before the sweep
	if err != nil {
		return err
	}
	rep := tippingReport{header: o.header(e, s, m0), Axis: o.axis}
	rep.Threshold.Analytic = num(math.NaN())

	lo, hi := float64(o.from), float64(o.to)
	var axis results.Axis
	var eval func(ctx context.Context, x float64) (*sim.Result, error)
	run := func(ctx context.Context, m sim.Model, p sim.Plan) (*sim.Result, error) {
		k, err := bindModel(m, src.g, b)
		if err != nil {
			return nil, err
		}
		bp, err := bindPlan(p, src.g)
		if err != nil {
			return nil, err
		}
		return sim.Run(ctx, k, bp, cfg)
	}
	switch o.axis {
	case "strength":
		axis = results.Strength
		if c := rep.Model.Critical; c != nil && float64(c.Strength) > 0 && !math.IsInf(float64(c.Strength), 0) {
			rep.Threshold.Analytic, rep.Threshold.AnalyticMethod = c.Strength, c.Method
		}
		lo = orDefault(lo, 0)
		hi = orDefault(hi, 1)
		if math.IsNaN(float64(o.to)) && !math.IsNaN(float64(rep.Threshold.Analytic)) {
			// From few seeds P(cascade) reaches 1/2 well above the point where
			// large outbreaks become possible: look up to 8× that point.
			hi = min(1, 8*float64(rep.Threshold.Analytic))
		}
		eval = func(ctx context.Context, x float64) (*sim.Result, error) {
			m, err := o.model.build(x)
			if err != nil {
				return nil, err
			}
			return run(ctx, m, base)
		}
	case "seeds":
		axis = results.Seeds
		lo, hi = orDefault(lo, 1), orDefault(hi, 100)
		if len(base.Groups) != 1 || base.Groups[0].Seeds.Kind == sim.SelectLabels {
			return usagef("--axis seeds: --seeds must be one selector with a count, like random:1 or top-degree:1")
		}
		eval = func(ctx context.Context, x float64) (*sim.Result, error) {
			p := base
			p.Groups = []sim.Group{base.Groups[0]}
			p.Groups[0].Seeds.K = int(x)
			return run(ctx, m0, p)
		}
	case "budget":
		axis = results.Budget
		if o.plans.perSeed <= 0 && o.plans.perFollower <= 0 {
			return usagef("--axis budget: price the seeds with --cost-per-seed and/or --cost-per-follower")
		}
		if len(base.Groups) != 1 || base.Groups[0].Seeds.Kind == sim.SelectLabels {
			return usagef("--axis budget: --seeds must be one selector with a count, like top-degree:1 or band:1:10-40")
		}
		buy, err := sim.NewBudget(src.g, base, cfg.Seed)
		if err != nil {
			return usagef("--axis budget: --seeds %s: %v", o.seeds, strings.TrimPrefix(err.Error(), "sim: budget: "))
		}
		if buy.MaxSeeds() < 1 {
			return usagef("--axis budget: --seeds %s selects nobody", o.seeds)
		}
		c1, err := buy.Cost(1)
		if err != nil {
			return usagef("%v", err)
		}
		lo = orDefault(lo, c1)
		if math.IsNaN(hi) {
			if hi, err = buy.Cost(min(100, buy.MaxSeeds())); err != nil {
				return usagef("%v", err)
			}
		}
		eval = func(ctx context.Context, x float64) (*sim.Result, error) {
			k, err := buy.SeedsFor(x)
			if err != nil {
				return nil, usagef("%v; raise --from", strings.TrimPrefix(err.Error(), "sim: budget: "))
			}
			return run(ctx, m0, buy.Plan(k))
		}
	case "broadcast":
		axis = results.Broadcast
		lo, hi = orDefault(lo, 0), orDefault(hi, 0.1)
		eval = func(ctx context.Context, x float64) (*sim.Result, error) {
			p := base
			p.Channels = append(append([]sim.Channel(nil), base.Channels...), sim.Channel{Name: "swept broadcast", Fraction: max(x, 1e-9), Convert: o.convert})
			return run(ctx, m0, p)
		}
	default:
		return usagef("--axis %q: want strength, seeds, budget or broadcast", o.axis)
	}
	rep.Range = [2]float64{lo, hi}
	rep.Plan = o.seeds
	rep.FixedTrials = o.fixed

	bar := newProgress(e, o.out.quiet, "sweeping "+o.axis)
	start := time.Now()
	if !(lo < hi) {
		return usagef("--from %g --to %g: want from < to", lo, hi)
	}
	if o.axis == "seeds" {
		p := base
		p.Groups = []sim.Group{base.Groups[0]}
		p.Groups[0].Seeds.K = int(hi)
		if _, err := bindPlan(p, src.g); err != nil {
			return usagef("--to %g: %v", hi, err)
		}
	}
	refine := o.refine
	if refine == 0 {
		refine = -1 // sim reads 0 as its default
	}
	opts := sim.TippingOptions{Lo: lo, Hi: hi, Grid: o.grid, Refine: refine, Integer: o.axis == "seeds", Progress: bar.Update}
	tip, err := sim.FindTipping(ctx, eval, opts)
	if tip == nil {
		bar.Done()
		return err // a point failed: nothing partial to show
	}
	trials := 0
	for _, p := range tip.Points {
		trials += int(p.Summary.Trials)
	}
	// A default strength range is a coarse pass: sweep again across the
	// transition it found, so that the points show the transition.
	if zlo, zhi, ok := sim.TransitionRange(tip); ok && err == nil && o.axis == "strength" && math.IsNaN(float64(o.from)) && math.IsNaN(float64(o.to)) {
		opts.Lo, opts.Hi = zlo, zhi
		fine, ferr := sim.FindTipping(ctx, eval, opts)
		if fine == nil {
			bar.Done()
			return ferr
		}
		tip, err, rep.Range = fine, ferr, [2]float64{zlo, zhi}
		for _, p := range tip.Points {
			trials += int(p.Summary.Trials)
		}
	}
	bar.Done()
	secs := time.Since(start).Seconds()
	rep.Timing = newTiming(secs, trials, cfg.Workers)
	rep.Partial = errors.Is(err, context.Canceled)
	th := &rep.Threshold
	th.Found, th.VariancePeak = tip.Found, num(math.NaN())
	if len(tip.Points) > 2 && tip.VariancePeak > tip.Points[0].X && tip.VariancePeak < tip.Points[len(tip.Points)-1].X {
		th.VariancePeak = num(tip.VariancePeak) // a peak at an end of the range says nothing
	}
	th.Estimate, th.CI95 = num(math.NaN()), interval{num(math.NaN()), num(math.NaN())}
	if tip.Found {
		th.Estimate, th.CI95, th.OpenLo, th.OpenHi = num(tip.Estimate), interval{num(tip.CILo), num(tip.CIHi)}, tip.OpenLo, tip.OpenHi
	}
	for _, p := range tip.Points {
		sum := p.Summary
		rep.Points = append(rep.Points, tipPointJSON{X: num(p.X), Trials: sum.Trials, PCascade: num(sum.Cascade.Mean), PCI95: ci(sum.Cascade),
			Reach: num(sum.Reach.Mean), ReachCI: ci(sum.Reach), ReachSD: num(sum.ReachSD), Verdict: string(sum.Verdict)})
	}
	werr := o.emit(e, &rep.header, rep,
		func(w io.Writer) error { return writeTippingCSV(w, textsFor(o.out.lang), rep) },
		func(w io.Writer) { writeTippingText(w, textsFor(o.out.lang), rep, tip, o.out.dir) })
	if werr != nil {
		return werr
	}
	if werr := writeTippingFolder(s.folder, &rep, tip, axis, src); werr != nil {
		return werr
	}
	if rep.Partial {
		return &interruptedError{fmt.Sprintf(textsFor(o.out.lang).TipInterrupted, len(tip.Points))}
	}
	return err
}

// optFloat is a float flag that may be left unset (NaN); unset, its help
// shows no "(default NaN)".
type optFloat float64

func (f *optFloat) String() string {
	if math.IsNaN(float64(*f)) {
		return ""
	}
	return strconv.FormatFloat(float64(*f), 'g', -1, 64)
}

func (f *optFloat) Set(s string) error {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("%q is not a finite number", s)
	}
	*f = optFloat(x)
	return nil
}

func (f *optFloat) Type() string { return "float" }

// checkFlags rejects flag values that need no graph to be judged wrong.
func (o *tippingOptions) checkFlags() error {
	switch o.axis {
	case "strength", "seeds", "budget", "broadcast":
	default:
		return usagef("--axis %q: want strength, seeds, budget or broadcast", o.axis)
	}
	if o.grid < 2 {
		return usagef("--grid %d: want at least 2 points", o.grid)
	}
	if o.refine < 0 {
		return usagef("--refine %d: want 0 or more rounds", o.refine)
	}
	if !(o.convert >= 0 && o.convert <= 1) {
		return usagef("--convert %v: want a probability in [0, 1]", o.convert)
	}
	return nil
}

func orDefault(x, d float64) float64 {
	if math.IsNaN(x) {
		return d
	}
	return x
}

func writeTippingText(w io.Writer, t *texts, r tippingReport, tip *sim.Tipping, dir string) {
	atMost := ""
	if !r.FixedTrials {
		atMost = t.TipAtMost
	}
	fmt.Fprintf(w, t.TipHeader+"\n",
		t.model(r.Model.Name), t.axis(r.Axis), r.Range[0], r.Range[1], people(float64(r.Trials)), atMost, r.Seed, r.partialMark(t))
	fmt.Fprintf(w, t.TipGraph+"\n\n", t.Colon+fmt.Sprintf(t.GraphLine, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)),
		t.links(r.Graph.Edges, r.Graph.Directed)), t.planText(r.Plan))
	tb := table{right: []bool{true, true, true, true, true, true}}
	tb.row(append([]string{t.axis(r.Axis)}, t.TipColumns...)...)
	for _, p := range r.Points {
		tb.row(axisValue(r.Axis, float64(p.X)), people(float64(p.Trials)), fmt.Sprintf("%.3f", float64(p.PCascade)),
			fmt.Sprintf("%.3f–%.3f", float64(p.PCI95[0]), float64(p.PCI95[1])),
			people(float64(p.Reach)), people(float64(p.ReachSD)), t.verdictWord(sim.Verdict(p.Verdict)))
	}
	tb.write(w)
	th := r.Threshold
	fmt.Fprintln(w)
	if th.Found {
		open := func(b bool) string {
			if b {
				return t.TipOpen
			}
			return ""
		}
		t.tipLine(w, t.TipPoint, t.TipFound, t.axis(r.Axis), axisValue(r.Axis, float64(th.Estimate)),
			axisValue(r.Axis, float64(th.CI95[0])), axisValue(r.Axis, float64(th.CI95[1])), open(th.OpenLo), open(th.OpenHi))
	} else {
		hint := t.TipWiden
		if tip.MaxCascade < 0.5 && r.Axis == "strength" && r.Range[1] >= 1 {
			hint = t.TipFull
		}
		t.tipLine(w, t.TipPoint, t.TipNotFound, r.Range[0], r.Range[1], tip.MinCascade, tip.MaxCascade, hint)
	}
	switch {
	case !math.IsNaN(float64(th.Analytic)):
		t.tipLine(w, t.TipAnalytic, t.TipAnaLine, float64(th.Analytic), t.method(th.AnalyticMethod))
	case r.Axis == "strength" && r.Model.NoGiant:
		t.tipLine(w, t.TipAnalytic, "%s", t.NoGiant)
	}
	if !math.IsNaN(float64(th.VariancePeak)) {
		t.tipLine(w, t.TipVariance, t.TipVarLine, axisValue(r.Axis, float64(th.VariancePeak)))
	}
	if dir != "" {
		fmt.Fprintf(w, t.FiguresDir+"\n", dir)
	}
}

// axisValue formats a value of the swept axis: whole seeds, money with
// thousands separators, fractions and strengths with four digits.
func axisValue(axis string, x float64) string {
	switch axis {
	case "seeds", "budget":
		return people(x)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

func writeTippingCSV(w io.Writer, t *texts, r tippingReport) error {
	cw := csv.NewWriter(w)
	cw.Write(t.TipCSVColumns)
	for _, p := range r.Points {
		cw.Write([]string{fmtNum(p.X), strconv.FormatUint(p.Trials, 10), fmtNum(p.PCascade), fmtNum(p.PCI95[0]), fmtNum(p.PCI95[1]), fmtNum(p.Reach), fmtNum(p.ReachCI[0]), fmtNum(p.ReachCI[1]), fmtNum(p.ReachSD), t.verdictWord(sim.Verdict(p.Verdict))})
	}
	cw.Flush()
	return cw.Error()
}

func writeTippingFolder(d *folder, rep *tippingReport, tip *sim.Tipping, axis results.Axis, src *sourceGraph) error {
	if d == nil {
		return nil
	}
	d.partial = rep.Partial
	data := results.Tipping{Axis: axis, AtMost: !rep.FixedTrials}
	for _, p := range tip.Points {
		s := p.Summary
		data.X = append(data.X, p.X)
		data.P, data.PLo, data.PHi = append(data.P, s.Cascade.Mean), append(data.PLo, s.Cascade.Lo), append(data.PHi, s.Cascade.Hi)
		data.Reach, data.ReachLo, data.ReachHi = append(data.Reach, s.Reach.Mean), append(data.ReachLo, s.Reach.Lo), append(data.ReachHi, s.Reach.Hi)
	}
	if tip.Found {
		data.Point, data.PointLo, data.PointHi, data.HasPoint = tip.Estimate, tip.CILo, tip.CIHi, true
	}
	if a := float64(rep.Threshold.Analytic); !math.IsNaN(a) && a >= rep.Range[0] && a <= rep.Range[1] {
		data.Analytic, data.HasAnalytic = a, true
	}
	if len(data.X) >= 2 {
		capt := d.caption(src, rep.Model, rep.Trials, rep.Seed, rep.Axis == "strength")
		fig, err := results.NewTippingFigure(d.style, data, capt)
		if err != nil {
			return err
		}
		if err := d.figure("tipping", fig, data); err != nil {
			return err
		}
	}
	return d.finish(rep, &rep.header)
}
