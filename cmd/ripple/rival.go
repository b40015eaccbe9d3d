package main

import (
	"context"
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

// rivalFlags add competing contents (负能量: a backlash racing ours) to
// ripple run.
type rivalFlags struct {
	specs []string
}

func (f *rivalFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.specs, "rival", nil, "a competing content (负能量, a backlash) `NAME=SEEDS@DELAY[:STRENGTH]`: launched from SEEDS DELAY generations after ours, first arrival wins (repeatable; ic with --delay generation only)")
}

// rivalSpec is one parsed --rival.
type rivalSpec struct {
	name, seeds string
	groups      []sim.Group
	delay       float64
	strength    float64
}

// parseRival reads NAME=SEEDS@DELAY[:STRENGTH]; SEEDS is a seed spec as
// for --seeds (groups joined by ';'). Only the last '@' followed by numbers
// is the delay, so labels such as @李雷 stay labels. strength is the
// default when STRENGTH is absent.
func parseRival(spec string, strength float64) (rivalSpec, error) {
	bad := func(format string, args ...any) (rivalSpec, error) {
		return rivalSpec{}, usagef("--rival %q: "+format+" (want NAME=SEEDS@DELAY[:STRENGTH])", append([]any{spec}, args...)...)
	}
	name, rest, ok := strings.Cut(spec, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return bad("no name")
	}
	i := strings.LastIndex(rest, "@")
	if i < 0 {
		return bad("no @DELAY")
	}
	r := rivalSpec{name: name, seeds: strings.TrimSpace(rest[:i]), strength: strength}
	d, s, hasS := strings.Cut(rest[i+1:], ":")
	var err error
	if r.delay, err = strconv.ParseFloat(strings.TrimSpace(d), 64); err != nil || math.IsInf(r.delay, 0) || math.IsNaN(r.delay) {
		return bad("delay %q is not a number", d)
	}
	if r.delay < 0 {
		return bad("start %v generations is before ours (want a delay ≥ 0)", r.delay)
	}
	if hasS {
		if r.strength, err = strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil || !(r.strength >= 0 && r.strength <= 1) {
			return bad("strength %q: want a number in [0,1]", s)
		}
	}
	groups := sim.SplitGroups(r.seeds)
	if len(groups) == 0 {
		return bad("content %q has no seeds", name)
	}
	for _, gs := range groups {
		g, err := sim.ParseGroup(gs)
		if err != nil {
			return bad("%v", err)
		}
		r.groups = append(r.groups, g)
	}
	return r, nil
}

// oursName is the name of our content beside the rivals.
const oursName = "ours"

// competeContents parses the --rival flags and returns every content, ours
// first, checked against the graph (names, seeds, overlaps) before any trial.
func (f *rivalFlags) contents(sf *simFlags, s *session, ours *sim.BoundPlan) ([]sim.Content, []rivalSpec, *sim.CompeteKernel, error) {
	if sf.model.model != "ic" || (sf.model.delay != "generation" && sf.model.delay != "") {
		return nil, nil, nil, usagef("--rival: competing contents need --model ic with --delay generation (time in generations)")
	}
	cs := []sim.Content{{Name: oursName, Seeds: ours, Strength: sf.model.strength, Behaviours: s.b}}
	var specs []rivalSpec
	for _, spec := range f.specs {
		r, err := parseRival(spec, sf.model.strength)
		if err != nil {
			return nil, nil, nil, err
		}
		bp, err := s.bind(sim.Plan{Name: r.name, Groups: r.groups})
		if err != nil {
			return nil, nil, nil, usagef("--rival %s: %v", r.name, err)
		}
		specs = append(specs, r)
		cs = append(cs, sim.Content{Name: r.name, Seeds: bp, Start: r.delay, Strength: r.strength, Behaviours: s.b})
	}
	m, err := sf.model.build(sf.model.strength)
	if err != nil {
		return nil, nil, nil, err
	}
	k, err := sim.Compete{IC: m.(sim.IC), Contents: cs}.Bind(s.src.g)
	if err != nil {
		return nil, nil, nil, usagef("--rival: %v", err)
	}
	return cs, specs, k, nil
}

// rivalJSON is one competing content in ripple run's JSON.
type rivalJSON struct {
	outcomeJSON
	Start    float64 `json:"start"`
	Strength float64 `json:"strength"`
}

// shareJSON says who got there first: share.ours is the fraction of all
// reached people whose first content was ours (total ours over total
// reached), with its 95% interval; by_content gives every content's.
type shareJSON struct {
	Ours      num            `json:"ours"`
	OursCI95  interval       `json:"ours_ci95"`
	ByContent []contentShare `json:"by_content"`
	Reached   estimateJSON   `json:"reached"`
}

type contentShare struct {
	Name  string   `json:"name"`
	Share num      `json:"share"`
	CI95  interval `json:"ci95"`
}

// competeReport is ripple run's JSON output with rivals.
type competeReport struct {
	header
	outcomeJSON
	Rivals []rivalJSON `json:"rivals"`
	Share  shareJSON   `json:"share"`
}

// runRivals is ripple run with --rival: ours and the rivals race on the same
// trials; the report adds each rival's outcome and the shares.
func (o *runOptions) runRivals(ctx context.Context, e *env, s *session, ours *sim.BoundPlan) error {
	cs, specs, k, err := o.rivals.contents(&o.simFlags, s, ours)
	if err != nil {
		return err
	}
	m, err := o.model.build(o.model.strength)
	if err != nil {
		return err
	}
	cfg := s.cfg
	if cfg.Precision.RelReach > 0 {
		return usagef("--rival: --precision is not supported with competing contents; set --trials")
	}
	bar := newProgress(e, o.out.quiet, "simulating")
	cfg.Progress = bar.Update
	start := time.Now()
	res, runErr := sim.RunCompete(ctx, k, cfg)
	bar.Done()
	if res == nil {
		return runErr
	}
	rep := competeReport{header: o.header(e, s, m)}
	rep.Trials, rep.Partial = res.Trials, res.Partial
	rep.Timing = newTiming(time.Since(start).Seconds(), res.Trials, cfg.Workers)
	rep.outcomeJSON = outcome(oursName, o.seeds, ours, res.Contents[0].Summary, cfg.Theta, 0)
	for i, r := range specs {
		c := i + 1
		bp := cs[c].Seeds.(*sim.BoundPlan)
		rep.Rivals = append(rep.Rivals, rivalJSON{outcomeJSON: outcome(r.name, r.seeds, bp, res.Contents[c].Summary, cfg.Theta, 0), Start: r.delay, Strength: r.strength})
	}
	so := res.FirstShare(0)
	rep.Share = shareJSON{Ours: num(so.Mean), OursCI95: ci(so)}
	for c, name := range res.Names {
		sh := res.FirstShare(c)
		rep.Share.ByContent = append(rep.Share.ByContent, contentShare{Name: name, Share: num(sh.Mean), CI95: ci(sh)})
	}
	re := res.Reached()
	rep.Share.Reached = estimateJSON{num(re.Mean), ci(re)}
	outs := []outcomeJSON{rep.outcomeJSON}
	for _, r := range rep.Rivals {
		outs = append(outs, r.outcomeJSON)
	}
	t := rivalTextsFor(o.out.lang)
	err = o.emit(e, &rep.header, rep,
		func(w io.Writer) error { return writeOutcomesCSV(w, textsFor(o.out.lang), outs, rep.Trials) },
		func(w io.Writer) { writeCompeteText(w, textsFor(o.out.lang), t, rep, res) })
	if err != nil {
		return err
	}
	if err := s.folder.writeCompete(&rep, res, s.src); err != nil {
		return err
	}
	return interrupted(textsFor(o.out.lang), runErr, res.Trials, cfg.Trials)
}

// rivalTexts are the words of the competing part of ripple run's summary.
// The sentences are methods with constant formats, so that go vet checks
// every verb against its arguments.
type rivalTexts struct {
	zh bool
	// Ours and Rival label our content and a rival; Share and Reached the
	// share and total lines.
	Ours, Rival, Share, Reached string
}

func rivalTextsFor(lang results.Lang) *rivalTexts {
	if lang == results.Chinese {
		return &rivalTexts{zh: true, Ours: "我方内容", Rival: "对手内容", Share: "我方先到占比", Reached: "总触达"}
	}
	return &rivalTexts{Ours: "our content", Rival: "rival", Share: "ours first", Reached: "reached in all"}
}

// header is the summary's first line; partial is the partial-run mark.
func (rt *rivalTexts) header(model string, strength float64, contents int, trials string, seed uint64, partial string) string {
	if rt.zh {
		return fmt.Sprintf("ripple run — %s，传播动力 %g，%d 个内容竞争传播（先到先得），%s 次试验，随机种子 %d%s", model, strength, contents, trials, seed, partial)
	}
	return fmt.Sprintf("ripple run — %s at strength %g, %d competing contents (first arrival wins), %s trials, seed %d%s", model, strength, contents, trials, seed, partial)
}

// rivalLine describes a rival's launch: its start points (already in the
// summary's language), its delay after ours and its strength.
func (rt *rivalTexts) rivalLine(plan string, delay, strength float64) string {
	if rt.zh {
		return fmt.Sprintf("%s，比我方晚 %g 代启动，传播动力 %g", plan, delay, strength)
	}
	return fmt.Sprintf("%s, %g generations after ours, strength %g", plan, delay, strength)
}

// shareLine gives the share of the people reached who got ours first.
func (rt *rivalTexts) shareLine(share, lo, hi string) string {
	if rt.zh {
		return fmt.Sprintf("%s 的被触达者先收到我方内容（95%% 置信区间 %s–%s）", share, lo, hi)
	}
	return fmt.Sprintf("%s of everyone reached got ours first (95%% CI %s–%s)", share, lo, hi)
}

// reachLine gives the people reached by any content.
func (rt *rivalTexts) reachLine(mean, lo, hi string) string {
	if rt.zh {
		return fmt.Sprintf("%s 人收到任一内容（95%% 置信区间 %s–%s）", mean, lo, hi)
	}
	return fmt.Sprintf("%s people got some content (95%% CI %s–%s)", mean, lo, hi)
}

// contentName names a content in the summary's language: ours by its
// Chinese word under zh ("ours" in English, as in the JSON), a rival by its
// own name.
func (rt *rivalTexts) contentName(name string) string {
	if rt.zh && name == oursName {
		return rt.Ours
	}
	return name
}

func writeCompeteText(w io.Writer, t *texts, rt *rivalTexts, r competeReport, res *sim.CompeteResult) {
	fmt.Fprintln(w, rt.header(t.model(r.Model.Name), r.Model.Strength, len(res.Names), people(float64(r.Trials)), r.Seed, r.partialMark(t)))
	t.line(w, t.Graph, t.GraphLine, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)), t.links(r.Graph.Edges, r.Graph.Directed))
	fmt.Fprintln(w, rt.Ours)
	t.line(w, t.StartPoints, "%s", t.planText(r.Plan))
	t.writeOutcomeText(w, r.outcomeJSON, res.Contents[0].Summary, false)
	for i, rv := range r.Rivals {
		fmt.Fprintf(w, "%s %s\n", rt.Rival, rv.Name)
		t.line(w, t.StartPoints, "%s", rt.rivalLine(t.planText(rv.Plan), rv.Start, rv.Strength))
		t.writeOutcomeText(w, rv.outcomeJSON, res.Contents[i+1].Summary, false)
	}
	sh := r.Share
	t.line(w, rt.Share, "%s", rt.shareLine(percent(float64(sh.Ours)), percent(float64(sh.OursCI95[0])), percent(float64(sh.OursCI95[1]))))
	t.line(w, rt.Reached, "%s", rt.reachLine(people(float64(sh.Reached.Mean)), people(float64(sh.Reached.CI95[0])), people(float64(sh.Reached.CI95[1]))))
	for _, warn := range r.Warnings {
		t.line(w, t.Warning, "%s", warn)
	}
}

// writeCompete writes the competing run's figure and data, the summary and
// the manifest; a nil folder writes nothing.
func (d *folder) writeCompete(rep *competeReport, res *sim.CompeteResult, src *sourceGraph) error {
	if d == nil {
		return nil
	}
	rt := rivalTextsFor(d.style.Lang())
	if race := raceData(res, rt); len(race.Time) >= 2 {
		c := d.caption(src, rep.Model, rep.Trials, rep.Seed, false)
		c.Model = rt.captionModel(c.Model, rep)
		fig, err := results.NewRaceFigure(d.style, race, c)
		if err != nil {
			return err
		}
		if err := d.figure("race", fig, race); err != nil {
			return err
		}
	}
	return d.finish(rep, &rep.header)
}

// captionModel states every content's strength in the race figure's
// caption: model is the caption's "IC, s = …" for ours alone, whose model
// name it keeps.
func (rt *rivalTexts) captionModel(model string, rep *competeReport) string {
	name, _, _ := strings.Cut(model, ",")
	sep := ", "
	if rt.zh {
		name, _, _ = strings.Cut(model, "，")
		sep = "，"
	}
	parts := []string{name, fmt.Sprintf("%s s = %s", rt.contentName(oursName), strconv.FormatFloat(rep.Model.Strength, 'g', 4, 64))}
	for _, r := range rep.Rivals {
		parts = append(parts, fmt.Sprintf("%s s = %s", r.Name, strconv.FormatFloat(r.Strength, 'g', 4, 64)))
	}
	return strings.Join(parts, sep)
}

// raceData turns every content's time curve into the race figure's input,
// up to the last generation in which any content still spread, each content
// named in the figure's language.
func raceData(res *sim.CompeteResult, rt *rivalTexts) results.Race {
	var r results.Race
	n := 0
	for _, c := range res.Contents {
		curve, _ := activeCurve(c.Summary)
		n = max(n, len(curve))
	}
	for i, c := range res.Contents {
		rc := results.RaceCurve{Name: rt.contentName(res.Names[i])}
		for _, p := range c.Summary.Curve[:n] {
			rc.Mean, rc.P25, rc.P75 = append(rc.Mean, p.Mean), append(rc.P25, p.P25), append(rc.P75, p.P75)
		}
		r.Contents = append(r.Contents, rc)
	}
	for _, p := range res.Contents[0].Summary.Curve[:n] {
		r.Time = append(r.Time, p.Time-1) // bin g ends generation g
	}
	return r
}
