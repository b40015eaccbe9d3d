package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ripple-sim/ripple/calibrate"
	"github.com/ripple-sim/ripple/cascades"
	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"github.com/spf13/pflag"
)

func calibrateCommand() command {
	return command{
		Name:  "calibrate",
		Usage: "--cascades FILE [flags]",
		Short: "fit the spread strength to observed cascades and test it on held-out ones",
		Long: `Fits the spread strength s of independent cascades (IC) to the sizes of past
cascades on their graph, started from each cascade's first poster: s maximises
the mean log probability of each cascade's size bucket (1, 2–3, 4–7, …, 512+;
sizes conditioned on the smallest recorded size). Reports s with a bootstrap
95% interval and s·λmax (1 is the graph's analytic tipping point), and fits two
extensions the same way: IC plus a background channel (spontaneous adopters)
and a strength that varies per cascade (log-normal), and both together. Every
strength is evaluated on the same random worlds (--worlds); on the
StackExchange graphs (3,000–10,000 people, 500 cascades) a fit takes about a
minute. The graph (--graph) is required: the built-in one has no cascades.
With --cascade-format infvae the graph's first line is read as its "n m"
header, as Inf-VAE's graph.txt has one (--header=false reads it as an edge).

With --evaluate, every model is scored on held-out cascades beside two
baselines that ignore the graph (the training bucket frequencies, and a
branching process with negative-binomial offspring), with the paired
difference to the best baseline and a verdict: model_better, no_difference
or baseline_better. It says plainly when no graph model beats the baselines.

--strength-only fits only the branching process (R and its dispersion), for
cascade files without a graph (Weibo, Twitter, MemeTracker).

Formats (--cascade-format): infvae, weibo (DeepHawkes), forest, marref.

Examples:
  ripple calibrate --graph graph.txt.gz --undirected \
      --cascades train.txt.gz --evaluate test.txt.gz --out calib
  ripple calibrate --strength-only --cascade-format marref --cascades trees.csv.gz`,
		Options: func() options { return &calibrateOptions{} },
	}
}

type calibrateOptions struct {
	graph        graphFlags
	out          outputFlags
	cascadesPath string
	evaluate     string
	format       string
	model        string
	minSize      int
	worlds       int
	bootstrap    int
	seed         uint64
	workers      int
	strengthOnly bool
	// headerSet is true when --header was given on the command line.
	headerSet func() bool
}

func (o *calibrateOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.cascadesPath, "cascades", "", "training cascades `file` (.gz ok)")
	fs.StringVar(&o.format, "cascade-format", "infvae", "cascade file `format`: infvae, weibo, forest, marref")
	fs.StringVar(&o.evaluate, "evaluate", "", "held-out cascades `file` to score the fitted models on")
	fs.StringVar(&o.model, "model", "ic", "graph `model` to fit: ic (its extensions are fitted too)")
	fs.IntVar(&o.minSize, "min-size", 0, "smallest recorded cascade `size` (0: the smallest in the training file)")
	fs.IntVar(&o.worlds, "worlds", 200, "random `worlds` every strength is evaluated on (the same for all)")
	fs.IntVar(&o.bootstrap, "bootstrap", 200, "bootstrap `replicates` for the intervals")
	fs.Uint64Var(&o.seed, "seed", 1, "master random `seed`")
	fs.IntVar(&o.workers, "workers", 0, "parallel `workers` (0: all cores); results do not depend on it")
	fs.BoolVar(&o.strengthOnly, "strength-only", false, "no graph: fit the branching process (R, dispersion) to the sizes only")
	o.graph.AddFlags(fs)
	o.out.AddFlags(fs)
	o.headerSet = func() bool { return fs.Changed("header") }
}

// defaultHeader reads the graph's first line as the "n m" header when the
// cascades are Inf-VAE's: its graph.txt always starts with one, and read as
// an edge it would add two people and a tie that are not there. An explicit
// --header (or --header=false) wins.
func (o *calibrateOptions) defaultHeader(format cascades.Format) {
	if format == cascades.InfVAE && (o.headerSet == nil || !o.headerSet()) {
		o.graph.header = true
	}
}

// checkFlags validates the flags before any file is read.
func (o *calibrateOptions) checkFlags() error {
	if o.cascadesPath == "" {
		return usagef("calibrate: --cascades is required")
	}
	if _, err := cascades.ParseFormat(o.format); err != nil {
		return usagef("--cascade-format: %v", err)
	}
	if o.model != "ic" {
		return usagef("--model %q: calibrate fits ic (and its extensions) only", o.model)
	}
	if o.worlds < 10 || o.worlds > 100000 {
		return usagef("--worlds %d: want 10 to 100000", o.worlds)
	}
	if o.bootstrap < 20 || o.bootstrap > 100000 {
		return usagef("--bootstrap %d: want 20 to 100000", o.bootstrap)
	}
	if o.minSize < 0 || o.minSize >= calibrate.OpenBucket {
		return usagef("--min-size %d: want 0 to %d", o.minSize, calibrate.OpenBucket-1)
	}
	if !o.strengthOnly && o.graph.path == "" {
		return usagef("calibrate: --graph is required (or --strength-only for cascades without a graph)")
	}
	if o.out.format == "csv" {
		return usagef("calibrate: --format csv is not available (text or json)")
	}
	return o.out.check()
}

// calibrateReport is the JSON output of ripple calibrate.
type calibrateReport struct {
	meta
	Seed         uint64            `json:"seed"`
	Graph        *graphJSON        `json:"graph,omitempty"`
	Cascades     string            `json:"cascades"`
	Format       string            `json:"cascade_format"`
	StrengthOnly bool              `json:"strength_only,omitempty"`
	Strength     *calEstimate      `json:"strength,omitempty"`
	LambdaMax    num               `json:"lambda_max,omitempty"`
	StrengthLmax *calEstimate      `json:"strength_lambda_max,omitempty"`
	Branching    *branchingJSON    `json:"branching"`
	Fit          fitJSON           `json:"fit"`
	Buckets      []string          `json:"buckets"`
	Models       []modelFitJSON    `json:"models,omitempty"`
	Evaluation   *evaluationJSON   `json:"evaluation,omitempty"`
	Delay        *delayJSON        `json:"delay,omitempty"`
	Conclusion   string            `json:"conclusion"`
	Warnings     []string          `json:"warnings,omitempty"`
	Flags        map[string]string `json:"flags,omitempty"`
	Timing       *timing           `json:"timing,omitempty"`
}

type calEstimate struct {
	Estimate num      `json:"estimate"`
	CI95     interval `json:"ci95"`
}

func est(i calibrate.Interval) *calEstimate {
	return &calEstimate{num(i.Estimate), interval{num(i.CI95[0]), num(i.CI95[1])}}
}

type branchingJSON struct {
	R          *calEstimate `json:"r"`
	Dispersion *calEstimate `json:"dispersion"`
	// AtBound: a parameter is on the edge of the search (see
	// calibrate.BranchingFit.AtBound).
	AtBound bool `json:"at_bound,omitempty"`
	// RBound and DispersionBound name the edge ("lower", "upper") a
	// parameter sits on; its ci95 then collapses onto the edge and means
	// nothing.
	RBound          string `json:"r_bound,omitempty"`
	DispersionBound string `json:"dispersion_bound,omitempty"`
}

type fitJSON struct {
	MinSize       int     `json:"min_size"`
	Used          int     `json:"cascades_used"`
	Skipped       int     `json:"cascades_skipped"`
	SkippedNotInG int     `json:"skipped_not_in_graph,omitempty"`
	Worlds        int     `json:"worlds,omitempty"`
	Bootstrap     int     `json:"bootstrap"`
	Grid          *[2]num `json:"strength_grid,omitempty"`
	TrainLogScore num     `json:"train_log_score,omitempty"`
}

type modelFitJSON struct {
	Name       string          `json:"name"`
	Strength   *calEstimate    `json:"strength"`
	Background *calEstimate    `json:"background_adopters,omitempty"`
	Sigma      *calEstimate    `json:"sigma,omitempty"`
	AtGridEdge bool            `json:"at_grid_edge,omitempty"`
	SigmaBound string          `json:"sigma_bound,omitempty"`
	TrainScore num             `json:"train_log_score"`
	LogScore   *num            `json:"log_score,omitempty"`
	Predicted  []num           `json:"predicted,omitempty"`
	Difference *differenceJSON `json:"difference,omitempty"`
	Verdict    string          `json:"verdict,omitempty"`
	Flags      string          `json:"flags"`
}

type differenceJSON struct {
	Baseline string   `json:"baseline"`
	Mean     num      `json:"mean"`
	CI95     interval `json:"ci95"`
}

type baselineJSON struct {
	LogScore  num   `json:"log_score"`
	Predicted []num `json:"predicted"`
}

type evaluationJSON struct {
	Cascades   int                     `json:"cascades"`
	Skipped    int                     `json:"cascades_skipped"`
	Observed   []num                   `json:"observed"`
	Predicted  []num                   `json:"predicted,omitempty"`
	LogScore   *num                    `json:"log_score,omitempty"`
	Baselines  map[string]baselineJSON `json:"baselines"`
	Difference *differenceJSON         `json:"difference,omitempty"`
	Verdict    string                  `json:"verdict,omitempty"`
	BestModel  string                  `json:"best_model,omitempty"`
}

type delayJSON struct {
	Adopters  int `json:"adopters"`
	Explained num `json:"explained_fraction"`
	Reversed  num `json:"reversed_fraction"`
	Median    num `json:"first_exposure_median_hours"`
	// Lift is explained minus reversed, with its 95% interval over
	// cascades (calibrate.Delay.LiftCI95).
	Lift     num      `json:"lift"`
	LiftCI95 interval `json:"lift_ci95"`
}

func nums(x []float64) []num {
	out := make([]num, len(x))
	for i, v := range x {
		out[i] = num(v)
	}
	return out
}

func (o *calibrateOptions) Run(ctx context.Context, args []string, e *env) error {
	if err := noArgs("calibrate", args); err != nil {
		return err
	}
	if err := o.checkFlags(); err != nil {
		return err
	}
	start := time.Now()
	format, _ := cascades.ParseFormat(o.format)
	t := calibrateTextsFor(o.out.lang)
	train, err := cascades.LoadFile(o.cascadesPath, format)
	if err != nil {
		return t.formatHint(err)
	}
	var test []cascades.Cascade
	if o.evaluate != "" {
		if test, err = cascades.LoadFile(o.evaluate, format); err != nil {
			return t.formatHint(err)
		}
	}
	rep := calibrateReport{meta: newMeta(e), Seed: o.seed, Cascades: o.cascadesPath, Format: format.String(), StrengthOnly: o.strengthOnly}
	var (
		src *sourceGraph
		fit *calibrate.Report
	)
	if o.strengthOnly {
		if err := o.strengthOnlyFit(&rep, train, test, t); err != nil {
			return err
		}
	} else {
		if !format.Named() {
			return usagef("calibrate: %s cascades have no user ids to match a graph: use --strength-only", format)
		}
		o.defaultHeader(format)
		if src, err = o.graph.load(e.stderr, o.out.lang); err != nil {
			return err
		}
		g := describeGraph(src)
		rep.Graph = &g
		bar := newProgress(e, o.out.quiet, "calibrating")
		fit, err = calibrate.Fit(ctx, src.g, train, test, calibrate.Options{
			MinSize: o.minSize, Worlds: o.worlds, Bootstrap: o.bootstrap, Seed: o.seed, Workers: o.workers,
		})
		bar.Done()
		if err != nil {
			return calibrateError(err, o.cascadesPath)
		}
		fillGraphReport(&rep, fit, o.bootstrap, t)
		rep.Delay, rep.Warnings = graphChecks(src.g, append(append([]cascades.Cascade{}, train...), test...), format.Timed(), t)
	}
	el := time.Since(start).Seconds()
	rep.Timing = &timing{Seconds: num(el)}
	if o.out.dir != "" {
		if err := o.writeFolder(e, &rep, fit, src); err != nil {
			return err
		}
	}
	switch o.out.format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	writeCalibrateText(e.stdout, t, &rep, o.out.dir)
	return nil
}

// graphChecks measures the cascades' delay structure on g (timed formats
// only) and warns, in t's language, when the cascades look as if they do not
// belong to g: their times do not clearly follow its arcs
// (calibrate.Delay.FollowsGraph), or many of their first posters or
// adopters are not in it (calibrate.Coverage.Mismatch).
func graphChecks(g *graph.CSR, all []cascades.Cascade, timed bool, t *calibrateTexts) (*delayJSON, []string) {
	var (
		dj       *delayJSON
		warnings []string
	)
	if timed {
		d := calibrate.DelayStructure(g, all)
		dj = &delayJSON{Adopters: d.Adopters, Explained: num(d.Explained), Reversed: num(d.Reversed), Median: num(d.MedianHours),
			Lift: num(d.Lift), LiftCI95: interval{num(d.LiftCI95[0]), num(d.LiftCI95[1])}}
		if !d.FollowsGraph() {
			warnings = append(warnings, fmt.Sprintf(t.WarnLift, 100*d.Explained, 100*d.Reversed, 100*d.LiftCI95[0], 100*d.LiftCI95[1], 100*calibrate.LiftMargin))
		}
	}
	cov := calibrate.CoverageOf(g, all)
	firsts, adopters := cov.Mismatch()
	if firsts {
		warnings = append(warnings, fmt.Sprintf(t.WarnFirsts, cov.FirstMissing, cov.FirstPosters, 100*frac(cov.FirstMissing, cov.FirstPosters)))
	}
	if adopters {
		warnings = append(warnings, fmt.Sprintf(t.WarnAdopters, cov.AdoptersMissing, cov.Adopters, 100*frac(cov.AdoptersMissing, cov.Adopters)))
	}
	return dj, warnings
}

// calibrateError marks a file without a usable cascade as the user's
// mistake, naming the file.
func calibrateError(err error, path string) error {
	if errors.Is(err, calibrate.ErrNoCascade) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return err
}

// strengthOnlyFit fills rep with the branching fit to the sizes alone.
func (o *calibrateOptions) strengthOnlyFit(rep *calibrateReport, train, test []cascades.Cascade, t *calibrateTexts) error {
	bf, err := calibrate.FitStrengthOnly(cascades.Sizes(train), o.minSize, o.bootstrap, o.seed)
	if err != nil {
		return calibrateError(err, o.cascadesPath)
	}
	rep.Branching = &branchingJSON{R: est(bf.R), Dispersion: est(bf.K), AtBound: bf.AtBound, RBound: bf.RBound, DispersionBound: bf.KBound}
	rep.Fit = fitJSON{MinSize: bf.MinSize, Used: bf.Used, Skipped: bf.Skipped, Bootstrap: o.bootstrap}
	rep.Buckets = bf.Buckets
	rep.Conclusion = fmt.Sprintf(t.BranchingOnly, bf.R.Estimate, bf.R.CI95[0], bf.R.CI95[1], bf.K.Estimate)
	if len(test) == 0 {
		return nil
	}
	b, _ := calibrate.NewBuckets(bf.MinSize)
	var sizes []int
	skipped := 0
	for _, c := range test {
		if c.Size < bf.MinSize {
			skipped++
			continue
		}
		sizes = append(sizes, c.Size)
	}
	if len(sizes) == 0 {
		return fmt.Errorf("%s: no cascade of size ≥ %d: %w", o.evaluate, bf.MinSize, calibrate.ErrNoCascade)
	}
	trainSizes := cascades.Sizes(train)
	clim := b.Climatology(trainSizes)
	branch := calibrate.Branching{R: bf.R.Estimate, K: bf.K.Estimate}.Probs(b)
	score := func(p []float64) float64 {
		s := 0.0
		for _, x := range sizes {
			s += math.Log(p[b.Of(x)])
		}
		return s / float64(len(sizes))
	}
	rep.Evaluation = &evaluationJSON{
		Cascades: len(sizes), Skipped: skipped, Observed: nums(b.Frequencies(sizes)),
		Baselines: map[string]baselineJSON{
			"climatology": {LogScore: num(score(clim)), Predicted: nums(clim)},
			"branching":   {LogScore: num(score(branch)), Predicted: nums(branch)},
		},
	}
	return nil
}

// modelFlags returns the run/compare flags that reproduce a fitted model.
func modelFlagsOf(m calibrate.ModelFit) string {
	s := "--model ic --strength " + strconv.FormatFloat(m.Strength.Estimate, 'g', 4, 64)
	if m.Rate > 0 { // ic+background and ic+background+lognormal
		s += " --broadcast f=1,q=" + strconv.FormatFloat(m.Rate, 'g', 4, 64) + ",name=background"
	}
	return s
}

// fillGraphReport copies the fit into the report.
func fillGraphReport(rep *calibrateReport, fit *calibrate.Report, boot int, t *calibrateTexts) {
	ic := fit.Models[0]
	rep.Strength = est(ic.Strength)
	rep.LambdaMax = num(fit.LambdaMax)
	l := fit.LambdaMax
	rep.StrengthLmax = &calEstimate{num(ic.Strength.Estimate * l), interval{num(ic.Strength.CI95[0] * l), num(ic.Strength.CI95[1] * l)}}
	rep.Branching = &branchingJSON{R: est(fit.Branching.R), Dispersion: est(fit.Branching.K), AtBound: fit.Branching.AtBound,
		RBound: fit.Branching.RBound, DispersionBound: fit.Branching.KBound}
	rep.Fit = fitJSON{MinSize: fit.MinSize, Used: fit.TrainUsed, Skipped: fit.TrainSkipped, SkippedNotInG: fit.SkippedNotInGraph,
		Worlds: fit.Worlds, Bootstrap: boot, Grid: &[2]num{num(fit.Grid[0]), num(fit.Grid[1])}, TrainLogScore: num(ic.TrainScore)}
	rep.Buckets = fit.Buckets
	rep.Flags = map[string]string{}
	for _, m := range fit.Models {
		mj := modelFitJSON{Name: m.Name, Strength: est(m.Strength), AtGridEdge: m.AtGridEdge, SigmaBound: m.SigmaBound, TrainScore: num(m.TrainScore), Flags: modelFlagsOf(m)}
		if m.Background != nil {
			mj.Background = est(*m.Background)
		}
		if m.Sigma != nil {
			mj.Sigma = est(*m.Sigma)
		}
		if m.Eval != nil {
			ls := num(m.Eval.LogScore)
			mj.LogScore = &ls
			mj.Predicted = nums(m.Eval.Predicted)
			d := m.Eval.Difference
			mj.Difference = &differenceJSON{d.Baseline, num(d.Mean), interval{num(d.CI95[0]), num(d.CI95[1])}}
			mj.Verdict = m.Eval.Verdict
		}
		rep.Models = append(rep.Models, mj)
		rep.Flags[m.Name] = mj.Flags
	}
	if fit.Observed == nil {
		rep.Conclusion = fmt.Sprintf(t.NoEvaluation, ic.Strength.Estimate, ic.Strength.Estimate*l)
		return
	}
	ev := &evaluationJSON{Cascades: fit.TestUsed, Skipped: fit.TestSkipped, Observed: nums(fit.Observed), Baselines: map[string]baselineJSON{}}
	for name, b := range fit.Baselines {
		ev.Baselines[name] = baselineJSON{LogScore: num(b.LogScore), Predicted: nums(b.Predicted)}
	}
	m0 := rep.Models[0]
	ev.Predicted, ev.LogScore, ev.Difference, ev.Verdict = m0.Predicted, m0.LogScore, m0.Difference, m0.Verdict
	best := 0
	for i, m := range fit.Models {
		if m.Eval.LogScore > fit.Models[best].Eval.LogScore {
			best = i
		}
	}
	ev.BestModel = fit.Models[best].Name
	rep.Evaluation = ev
	var winners []string
	for _, m := range fit.Models {
		if m.Eval.Verdict == calibrate.ModelBetter {
			winners = append(winners, m.Name)
		}
	}
	bestBase := t.baselineName(fit.Best)
	switch {
	case len(winners) > 0:
		rep.Conclusion = fmt.Sprintf(t.Beats, strings.Join(winners, ", "), bestBase)
	case fit.Models[best].Eval.Verdict == calibrate.NoDifference:
		rep.Conclusion = fmt.Sprintf(t.Ties, fit.Models[best].Name, bestBase)
	default:
		rep.Conclusion = fmt.Sprintf(t.Loses, bestBase, fit.Models[best].Name)
	}
}

// writeFolder writes the figure, its data, summary.json, one flags file per
// model and the manifest.
func (o *calibrateOptions) writeFolder(e *env, rep *calibrateReport, fit *calibrate.Report, src *sourceGraph) error {
	if src == nil { // strength-only: no graph to checksum
		src = &sourceGraph{g: emptyGraph(), name: "none (sizes only)"}
	}
	d, err := o.out.open(e, src, o.seed)
	if err != nil {
		return err
	}
	timingCopy := rep.Timing
	rep.Timing = nil
	defer func() { rep.Timing = timingCopy }()
	if err := d.json("summary.json", rep); err != nil {
		return err
	}
	if fit != nil {
		gargs, err := o.graph.reproduce()
		if err != nil {
			return err
		}
		for _, m := range fit.Models {
			name := strings.ReplaceAll(m.Name, "+", "-") + ".flags"
			body := "# ripple calibrate: " + m.Name + "; use as: ripple run $(grep -v '^#' " + name + ")\n"
			if note := spaceNote(gargs); note != "" {
				body += note
			}
			if m.Sigma != nil {
				body += fmt.Sprintf("# per-cascade strength log-normal: median %.4g, sigma %.3g; run and compare take the median only\n", m.Strength.Estimate, m.Sigma.Estimate)
			}
			body += strings.Join(gargs, " ") + "\n" + modelFlagsOf(m) + "\n"
			if err := d.write(name, "flags", func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
				return err
			}
		}
		if fit.Observed != nil {
			cd := calibrationData(fit, o.out.lang)
			fig, err := results.NewCalibrationFigure(d.style, cd, calibrationCaption(src, fit.Worlds, o.seed, o.out.lang))
			if err != nil {
				return err
			}
			if err := d.figure("calibration", fig, cd); err != nil {
				return err
			}
		}
	}
	return d.manifest(rep, nil)
}

// reproduce returns the flags that make run, compare or sweep read the
// graph exactly as f read it: --graph with the file's absolute path (so a
// flags file works from any folder) and every load option that differs from
// its default. It is the graph half of a calibrate flags file.
func (f *graphFlags) reproduce() ([]string, error) {
	abs, err := filepath.Abs(f.path)
	if err != nil {
		return nil, fmt.Errorf("calibrate: graph path %s: %w", f.path, err)
	}
	args := []string{"--graph", abs}
	for _, b := range []struct {
		on   bool
		flag string
	}{
		{f.undirected, "--undirected"}, {f.reverse, "--reverse"}, {f.directed, "--directed"},
		{f.header, "--header"}, {f.ignoreWeights, "--ignore-weights"},
	} {
		if b.on {
			args = append(args, b.flag)
		}
	}
	for _, v := range []struct{ flag, value, def string }{
		{"--input-format", f.format, "auto"}, {"--encoding", f.encoding, "auto"},
		{"--source-col", f.source, ""}, {"--target-col", f.target, ""},
		{"--weight-col", f.weight, ""}, {"--label-attr", f.label, ""},
	} {
		if v.value != v.def {
			args = append(args, v.flag, v.value)
		}
	}
	return args, nil
}

// spaceNote returns a comment line for a flags file whose arguments hold
// white space, which the shell's $(…) would split into separate words: the
// line then names the arguments to quote by hand. It returns "" otherwise.
func spaceNote(args []string) string {
	var bad []string
	for _, a := range args {
		if strings.ContainsFunc(a, unicode.IsSpace) {
			bad = append(bad, strconv.Quote(a))
		}
	}
	if len(bad) == 0 {
		return ""
	}
	return "# these arguments contain spaces, which $(grep …) splits: pass them quoted by hand: " + strings.Join(bad, " ") + "\n"
}

// calibrationCaption is the figure's footer, in lang.
func calibrationCaption(src *sourceGraph, worlds int, seed uint64, lang results.Lang) results.Caption {
	return results.Caption{
		Graph: fmt.Sprintf(calibrateTextsFor(lang).People, filepath.Base(src.name), people(float64(src.g.N()))),
		Model: "IC", Trials: worlds, Seed: seed,
	}
}

// calibrationData turns the fit into the figure's input.
func calibrationData(fit *calibrate.Report, lang results.Lang) results.Calibration {
	cd := results.Calibration{Buckets: fit.Buckets, Observed: fit.Observed, LambdaMax: fit.LambdaMax}
	for _, name := range []string{"climatology", "branching"} {
		cd.Series = append(cd.Series, results.CalibrationSeries{Name: calibrateTextsFor(lang).baselineName(name), Predicted: fit.Baselines[name].Predicted, LogScore: fit.Baselines[name].LogScore, Baseline: true})
	}
	for _, m := range fit.Models {
		cd.Series = append(cd.Series, results.CalibrationSeries{Name: m.Name, Predicted: m.Eval.Predicted, LogScore: m.Eval.LogScore,
			Strength: m.Strength.Estimate, StrengthLo: m.Strength.CI95[0], StrengthHi: m.Strength.CI95[1]})
	}
	return cd
}

// emptyGraph is a one-node graph standing for "no graph" in a manifest.
func emptyGraph() *graph.CSR {
	b := graph.NewBuilder(graph.Options{})
	b.AddNodes(1)
	g, err := b.Build()
	if err != nil {
		panic("ripple: empty graph: " + err.Error())
	}
	return g
}

// calibrateTexts are the words of calibrate's text summary.
type calibrateTexts struct {
	Header, Graph, Fit, FitSizes, Strength, Branching, AtBound, Delay, ModelsHead, Model, Observed                            string
	NoEvaluation, Beats, Ties, Loses, BranchingOnly, Figures                                                                  string
	Warning, WarnLift, WarnFirsts, WarnAdopters                                                                               string
	RvsS, Score, Minus, BaselineTag, SigmaLow, SigmaHigh, Lower, Upper, Minutes, Hours, Days, Years, People, Range, TryFormat string
	Climatology, BranchingName                                                                                                string
	Verdicts                                                                                                                  map[string]string
}

func (t *calibrateTexts) baselineName(name string) string {
	if name == "climatology" {
		return t.Climatology
	}
	return t.BranchingName
}

func calibrateTextsFor(lang results.Lang) *calibrateTexts {
	if lang == results.Chinese {
		return &calibrateTexts{
			Header:      "ripple calibrate — 由历史传播拟合传播动力（随机种子 %d）\n",
			Graph:       "关系链：%s（%d 人）\n",
			FitSizes:    "训练：%d 条传播链（跳过 %d 条），最小记录规模 %d，%d 次自助抽样；只用规模，不用关系链\n",
			Fit:         "训练：%d 条传播链（跳过 %d 条），最小记录规模 %d，%d 个随机世界，%d 次自助抽样\n",
			Strength:    "传播动力 s = %.4g（95%% 区间 %.4g–%.4g），s·λmax = %.3g（1 为引爆点）\n",
			Branching:   "分支过程（负二项后代）：R %s，离散度 k %s\n",
			AtBound:     "  注意：有参数落在搜索边界上，似然在边界外仍在增加，该值只是极限。\n",
			Delay:       "时间结构：%.0f%% 的采纳者此前有邻居已采纳（时间倒转：%.0f%%）；首次接触到采纳的中位时间 %s\n",
			ModelsHead:  "留出集（%d 条）上的对数得分，越高越好：\n",
			Score:       "得分",
			Minus:       "与%s之差 %+.3f（%+.3f 至 %+.3f）",
			BaselineTag: "（基线）",
			RvsS:        "  R 与 s·λmax 衡量的东西不同：R 只由观测到的规模拟合，不看关系链；s·λmax 是关系链模型离它的引爆点还有多远（1 为引爆点）。两者不必一致。\n",
			SigmaLow:    "  %s：σ ≤ %.3g，已是拟合所试的最小值：各传播链之间没有发现传播动力的差异（或小于网格能分辨的），不给区间。\n",
			SigmaHigh:   "  %s：σ ≥ %.3g，已是拟合所试的最大值，不给区间。\n",
			Lower:       "≤ %.3g（搜索下限，无区间）",
			Range:       "= %.3g（%.3g–%.3g）",
			TryFormat:   "%w；请试 --cascade-format %s",
			Upper:       "≥ %.3g（搜索上限，无区间）",
			Minutes:     "%.0f 分钟", Hours: "%.3g 小时", Days: "%.3g 天", Years: "%.3g 年",
			People:        "%s（%s 人）",
			Model:         "  %-24s 训练集得分 %7.3f（s = %.4g）\n",
			NoEvaluation:  "拟合的传播动力 s = %.4g（s·λmax = %.3g）；加 --evaluate 可在留出数据上检验。",
			Beats:         "结论：%s 在留出数据上优于最好的基线（%s）。",
			Ties:          "结论：最好的图模型（%s）与最好的基线（%s）在留出数据上无显著差别。",
			Loses:         "结论：没有任何图模型胜过最好的基线（%s）：这些数据上关系链模型的预测不如直接用历史规模分布；最好的图模型是 %s。",
			BranchingOnly: "无关系链的分支过程：R = %.3g（95%% 区间 %.3g–%.3g），离散度 k = %.3g。",
			Figures:       "图与数据已写入 %s\n",
			Warning:       "警告：",
			WarnLift:      "这些传播链的时间不明显顺着关系链：%.0f%% 的采纳者此前有邻居已采纳，时间倒转也有 %.0f%%（差值 95%% 区间 %.1f 至 %.1f 个百分点，未明显高于 %.0f 个百分点）；传播链可能不属于这张关系链，拟合结果不可信。",
			WarnFirsts:    "%d / %d 条传播链的首发者不在关系链中（%.0f%%）：传播链可能来自另一张关系链。",
			WarnAdopters:  "%d / %d 个采纳者不在关系链中（%.0f%%）：传播链可能来自另一张关系链，或关系链只是部分抓取。",
			Climatology:   "历史频率",
			BranchingName: "分支过程",
			Verdicts:      map[string]string{calibrate.ModelBetter: "模型更好", calibrate.NoDifference: "无显著差别", calibrate.BaselineBetter: "基线更好"},
		}
	}
	return &calibrateTexts{
		Header:      "ripple calibrate — spread strength fitted to observed cascades (seed %d)\n",
		Graph:       "Graph: %s (%d people)\n",
		FitSizes:    "Training: %d cascades (%d skipped), recorded from size %d, %d bootstrap replicates; sizes only, no graph\n",
		Fit:         "Training: %d cascades (%d skipped), recorded from size %d, %d random worlds, %d bootstrap replicates\n",
		Strength:    "Spread strength s = %.4g (95%% interval %.4g–%.4g), s·λmax = %.3g (1 is the tipping point)\n",
		Branching:   "Branching process (negative-binomial offspring): R %s, dispersion k %s\n",
		AtBound:     "  Note: a parameter sits on the edge of the search; the likelihood still rises beyond it, so the value is a limit.\n",
		Delay:       "Timing: %.0f%% of adopters had a neighbour adopt before them (time reversed: %.0f%%); median time from first exposure to adoption %s\n",
		ModelsHead:  "Held-out log score on %d cascades, higher is better:\n",
		Score:       "score",
		Minus:       "minus %s %+.3f (%+.3f to %+.3f)",
		BaselineTag: "(baseline)",
		RvsS:        "  R and s·λmax measure different things: R is a branching number fitted to the observed sizes alone, without the graph; s·λmax is how far the graph model is from its tipping point (1 is the tipping point). They need not agree.\n",
		SigmaLow:    "  %s: σ ≤ %.3g, the smallest the fit tries: no spread of strength between cascades found (or less than the grid resolves); no interval.\n",
		SigmaHigh:   "  %s: σ ≥ %.3g, the largest the fit tries; no interval.\n",
		Lower:       "≤ %.3g (the search's lower limit; no interval)",
		Range:       "= %.3g (%.3g–%.3g)",
		TryFormat:   "%w; try --cascade-format %s",
		Upper:       "≥ %.3g (the search's upper limit; no interval)",
		Minutes:     "%.0f minutes", Hours: "%.3g hours", Days: "%.3g days", Years: "%.3g years",
		People:        "%s (%s people)",
		Model:         "  %-24s training score %7.3f (s = %.4g)\n",
		NoEvaluation:  "Fitted spread strength s = %.4g (s·λmax = %.3g); add --evaluate to test it on held-out cascades.",
		Beats:         "Conclusion: %s beat the best baseline (%s) on held-out cascades.",
		Ties:          "Conclusion: the best graph model (%s) is not distinguishable from the best baseline (%s) on held-out cascades.",
		Loses:         "Conclusion: no graph model beats the best baseline (%s): on these data the graph models predict cascade sizes worse than past size frequencies; the best graph model is %s.",
		BranchingOnly: "Branching process without a graph: R = %.3g (95%% interval %.3g–%.3g), dispersion k = %.3g.",
		Figures:       "Figures and data written to %s\n",
		Warning:       "Warning: ",
		WarnLift:      "the cascades' times do not clearly follow the graph: %.0f%% of adopters had a neighbour adopt before them, and %.0f%% with time reversed (difference %.1f to %.1f points, 95%% interval, not clearly above %.0f points); the cascades may not belong to this graph, and the fit is not to be trusted.",
		WarnFirsts:    "%d of %d cascades' first posters are not in the graph (%.0f%%): the cascades may come from another graph.",
		WarnAdopters:  "%d of %d adopters are not in the graph (%.0f%%): the cascades may come from another graph, or the graph is a partial crawl.",
		Climatology:   "past size frequencies",
		BranchingName: "branching",
		Verdicts:      map[string]string{calibrate.ModelBetter: "model better", calibrate.NoDifference: "no difference", calibrate.BaselineBetter: "baseline better"},
	}
}

// formatHint adds to a cascade file's parse error the --cascade-format
// to try when the bad line reads in another format.
func (t *calibrateTexts) formatHint(err error) error {
	var pe *cascades.ParseError
	if errors.As(err, &pe) && pe.HasLooks {
		return fmt.Errorf(t.TryFormat, err, pe.Looks)
	}
	return err
}

// bounded prints an estimate as "= x (lo–hi)", or as a limit without its
// collapsed interval when it sits on the edge of the search.
func (t *calibrateTexts) bounded(e *calEstimate, bound string) string {
	switch bound {
	case calibrate.BoundLower:
		return fmt.Sprintf(t.Lower, float64(e.Estimate))
	case calibrate.BoundUpper:
		return fmt.Sprintf(t.Upper, float64(e.Estimate))
	}
	return fmt.Sprintf(t.Range, float64(e.Estimate), float64(e.CI95[0]), float64(e.CI95[1]))
}

// duration prints a time given in hours in the unit a person reads best:
// minutes below an hour, hours below two days, days below a year, else
// years (of 365.25 days).
func (t *calibrateTexts) duration(hours float64) string {
	switch {
	case math.IsNaN(hours):
		return "–"
	case hours < 1:
		return fmt.Sprintf(t.Minutes, 60*hours)
	case hours < 48:
		return fmt.Sprintf(t.Hours, hours)
	case hours < 24*365.25:
		return fmt.Sprintf(t.Days, hours/24)
	}
	return fmt.Sprintf(t.Years, hours/(24*365.25))
}

// writeCalibrateText prints the summary for a person.
func writeCalibrateText(w io.Writer, t *calibrateTexts, r *calibrateReport, dir string) {
	fmt.Fprintf(w, t.Header, r.Seed)
	if r.Graph != nil {
		fmt.Fprintf(w, t.Graph, r.Graph.Name, r.Graph.Nodes)
	}
	if r.StrengthOnly {
		fmt.Fprintf(w, t.FitSizes, r.Fit.Used, r.Fit.Skipped, r.Fit.MinSize, r.Fit.Bootstrap)
	} else {
		fmt.Fprintf(w, t.Fit, r.Fit.Used, r.Fit.Skipped, r.Fit.MinSize, r.Fit.Worlds, r.Fit.Bootstrap)
	}
	if r.Strength != nil {
		fmt.Fprintf(w, t.Strength, float64(r.Strength.Estimate), float64(r.Strength.CI95[0]), float64(r.Strength.CI95[1]), float64(r.StrengthLmax.Estimate))
	}
	if b := r.Branching; b != nil {
		fmt.Fprintf(w, t.Branching, t.bounded(b.R, b.RBound), t.bounded(b.Dispersion, b.DispersionBound))
		if b.AtBound {
			fmt.Fprint(w, t.AtBound)
		}
		if r.Strength != nil {
			fmt.Fprint(w, t.RvsS)
		}
	}
	if r.Delay != nil {
		fmt.Fprintf(w, t.Delay, 100*float64(r.Delay.Explained), 100*float64(r.Delay.Reversed), t.duration(float64(r.Delay.Median)))
	}
	if ev := r.Evaluation; ev != nil {
		fmt.Fprintf(w, t.ModelsHead, ev.Cascades)
		tab := table{right: []bool{false, false, true}}
		for _, m := range r.Models {
			d := m.Difference
			tab.row("  "+m.Name, t.Score, fmt.Sprintf("%.3f", float64(*m.LogScore)),
				fmt.Sprintf(t.Minus, t.baselineName(d.Baseline), float64(d.Mean), float64(d.CI95[0]), float64(d.CI95[1])), t.Verdicts[m.Verdict])
		}
		for _, name := range []string{"climatology", "branching"} {
			tab.row("  "+t.baselineName(name), t.Score, fmt.Sprintf("%.3f", float64(ev.Baselines[name].LogScore)), t.BaselineTag)
		}
		tab.write(w)
	} else {
		for _, m := range r.Models {
			fmt.Fprintf(w, t.Model, m.Name, float64(m.TrainScore), float64(m.Strength.Estimate))
		}
	}
	for _, m := range r.Models {
		switch {
		case m.Sigma == nil:
		case m.SigmaBound == calibrate.BoundLower:
			fmt.Fprintf(w, t.SigmaLow, m.Name, float64(m.Sigma.Estimate))
		case m.SigmaBound == calibrate.BoundUpper:
			fmt.Fprintf(w, t.SigmaHigh, m.Name, float64(m.Sigma.Estimate))
		}
	}
	fmt.Fprintln(w, r.Conclusion)
	for _, warn := range r.Warnings {
		fmt.Fprintln(w, t.Warning+warn)
	}
	if dir != "" {
		fmt.Fprintf(w, t.Figures, dir)
	}
}

func frac(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}
