package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sweep"
	"github.com/spf13/pflag"
)

func sweepCommand() command {
	return command{
		Name:  "sweep",
		Usage: "FILE --out DIR [flags]",
		Short: "run every point of a scenario file: resumable, in shards that merge exactly",
		Long: `Reads a scenario file (see scenarios/examples), checks all of it at once
(every problem with file, line and field; nothing runs until the file is
right), loads each distinct graph once, and runs every point and plan in
parallel. DIR gets:

  results.csv    one row per point × plan × statistic, every swept parameter a column
  summary.csv    one row per point × plan, for Excel
  results.json   every point's settings and per-plan summaries
  shard.json     what the folder holds, for 'ripple merge' and re-rendering
  manifest.json  version, seed, command and each file's SHA-256

Work is split into units of (point, block of --block trials), each saved
as it finishes beside DIR (.DIR.ripple-sweep). After an interruption,
kill -9 included, run the same command with --resume: it plays only what
is left and the files come out byte-identical to an uninterrupted sweep.
A resume against an edited file refuses, naming the points that changed.

--shard i/n runs the i-th of n disjoint parts (any machine, any order);
'ripple merge' combines the n folders into the same files as one sweep.

Examples:
  ripple sweep scenarios/examples/tipping-map.yaml --out 地图
  ripple sweep study.yaml --out study --resume          # after an interruption
  ripple sweep study.yaml --shard 2/3 --out part2       # one of three machines
  ripple merge part1 part2 part3 --out study`,
		Options: func() options { return &sweepOptions{} },
	}
}

type sweepOptions struct {
	out     string
	resume  bool
	shard   string
	block   int
	workers int
	lang    results.Lang
	quiet   bool
}

func (o *sweepOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "`folder` to write the results into (required)")
	fs.BoolVar(&o.resume, "resume", false, "continue an interrupted sweep into the same --out")
	fs.StringVar(&o.shard, "shard", "1/1", "run only part `i/n` of the units (merge the n folders with 'ripple merge')")
	fs.IntVar(&o.block, "block", sweep.DefaultBlock, "trials per unit of work (every shard and resume of a sweep must use the same)")
	fs.IntVar(&o.workers, "workers", 0, "goroutines (0: one per CPU); results do not depend on it")
	fs.Var(&o.lang, "lang", "language of CSV headers and messages: en or zh (中文); default: the file's output.lang")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress line")
}

func (o *sweepOptions) Run(ctx context.Context, args []string, e *env) error {
	if len(args) != 1 {
		return usagef("sweep: want one scenario FILE, got %d arguments (see 'ripple sweep --help')", len(args))
	}
	if o.out == "" {
		return usagef("sweep: --out DIR is required")
	}
	if o.block < 1 {
		return usagef("sweep: --block %d: want ≥ 1", o.block)
	}
	part, err := sweep.ParsePart(o.shard)
	if err != nil {
		return usagef("sweep: --shard: %v", err)
	}
	sw, err := sweep.Load(args[0], o.block)
	if err != nil {
		return err
	}
	sw.Header.Version = buildVersion()
	lang := o.lang
	if lang == "" {
		if lang, err = results.ParseLang(sw.Scenario.Output.Lang); err != nil {
			lang = results.English
		}
	}
	t := sweepTextsFor(lang)
	od, err := results.CreateOutDir(o.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	e.cleanup = append(e.cleanup, od.Close)
	ckdir := sweep.StoreDir(o.out)
	st, err := sweep.OpenStore(ckdir, sw.Header, part, o.resume)
	if err != nil {
		return err
	}
	units := sw.Header.PartUnits(part)
	bar := newProgress(e, o.quiet, t.Running)
	base := -1 // trials finished before this run: not counted in the ETA's rate
	progress := func(done, total int) {
		if base < 0 {
			base = done
		}
		bar.Update(done-base, total-base)
	}
	set, err := sw.Run(ctx, sweep.Options{Part: part, Workers: o.workers, Store: st, Progress: progress})
	bar.Done()
	if err != nil {
		return fmt.Errorf("%w\n"+t.Kept, err, ckdir, args[0], o.out)
	}
	if err := writeSweep(od, set, lang, e); err != nil {
		return err
	}
	if err := st.Remove(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, t.Done, len(sw.Header.Points), part, len(units), od.Dir())
	return nil
}

// writeSweep writes a sweep's (or merge's) files into od and commits it:
// shard.json always, the tables when the set is whole.
func writeSweep(od *results.OutDir, set *sweep.Set, lang results.Lang, e *env) error {
	h := &set.Header
	_, goVersion := results.BuildVersion()
	od.Manifest = results.Manifest{
		Schema: results.ManifestSchema, Tool: "ripple", Version: h.Version, GoVersion: goVersion,
		Command: append([]string{"ripple"}, e.args...), Seed: h.Seed, Lang: lang, Font: "embedded",
		Parameters: map[string]any{"scenario_sha256": h.Scenario, "sweep_sha256": h.Sweep, "block": h.Block, "part": set.Part.String(), "graphs": h.Graphs},
	}
	if set.Part.Of == 1 {
		rs, err := set.Results()
		if err != nil {
			return err
		}
		for _, f := range []struct {
			name, kind string
			write      func(io.Writer) error
		}{
			{"results.csv", "data", func(w io.Writer) error { return sweep.WriteResultsCSV(w, h, rs, lang) }},
			{"summary.csv", "data", func(w io.Writer) error { return sweep.WriteSummaryCSV(w, h, rs, lang) }},
			{"results.json", "summary", func(w io.Writer) error { return sweep.WriteResultsJSON(w, h, rs) }},
		} {
			if err := od.Write(f.name, f.kind, f.write); err != nil {
				return err
			}
		}
		if err := sweepFigures(od, h, rs, lang); err != nil {
			return err
		}
	}
	if err := od.Write(sweep.ShardFile, "data", set.Write); err != nil {
		return err
	}
	if err := od.Commit(); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// sweepFigures writes the heat map of P(cascade) over the first two swept
// parameters (one per plan) and reach against each parameter, as PNG, SVG
// and PDF.
func sweepFigures(od *results.OutDir, h *sweep.Header, rs []sweep.PointResult, lang results.Lang) error {
	st, err := results.NewStyle(lang, nil)
	if err != nil {
		return err
	}
	c := results.Caption{Seed: h.Seed}
	if len(h.Points) > 0 { // what every point shares; "…" where they differ
		p0 := h.Points[0]
		c.Trials, c.Graph, c.Nodes, c.Model = p0.Trials, p0.GraphName, p0.Nodes, p0.Model
		for _, p := range h.Points[1:] {
			if p.GraphName != p0.GraphName || p.Nodes != p0.Nodes {
				c.Graph, c.Nodes = "…", 0
			}
			if p.Model != p0.Model {
				c.Model = "…"
			}
			c.Trials = min(c.Trials, p.Trials)
		}
		if c.Graph == "built-in" && lang == results.Chinese {
			c.Graph = "内置网络"
		}
	}
	var figs []*results.Figure
	var names []string
	heat := sweep.HeatMaps(h, rs)
	for k, m := range heat {
		f, err := results.NewHeatMapFigure(st, m, c)
		if err != nil {
			return err
		}
		name := "heatmap"
		if len(heat) > 1 {
			name = fmt.Sprintf("heatmap-%d", k+1)
		}
		figs, names = append(figs, f), append(names, name)
	}
	for k, a := range sweep.AxisFigures(h, rs) {
		f, err := results.NewSweepFigure(st, a, c)
		if err != nil {
			return err
		}
		figs, names = append(figs, f), append(names, fmt.Sprintf("reach-%d", k+1))
	}
	for i, f := range figs {
		for _, format := range []results.Format{results.PNG, results.SVG, results.PDF} {
			if err := od.Write(names[i]+"."+string(format), "figure", func(w io.Writer) error { return f.Render(w, format) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// sweepTexts are the sweep and merge commands' messages in one language.
type sweepTexts struct {
	Running string
	// Kept: checkpoint folder, scenario file, out folder.
	Kept string
	// Done: points, part, units, folder. Merged: shards, points, folder.
	Done, Merged string
}

func sweepTextsFor(l results.Lang) sweepTexts {
	if l == results.Chinese {
		return sweepTexts{
			Running: "批量运行",
			Kept:    "已完成的单元保存在 %s；用 ripple sweep %s --out %s --resume 继续",
			Done:    "%d 个运行点，分片 %s（%d 个单元）：结果已写入 %s\n",
			Merged:  "合并了 %d 个分片，%d 个运行点：结果已写入 %s\n",
		}
	}
	return sweepTexts{
		Running: "sweeping",
		Kept:    "finished units are kept in %s; continue with: ripple sweep %s --out %s --resume",
		Done:    "%d points, part %s (%d units): results in %s\n",
		Merged:  "merged %d shards, %d points: results in %s\n",
	}
}

// errNoShard is returned by merge without shard folders.
var errNoShard = errors.New("merge: name the shard folders to merge")
