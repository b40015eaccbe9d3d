package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
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

A plan is NAME=SEEDS, optionally followed by parts of its own after '|':
  'ad=top-degree:1 | broadcast f=0.02,q=0.05,name=ad burst | cost-per-seed=200'
a broadcast channel of this plan only (--broadcast applies to every plan),
its own prices, or strength=S (which must equal --strength here: compare
plays all plans on one model). A plans file has one plan per line; blank
lines and # comments are skipped.`,
		Options: func() options { return &compareOptions{} },
	}
}

type compareOptions struct {
	simFlags
	specs     []string
	plansFile string
}

func (o *compareOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&o.specs, "plan", nil, "a plan `NAME=SEEDS[ | broadcast f=F,q=Q | cost-per-seed=X | ...]` (repeatable); SEEDS as for ripple run --seeds")
	fs.StringVar(&o.plansFile, "plans", "", "read plans from a `file`, one plan (as for --plan) per line")
	o.simFlags.AddFlags(fs, 10000)
}

// diffJSON is the paired difference of mean reach between two plans.
type diffJSON struct {
	Plan  string   `json:"plan"`
	Vs    string   `json:"vs"`
	Mean  num      `json:"mean"`
	CI95  interval `json:"ci95"`
	Ratio num      `json:"cost_ratio"` // cost of plan / cost of vs
	// Same is true when the two plans reached exactly as many people in
	// every trial: neither is better.
	Same bool `json:"same,omitempty"`
}

type compareReport struct {
	header
	Plans []outcomeJSON `json:"plans"`
	// Best has the largest mean reach; BestCost the lowest cost per person
	// reached among the plans with a cost (empty when none has one).
	// BestClear is false when the paired difference between Best and some
	// other plan has a 95% interval that holds 0 (or they are the same):
	// then no plan is clearly best by reach.
	Best        string     `json:"best"`
	BestClear   bool       `json:"best_clear"`
	BestCost    string     `json:"best_by_cost,omitempty"`
	Differences []diffJSON `json:"differences"`
	// TimingOnly is true when plans differ only in launch times (@T) and
	// no freshness decay is set: then timing changes when people adopt,
	// never how many.
	TimingOnly bool `json:"timing_only,omitempty"`
}

// comparePlan is one plan to compare: its name, its description after
// NAME= (as the outputs show it), and the plan.
type comparePlan struct {
	name, seeds string
	plan        sim.Plan
}

// planSpecs returns the plans to compare, in the order given: the --plan
// flags, then the lines of --plans FILE, each a plan description (see
// sim.ParsePlan) over the --cost-per-* and --broadcast flags.
func (o *compareOptions) planSpecs(tf textFiles) ([]comparePlan, error) {
	type spec struct{ text, where string }
	var specs []spec
	for _, s := range o.specs {
		specs = append(specs, spec{s, "--plan"})
	}
	if o.plansFile != "" {
		lines, err := tf.readLines(o.plansFile)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			specs = append(specs, spec{l.text, fmt.Sprintf("%s:%d", o.plansFile, l.n)})
		}
	}
	if len(specs) == 0 {
		for _, p := range scenarios.Default().Plans {
			specs = append(specs, spec{p.Name + "=" + p.Seeds, "built-in plan"})
		}
	}
	if err := o.model.resolve(); err != nil { // the strength plans are checked against
		return nil, err
	}
	var out []comparePlan
	seen := map[string]bool{}
	for _, s := range specs {
		p, err := o.plans.parsePlan(s.text, s.where)
		if err != nil {
			return nil, err
		}
		name := p.Plan.Name
		if seen[name] {
			return nil, usagef("%s: two plans are named %q", s.where, name)
		}
		if p.HasStrength && p.Strength != o.model.strength {
			return nil, usagef("%s: plan %q has its own strength %g: compare plays every plan on one model at --strength; compare at --strength %g, or put the plans in a scenario file", s.where, name, p.Strength, p.Strength)
		}
		seen[name] = true
		_, seeds, _ := strings.Cut(s.text, "=")
		out = append(out, comparePlan{name: name, seeds: strings.TrimSpace(seeds), plan: p.Plan})
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
	specs, err := o.planSpecs(textFiles{encoding: o.graph.encoding, notes: e.stderr, lang: o.out.lang})
	if err != nil {
		return err
	}
	s, err := o.prepare(e)
	if err != nil {
		return err
	}
	m, kernel, err := o.kernel(s, o.model.strength)
	if err != nil {
		return err
	}
	var bound []*sim.BoundPlan
	var seeders []sim.Seeder
	for _, spec := range specs {
		bp, err := s.bind(spec.plan)
		if err != nil {
			return err
		}
		bound, seeders = append(bound, bp), append(seeders, bp)
	}

	cfg := s.cfg
	bar := newProgress(e, o.out.quiet, "comparing")
	cfg.Progress = bar.Update
	start := time.Now()
	res, runErr := sim.RunPaired(ctx, kernel, seeders, cfg)
	bar.Done()
	if res == nil {
		return runErr
	}
	rep := compareReport{header: o.header(e, s, m)}
	rep.Trials, rep.Partial = res.Trials, res.Partial
	rep.Timing = newTiming(time.Since(start).Seconds(), res.Trials*len(specs), cfg.Workers)
	best := 0
	for i, r := range res.Plans {
		rep.Plans = append(rep.Plans, outcome(specs[i].name, specs[i].seeds, bound[i], r.Summary, cfg.Theta, bound[i].MinStarts()))
		for _, w := range planWarnings(textsFor(o.out.lang), &o.engine, bound[i], r.Summary) {
			rep.Warnings = append(rep.Warnings, specs[i].name+": "+w)
		}
		if r.Summary.Reach.Mean > res.Plans[best].Summary.Reach.Mean {
			best = i
		}
	}
	rep.Best, rep.BestClear = specs[best].name, len(res.Plans) > 1
	ratio, threshold := ratioOf(rep.Model, o.model.behavioursSet()), sim.ThresholdModel(m.Name())
	for i, r := range res.Plans {
		rep.Plans[i].Notes = sim.Notes(r.Summary, ratio, threshold)
	}
	cheapest := -1
	for i, r := range res.Plans {
		c := r.Summary.CostPerReached
		if r.Summary.MeanCost > 0 && !math.IsNaN(c) && (cheapest < 0 || c < res.Plans[cheapest].Summary.CostPerReached) {
			cheapest = i
		}
	}
	if cheapest >= 0 {
		rep.BestCost = specs[cheapest].name
	}
	for i := range res.Plans {
		if i == best {
			continue
		}
		d, err := res.Diff(best, i)
		if err != nil {
			return err
		}
		rep.Differences = append(rep.Differences, diffJSON{
			Plan: specs[best].name, Vs: specs[i].name, Mean: num(d.Mean), CI95: ci(d),
			Ratio: num(res.Plans[best].Summary.MeanCost / res.Plans[i].Summary.MeanCost),
			Same:  d.Mean == 0 && d.Lo == 0 && d.Hi == 0,
		})
		if !(d.Lo > 0) {
			rep.BestClear = false
		}
		if withoutTimes(specs[best].seeds) == withoutTimes(specs[i].seeds) && o.model.decay == 0 && o.model.halfLife == 0 {
			rep.TimingOnly = true
		}
	}
	err = o.emit(e, &rep.header, rep,
		func(w io.Writer) error { return writeOutcomesCSV(w, textsFor(o.out.lang), rep.Plans, rep.Trials) },
		func(w io.Writer) { writeCompareText(w, textsFor(o.out.lang), rep, o.out.dir) })
	if err != nil {
		return err
	}
	if err := writeCompareFolder(s.folder, &rep, s.src); err != nil {
		return err
	}
	return interrupted(textsFor(o.out.lang), runErr, res.Trials, cfg.Trials)
}

// withoutTimes returns a seeds spec without its launch times (@T), so that
// two plans that differ only in when their groups launch compare equal.
func withoutTimes(spec string) string {
	groups := strings.Split(spec, ";")
	for i, g := range groups {
		if at := strings.LastIndex(g, "@"); at >= 0 {
			g = g[:at]
		}
		groups[i] = strings.TrimSpace(g)
	}
	return strings.Join(groups, ";")
}

func writeCompareText(w io.Writer, t *texts, r compareReport, dir string) {
	fmt.Fprintf(w, t.CompareHeader+"\n", t.model(r.Model.Name), r.Model.Strength, people(float64(r.Trials)), r.Seed, r.partialMark(t))
	fmt.Fprintf(w, "%s%s"+t.GraphLine+"\n\n", t.Graph, t.Colon, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)), t.links(r.Graph.Edges, r.Graph.Directed))
	tb := table{right: []bool{false, true, true, false, true, true, true}}
	tb.row(t.Columns...)
	for _, p := range r.Plans {
		cost, per := "–", "–"
		if p.Cost > 0 {
			cost, per = people(float64(p.Cost)), fmt.Sprintf("%.3g", float64(p.CostPer))
		}
		tb.row(p.Name,
			fmt.Sprintf("%s (%s–%s)", people(float64(p.Reach.Mean)), people(float64(p.Reach.CI95[0])), people(float64(p.Reach.CI95[1]))),
			fmt.Sprintf("%.3f (%.3f–%.3f)", float64(p.PCascade.Estimate), float64(p.PCascade.CI95[0]), float64(p.PCascade.CI95[1])),
			t.verdictWord(p.Verdict), fmt.Sprintf("%.2f", float64(p.Branching)), cost, per, p.Seeds)
	}
	tb.write(w)
	allSame := true
	for _, d := range r.Differences {
		allSame = allSame && d.Same
	}
	fmt.Fprintln(w)
	switch {
	case !allSame && r.BestClear:
		fmt.Fprintf(w, t.Best+"\n", r.Best)
	case !allSame:
		fmt.Fprintf(w, t.NoBest+"\n", r.Best)
	}
	if r.BestCost != "" {
		for _, p := range r.Plans {
			if p.Name == r.BestCost {
				fmt.Fprintf(w, t.BestCost+"\n", r.BestCost, float64(p.CostPer))
			}
		}
	}
	for _, d := range r.Differences {
		if d.Same {
			fmt.Fprintf(w, "  "+t.Same+"\n", d.Plan, d.Vs)
			continue
		}
		// d.Plan is the best plan by mean reach, so d.Mean ≥ 0.
		fmt.Fprintf(w, "  "+t.More, d.Plan, d.Vs, t.persons(float64(d.Mean)), people(float64(d.CI95[0])), people(float64(d.CI95[1])))
		switch ratio := float64(d.Ratio); {
		case ratio > 0 && ratio < 1:
			fmt.Fprintf(w, t.OfCost, 100*ratio)
		case ratio >= 1 && ratio < 1e9:
			fmt.Fprintf(w, t.TimesCost, ratio)
		}
		if d.CI95[0] <= 0 && d.CI95[1] >= 0 {
			fmt.Fprint(w, t.NotClear)
		}
		fmt.Fprintln(w)
	}
	if r.TimingOnly {
		fmt.Fprintf(w, "%s%s%s\n", t.Note, t.Colon, t.TimingOnly)
	}
	for _, p := range r.Plans {
		for _, n := range t.planNotes(p, ratioOf(r.Model, false)) {
			fmt.Fprintf(w, "%s%s%s%s%s\n", t.Note, t.Colon, p.Name, t.Colon, n)
		}
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "%s%s%s\n", t.Warning, t.Colon, warn)
	}
	if dir != "" {
		fmt.Fprintf(w, t.FiguresDir+"\n", dir)
	}
}

func writeCompareFolder(d *folder, rep *compareReport, src *sourceGraph) error {
	if d == nil {
		return nil
	}
	d.partial = rep.Partial
	var data results.Plans
	for _, p := range rep.Plans {
		data.Plans = append(data.Plans, results.Plan{
			Name: p.Name, Reach: float64(p.Reach.Mean), ReachLo: float64(p.Reach.CI95[0]), ReachHi: float64(p.Reach.CI95[1]),
			Cost:     float64(p.Cost),
			PCascade: float64(p.PCascade.Estimate), PCascadeLo: float64(p.PCascade.CI95[0]), PCascadeHi: float64(p.PCascade.CI95[1]),
			HasPCascade: true,
		})
	}
	fig, err := results.NewPlanFigure(d.style, data, d.caption(src, rep.Model, rep.Trials, rep.Seed, false))
	if err != nil {
		return err
	}
	if err := d.figure("compare", fig, data); err != nil {
		return err
	}
	return d.finish(rep, &rep.header)
}
