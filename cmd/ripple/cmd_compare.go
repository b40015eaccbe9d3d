package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

func compareCommand() command {
	return command{
		Name:  "compare",
		Usage: "[--plan NAME=SEEDS ...] [flags]",
		Short: "compare seeding plans side by side on the same random worlds",
		Long: `Runs every plan on common random numbers: trial i of each plan meets the same
random world (the same people are receptive, the same ties are live), so the
differences between plans are measured trial by trial, with far narrower
intervals than separate runs would give.

Without --plan, compares one KOL (the account with most followers) with fifty
KOCs (random accounts with 10–40 followers) on the built-in graph.

Examples:
  ripple compare
  ripple compare --plan kol=top-degree:1 --plan koc=band:50:10-40 --cost-per-seed 500
  ripple compare --graph weibo.csv --plans plans.txt --format json
  ripple compare --plan 单点=top-degree:1 --plan 多点=top-degree:5 --lang zh --out 对比

A plans file has one NAME=SEEDS per line; blank lines and # comments are skipped.`,
		Options: func() options { return &compareOptions{} },
	}
}

type compareOptions struct {
	graph     graphFlags
	model     modelFlags
	engine    engineFlags
	plans     planFlags
	out       outputFlags
	specs     []string
	plansFile string
}

func (o *compareOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&o.specs, "plan", nil, "a plan `NAME=SEEDS` (repeatable); SEEDS as for ripple run --seeds")
	fs.StringVar(&o.plansFile, "plans", "", "read plans from a `file`, one NAME=SEEDS per line")
	o.model.AddFlags(fs, scenarios.Default().Strength)
	o.engine.AddFlags(fs, 10000)
	o.plans.AddFlags(fs)
	o.graph.AddFlags(fs)
	o.out.AddFlags(fs)
}

// diffJSON is the paired difference of mean reach between two plans.
type diffJSON struct {
	Plan  string   `json:"plan"`
	Vs    string   `json:"vs"`
	Mean  num      `json:"mean"`
	CI95  interval `json:"ci95"`
	Ratio num      `json:"cost_ratio"` // cost of plan / cost of vs
}

type compareReport struct {
	meta
	Trials      int           `json:"trials"`
	Seed        uint64        `json:"seed"`
	Partial     bool          `json:"partial,omitempty"`
	Graph       graphJSON     `json:"graph"`
	Model       modelJSON     `json:"model"`
	Plans       []outcomeJSON `json:"plans"`
	Best        string        `json:"best"`
	Differences []diffJSON    `json:"differences"`
	Timing      timing        `json:"timing"`
}

// planSpecs returns the NAME=SEEDS pairs to compare, in the order given.
func (o *compareOptions) planSpecs() ([][2]string, error) {
	specs := o.specs
	if o.plansFile != "" {
		lines, err := readLabelFile(o.plansFile)
		if err != nil {
			return nil, err
		}
		specs = append(specs, lines...)
	}
	if len(specs) == 0 {
		for _, p := range scenarios.Default().Plans {
			specs = append(specs, p.Name+"="+p.Seeds)
		}
	}
	var out [][2]string
	seen := map[string]bool{}
	for _, s := range specs {
		name, seeds, ok := strings.Cut(s, "=")
		name, seeds = strings.TrimSpace(name), strings.TrimSpace(seeds)
		if !ok || name == "" || seeds == "" {
			return nil, usagef("--plan %q: want NAME=SEEDS, e.g. kol=top-degree:1", s)
		}
		if seen[name] {
			return nil, usagef("--plan: two plans are named %q", name)
		}
		seen[name] = true
		out = append(out, [2]string{name, seeds})
	}
	if len(out) < 2 {
		return nil, usagef("compare needs at least two plans (got %d); use ripple run for one", len(out))
	}
	return out, nil
}

func (o *compareOptions) Run(ctx context.Context, args []string, e *env) error {
	if err := noArgs("compare", args); err != nil {
		return err
	}
	if err := o.out.check(); err != nil {
		return err
	}
	specs, err := o.planSpecs()
	if err != nil {
		return err
	}
	cfg, err := o.engine.config()
	if err != nil {
		return err
	}
	src, err := o.graph.load()
	if err != nil {
		return err
	}
	m, err := o.model.build(o.model.strength)
	if err != nil {
		return err
	}
	b, err := o.model.behaviours(src.g, o.engine.seed)
	if err != nil {
		return err
	}
	kernel, err := m.Bind(src.g, b)
	if err != nil {
		return err
	}
	var bound []*sim.BoundPlan
	var seeders []sim.Seeder
	for _, s := range specs {
		p, err := o.plans.plan(s[0], s[1])
		if err != nil {
			return err
		}
		p.Communities = src.communities
		bp, err := p.Bind(src.g)
		if err != nil {
			return err
		}
		bound = append(bound, bp)
		seeders = append(seeders, bp)
	}

	bar := newProgress(e, o.out.quiet, "comparing")
	cfg.Progress = bar.Update
	start := time.Now()
	res, runErr := sim.RunPaired(ctx, kernel, seeders, cfg)
	bar.Done()
	if res == nil {
		return runErr
	}
	secs := time.Since(start).Seconds()
	rep := compareReport{
		meta:    newMeta(e),
		Trials:  res.Trials,
		Seed:    cfg.Seed,
		Partial: res.Partial,
		Graph:   describeGraph(src),
		Model:   describeModel(&o.model, m, src.g),
		Timing:  timing{Seconds: num(secs), TrialsPerSec: num(float64(res.Trials*len(specs)) / secs), Workers: cfg.Workers},
	}
	best := 0
	for i, r := range res.Plans {
		rep.Plans = append(rep.Plans, outcome(specs[i][0], specs[i][1], bound[i], r.Summary, cfg.Theta))
		if r.Summary.Reach.Mean > res.Plans[best].Summary.Reach.Mean {
			best = i
		}
	}
	rep.Best = specs[best][0]
	for i := range res.Plans {
		if i == best {
			continue
		}
		d, err := res.Diff(best, i)
		if err != nil {
			return err
		}
		rep.Differences = append(rep.Differences, diffJSON{
			Plan: specs[best][0], Vs: specs[i][0], Mean: num(d.Mean), CI95: ci(d),
			Ratio: num(res.Plans[best].Summary.MeanCost / res.Plans[i].Summary.MeanCost),
		})
	}
	if err := o.writeFolder(e, rep, src); err != nil {
		return err
	}
	switch o.out.format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	case "csv":
		if err := writeOutcomesCSV(e.stdout, rep.Plans); err != nil {
			return err
		}
	default:
		writeCompareText(e.stdout, rep, o.out.dir)
	}
	if runErr != nil && errors.Is(runErr, context.Canceled) {
		fmt.Fprintf(e.stderr, "ripple: interrupted after %d of %d trials; the results above are partial\n", res.Trials, cfg.Trials)
	}
	return runErr
}

func writeCompareText(w io.Writer, r compareReport, dir string) {
	partial := ""
	if r.Partial {
		partial = " (PARTIAL: interrupted)"
	}
	fmt.Fprintf(w, "ripple compare — %s at strength %g, %s trials per plan on common random numbers, seed %d%s\n",
		r.Model.Name, r.Model.Strength, people(float64(r.Trials)), r.Seed, partial)
	fmt.Fprintf(w, "graph: %s: %s nodes, %s arcs\n\n", r.Graph.Name, people(float64(r.Graph.Nodes)), people(float64(r.Graph.Edges)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "plan\treach (95% CI)\tP(cascade) (95% CI)\tverdict\tbranching\tcost\tcost/person\tseeds")
	for _, p := range r.Plans {
		cost, per := "–", "–"
		if p.Cost > 0 {
			cost, per = people(float64(p.Cost)), fmt.Sprintf("%.3g", float64(p.CostPer))
		}
		fmt.Fprintf(tw, "%s\t%s (%s–%s)\t%.3f (%.3f–%.3f)\t%s\t%.2f\t%s\t%s\t%s\n", p.Name,
			people(float64(p.Reach.Mean)), people(float64(p.Reach.CI95[0])), people(float64(p.Reach.CI95[1])),
			float64(p.PCascade.Estimate), float64(p.PCascade.CI95[0]), float64(p.PCascade.CI95[1]),
			p.Verdict, float64(p.Branching), cost, per, p.Seeds)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nbest plan by mean reach: %s\n", r.Best)
	for _, d := range r.Differences {
		more := "more"
		if d.Mean < 0 {
			more = "fewer"
		}
		abs := func(x num) float64 { return max(float64(x), -float64(x)) }
		fmt.Fprintf(w, "  %s reaches %s %s people than %s (95%% CI %s to %s)", d.Plan, people(abs(d.Mean)), more, d.Vs,
			people(float64(d.CI95[0])), people(float64(d.CI95[1])))
		if ratio := float64(d.Ratio); ratio > 0 && ratio < 1e9 {
			fmt.Fprintf(w, " at %.0f%% of the cost", 100*ratio)
		}
		if d.CI95[0] <= 0 && d.CI95[1] >= 0 {
			fmt.Fprint(w, " — not a clear difference")
		}
		fmt.Fprintln(w)
	}
	if dir != "" {
		fmt.Fprintf(w, "figures and data: %s/\n", dir)
	}
}

func (o *compareOptions) writeFolder(e *env, rep compareReport, src *sourceGraph) error {
	d, err := o.out.open(e, src, rep.Seed)
	if d == nil || err != nil {
		return err
	}
	var data results.Plans
	for _, p := range rep.Plans {
		data.Plans = append(data.Plans, results.Plan{
			Name: p.Name, Reach: float64(p.Reach.Mean), ReachLo: float64(p.Reach.CI95[0]), ReachHi: float64(p.Reach.CI95[1]),
			Cost: float64(p.Cost),
		})
	}
	fig, err := results.NewPlanFigure(d.style, data, caption(src, rep.Model, rep.Trials, rep.Seed))
	if err != nil {
		return err
	}
	if err := d.figure("compare", fig, data); err != nil {
		return err
	}
	if err := d.json("summary.json", rep); err != nil {
		return err
	}
	t := rep.Timing
	rep.Timing = timing{}
	return d.manifest(rep, t)
}
