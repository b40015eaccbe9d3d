package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

func runCommand() command {
	return command{
		Name:  "run",
		Usage: "[flags]",
		Short: "simulate one seeding plan: reach, tipping verdict, curves and figures",
		Long: `Launches the content from the start points (--seeds) many times over and
reports how far it spreads, whether it crosses the tipping point (P(cascade)
with its 95% interval against 1/2), how fast, and at what cost.

Seeds: labels (a,b,c), random:K, top-degree:K, top-indegree:K, top-pagerank:K,
band:K:MIN-MAX (K random accounts with MIN–MAX followers: KOCs), community:K.
Several groups launch together with ';' (multi-point launch, 多点同步启动), or
staggered with @TIME: "top-degree:1;band:50:10-40@2".

Examples:
  ripple run                                        # built-in graph, one KOL
  ripple run --seeds random:50 --strength 0.08 --out fig
  ripple run --graph follows.csv --reverse --seeds "大V,小王" --format json
  ripple run --model watts --phi 0.18 --strength 1 --seeds top-degree:20
  ripple run --broadcast f=0.02,q=0.05 --seeds top-degree:1 --lang zh --out 图`,
		Options: func() options { return &runOptions{} },
	}
}

type runOptions struct {
	simFlags
	seeds  string
	rivals rivalFlags
}

func (o *runOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.seeds, "seeds", "top-degree:1", "start points (启动点): labels, random:K, top-degree:K, band:K:MIN-MAX, ...; ';' joins groups, @T staggers")
	o.simFlags.AddFlags(fs, 10000)
	o.rivals.AddFlags(fs)
}

// runReport is the JSON output of ripple run.
type runReport struct {
	header
	outcomeJSON
	// Curve is cumulative reach over time, on the time axis of spread.csv
	// and the spread figure: generations (0 = the start points) or hours
	// at the end of each bin.
	Curve          []sim.CurvePoint `json:"curve"`
	CurveTruncated bool             `json:"curve_truncated,omitempty"`
}

func (o *runOptions) Run(ctx context.Context, args []string, e *env) error {
	if err := noArgs("run", args); err != nil {
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
	spec, plan, err := o.plan(s, "", o.seeds)
	if err != nil {
		return err
	}
	if len(o.rivals.specs) > 0 {
		return o.runRivals(ctx, e, s, plan) // competing contents: rival.go
	}
	cfg := s.cfg
	cfg.Record.Hits = s.folder != nil // who gets reached, for nodes.csv and Gephi

	bar := newProgress(e, o.out.quiet, "simulating")
	cfg.Progress = bar.Update
	start := time.Now()
	res, runErr := sim.Run(ctx, kernel, plan, cfg)
	bar.Done()
	if res == nil {
		return runErr
	}
	sum := res.Summary
	rep := runReport{header: o.header(e, s, m), outcomeJSON: outcome("", o.seeds, plan, sum, cfg.Theta, plan.MinStarts())}
	rep.Trials, rep.Partial = res.Trials, res.Partial
	rep.Notes = sim.Notes(sum, ratioOf(rep.Model, o.model.behavioursSet()), sim.ThresholdModel(m.Name()))
	rep.Warnings = append(rep.Warnings, planWarnings(textsFor(o.out.lang), &o.engine, plan, sum)...)
	rep.Timing = newTiming(time.Since(start).Seconds(), res.Trials, cfg.Workers)
	rep.Curve, rep.CurveTruncated = reportCurve(sum, kernel.Clock())
	err = o.emit(e, &rep.header, rep,
		func(w io.Writer) error {
			return writeOutcomesCSV(w, textsFor(o.out.lang), []outcomeJSON{rep.outcomeJSON}, rep.Trials)
		},
		func(w io.Writer) { writeRunText(w, textsFor(o.out.lang), rep, sum, &o.model, o.out.dir) })
	if err != nil {
		return err
	}
	if err := s.folder.writeRun(&rep, res, kernel.Clock(), s.src, launchEvents(spec, textsFor(o.out.lang))); err != nil {
		return err
	}
	return interrupted(textsFor(o.out.lang), runErr, res.Trials, cfg.Trials)
}

// interrupted turns a cancelled run into an error that says how much was
// done; the results already printed and written are marked partial.
func interrupted(t *texts, err error, done, planned int) error {
	if errors.Is(err, context.Canceled) {
		return &interruptedError{fmt.Sprintf(t.Interrupted, people(float64(done)), people(float64(planned)))}
	}
	return err
}

// interruptedError reports a run stopped by Ctrl-C: its message says what was
// done, and it unwraps to context.Canceled for the exit code.
type interruptedError struct{ msg string }

func (e *interruptedError) Error() string { return e.msg }
func (e *interruptedError) Unwrap() error { return context.Canceled }

// planWarnings says when a run's numbers mean less than they seem to: when
// the start points alone reach θ·n (P(reach ≥ θ·n) is then 1 by
// construction), or when a precision target was not met within the trial
// cap.
func planWarnings(t *texts, ef *engineFlags, p *sim.BoundPlan, s sim.Summary) []string {
	var w []string
	if k := p.MinStarts(); k > 0 && k >= s.CascadeAt {
		w = append(w, fmt.Sprintf(t.WarnStarts, t.persons(float64(k)), s.CascadeAt))
	}
	if ef.precision > 0 && s.Reach.Mean > 0 && s.Reach.HalfWidth()/s.Reach.Mean > ef.precision {
		w = append(w, fmt.Sprintf(t.WarnPrecision, ef.precision, ef.trials, s.Reach.HalfWidth()/s.Reach.Mean))
	}
	return w
}

func writeRunText(w io.Writer, t *texts, r runReport, s sim.Summary, mf *modelFlags, dir string) {
	fmt.Fprintf(w, t.RunHeader+"\n", t.model(r.Model.Name), r.Model.Strength, people(float64(r.Trials)), r.Seed, r.partialMark(t))
	t.line(w, t.Graph, t.GraphLine, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)), t.links(r.Graph.Edges, r.Graph.Directed))
	t.line(w, t.StartPoints, "%s", t.planText(r.Plan))
	t.writeOutcomeText(w, r.outcomeJSON, s, sim.ThresholdModel(r.Model.Name))
	ratio := math.NaN()
	if c := r.Model.Critical; c != nil {
		more := fmt.Sprintf(t.AtCritical, r.Model.Strength/float64(c.Strength))
		if mf.behavioursSet() {
			more = t.Behaviours
		} else {
			ratio = r.Model.Strength / float64(c.Strength)
		}
		t.line(w, t.Analytic, "%.4g (%s)%s", float64(c.Strength), t.method(c.Method), more)
	}
	if note := t.agreement(s.Verdict, s.Branching, ratio); note != "" {
		t.line(w, t.Note, "%s", note)
	}
	if r.CurveTruncated {
		t.line(w, t.Note, "%s", t.CurveCut)
	}
	for _, warn := range r.Warnings {
		t.line(w, t.Warning, "%s", warn)
	}
	if dir != "" {
		t.line(w, t.Figures, "%s/", dir)
	}
}
