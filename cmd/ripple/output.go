package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

// outputFlags say what a simulation command prints and writes.
type outputFlags struct {
	format  string
	dir     string
	figures string
	lang    results.Lang
	font    string
	quiet   bool
	gephi   bool
}

func (f *outputFlags) AddFlags(fs *pflag.FlagSet) {
	f.lang = "en"
	fs.StringVar(&f.format, "format", "text", "what to print: text (for people), json (one object) or csv")
	fs.StringVarP(&f.dir, "out", "o", "", "write figures, the data behind them (CSV) and a manifest into `dir`")
	fs.StringVar(&f.figures, "figure-format", "png,svg,pdf", "figure formats to write with --out: any of png, svg, pdf")
	fs.Var(&f.lang, "lang", "language of everything a person reads (summary, figures, CSV headers, notes): en or zh (中文)")
	fs.StringVar(&f.font, "font", "", "TrueType/OpenType `file` for figure text (default: the embedded Noto Sans SC subset)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress line on stderr")
	fs.BoolVar(&f.gephi, "gephi", false, "with --out, also write reached.gexf (the graph with each person's chance of adopting, for Gephi; large)")
}

// check validates the flags before any work is done.
func (f *outputFlags) check() error {
	switch f.format {
	case "text", "json", "csv":
	default:
		return usagef("--format %q: want text, json or csv", f.format)
	}
	for _, ext := range f.figureExts() {
		switch ext {
		case "png", "svg", "pdf":
		default:
			return usagef("--figure-format %q: want png, svg or pdf", ext)
		}
	}
	if f.font != "" {
		if _, err := os.Stat(f.font); err != nil {
			return usagef("--font: %v", err)
		}
	}
	return nil
}

func (f *outputFlags) figureExts() []string {
	var exts []string
	for _, s := range strings.Split(f.figures, ",") {
		if s = strings.TrimSpace(strings.ToLower(s)); s != "" {
			exts = append(exts, s)
		}
	}
	return exts
}

// folder collects the files a command writes into --out. It is a
// results.OutDir: everything is staged beside the folder and swapped in at
// once by finish, so the folder never mixes two results.
type folder struct {
	out   *results.OutDir
	style *results.Style
	exts  []string
	// partial marks every file of an interrupted run.
	partial bool
	// gephi asks for reached.gexf.
	gephi bool
	// broadcasts are the --broadcast channels, named in captions.
	broadcasts []string
}

// open locks and checks the --out folder before any trial runs, and
// registers its release with e.
func (f *outputFlags) open(e *env, src *sourceGraph, seed uint64) (*folder, error) {
	if f.dir == "" {
		return nil, nil
	}
	st, err := results.NewStyleFile(f.lang, f.font)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("--font %s: %v", f.font, err)}
	}
	out, err := results.CreateOutDir(f.dir)
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	e.cleanup = append(e.cleanup, out.Close)
	// Every name a simulation command may write, checked before the first
	// trial rather than after the last.
	names := []string{"summary.json", "nodes.csv", "reached.gexf"}
	for _, base := range []string{"reach", "spread", "compare", "tipping"} {
		names = append(names, base+".csv")
		for _, ext := range f.figureExts() {
			names = append(names, base+"."+ext)
		}
	}
	if err := out.Claim(names...); err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	font := f.font
	if font == "" {
		font = "embedded"
	}
	_, goVersion := results.BuildVersion()
	out.Manifest = results.Manifest{
		Schema: results.ManifestSchema, Tool: "ripple", Version: buildVersion(), GoVersion: goVersion,
		Command: append([]string{"ripple"}, e.args...), Seed: seed, Lang: f.lang, Font: font,
		Graph: results.ManifestGraph{Source: src.name, Checksum: src.g.Checksum(), Nodes: src.g.N(), Arcs: int64(src.g.M())},
	}
	return &folder{out: out, style: st, exts: f.figureExts(), gephi: f.gephi}, nil
}

// write writes one file into the folder.
func (d *folder) write(name, kind string, write func(io.Writer) error) error {
	return d.out.Write(name, kind, write)
}

// json writes v as indented JSON.
func (d *folder) json(name string, v any) error {
	return d.write(name, "summary", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	})
}

// figure writes fig in every requested format as base.EXT, and the data
// behind it as base.csv.
func (d *folder) figure(base string, fig *results.Figure, data interface {
	WriteCSV(io.Writer, results.Lang) error
}) error {
	if d.partial {
		fig.MarkPartial()
	}
	for _, ext := range d.exts {
		format := results.Format(ext) // checked by outputFlags.check
		if err := d.write(base+"."+ext, "figure", func(w io.Writer) error { return fig.Render(w, format) }); err != nil {
			return err
		}
	}
	return d.write(base+".csv", "data", func(w io.Writer) error { return data.WriteCSV(w, d.style.Lang()) })
}

// manifest closes the folder with manifest.json, which records what was run
// (params, the report without its timing), on what, and which files it
// wrote, so that any figure can be reproduced; then swaps the new result in.
func (d *folder) manifest(params any, t *timing) error {
	m := &d.out.Manifest
	m.Parameters, m.Timing, m.Partial = params, t, d.partial
	for i := range m.Files {
		m.Files[i].Partial = d.partial
	}
	if err := d.out.Commit(); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// reachBuckets presents the engine's reach histogram to the reach figure.
type reachBuckets struct{ h *sim.Histogram }

func (r reachBuckets) Len() int { return r.h.Len() }

func (r reachBuckets) Bucket(i int) (lo, hi float64, count uint64) {
	l, u := sim.HistBucket(i)
	return float64(l), float64(u), r.h.Count(i)
}

// caption names what a figure was computed from, in the figure's language;
// swept says that the strength varies along the figure's axis.
func (d *folder) caption(src *sourceGraph, model modelJSON, trials int, seed uint64, swept bool) results.Caption {
	t := textsFor(d.style.Lang())
	name := t.model(model.Name)
	if name == model.Name {
		name = strings.ToUpper(name)
	}
	m := fmt.Sprintf(t.CaptionModel, name, strconv.FormatFloat(model.Strength, 'g', 4, 64))
	if swept {
		m = fmt.Sprintf(t.CaptionSwept, name)
	}
	st := settingTextsFor(d.style.Lang())
	if more := st.settings(model.Params, d.broadcasts); more != "" {
		m += st.Sep + more
	}
	return results.Caption{Graph: t.graphName(filepath.Base(src.name)), Nodes: src.g.N(), Model: m, Trials: trials, Seed: seed}
}

// activeCurve returns the time curve up to one bin after the last in which
// anything still happened (more than 1/1000 of the mean reach was added), so
// that figures and outputs are not padded with flat tails. The engine's last
// bin also holds everything later; when that overflow is not negligible the
// curve is cut before it and truncated is true.
func activeCurve(s sim.Summary) (curve []sim.CurvePoint, truncated bool) {
	last := 0
	for i, c := range s.Curve {
		if c.New > 1e-3*max(s.Reach.Mean, 1) {
			last = i
		}
	}
	if n := len(s.Curve); n > 0 && last == n-1 {
		return s.Curve[:n-1], true
	}
	return s.Curve[:min(last+2, len(s.Curve))], false
}

// reportCurve returns the time curve the JSON report carries: activeCurve's,
// with generation g at time g as in spread.csv and the spread figure (the
// engine's bin g ends at g+1).
func reportCurve(s sim.Summary, clock sim.Clock) ([]sim.CurvePoint, bool) {
	curve, truncated := activeCurve(s)
	curve = slices.Clone(curve)
	if clock == sim.Generations {
		for i := range curve {
			curve[i].Time--
		}
	}
	return curve, truncated
}

// spreadData turns the engine's time curve into the spread figure's input.
// The self-sustaining marker is set only for a plan that crossed the tipping
// point, and with generations it looks at the audience's growth from
// generation 1 on, as the verdict and the branching factor do; with hours
// it looks only past the last launch (a broadcast's adopters arriving at
// once are a launch, not growth). The events are drawn on the figure.
func spreadData(s sim.Summary, clock sim.Clock, events []results.Event) results.Spread {
	sp := results.Spread{Unit: results.Generations}
	if clock == sim.Hours {
		sp.Unit = results.Hours
	}
	curve, _ := activeCurve(s)
	for _, c := range curve {
		t := c.Time
		if clock == sim.Generations {
			t-- // bin g ends generation g
		}
		sp.Time = append(sp.Time, t)
		sp.Mean = append(sp.Mean, c.Mean)
		sp.P5, sp.P25, sp.P50 = append(sp.P5, c.P05), append(sp.P25, c.P25), append(sp.P50, c.P50)
		sp.P75, sp.P95 = append(sp.P75, c.P75), append(sp.P95, c.P95)
	}
	if s.Verdict != sim.Crossed {
		return sp // the marker says what the verdict says, never more
	}
	switch clock {
	case sim.Generations:
		// The audience's generations: the start points' fan-out (generation
		// 0 to 1) is the launch's size, not growth of its own.
		if len(s.Generations) > 1 {
			if g, ok := results.SelfSustaining(s.Generations[1:]); ok {
				sp.SelfSustaining, sp.Sustained = float64(g+1), true
			}
		}
	case sim.Hours:
		// Skip every bin up to the one holding the last launch (bins end
		// at Time and are equally wide).
		from, width := 0, 0.0
		if len(sp.Time) > 1 {
			width = sp.Time[1] - sp.Time[0]
		}
		for _, e := range events {
			for from < len(sp.Time) && sp.Time[from]-width <= e.Time {
				from++
			}
		}
		// Reach gained since the last launch, so that its first bin holds
		// only what came after it.
		since := slices.Clone(sp.Mean[from:])
		if from > 0 {
			for i := range since {
				since[i] -= sp.Mean[from-1]
			}
		}
		if t, ok := results.SelfSustainingTime(sp.Time[from:], since); ok {
			sp.SelfSustaining, sp.Sustained = t, true
		}
	}
	sp.Events = events
	return sp
}

// launchEvents lists the launches of p after the start for the spread
// figure: seed groups launched later (@T) and every broadcast channel.
func launchEvents(p sim.Plan, t *texts) []results.Event {
	var ev []results.Event
	for _, g := range p.Groups {
		if g.Time > 0 {
			ev = append(ev, results.Event{Time: g.Time, Label: g.Seeds.String()})
		}
	}
	for _, c := range p.Channels {
		name := c.Name
		if name == "" || name == "broadcast" { // unnamed: the flag parser's default name
			name = t.Broadcast
		}
		ev = append(ev, results.Event{Time: c.Time, Label: name})
	}
	return ev
}

// writeRun writes ripple run's figures and data; a nil folder writes nothing.
func (d *folder) writeRun(rep *runReport, res *sim.Result, clock sim.Clock, src *sourceGraph, events []results.Event) error {
	if d == nil {
		return nil
	}
	d.partial = rep.Partial
	capt := d.caption(src, rep.Model, rep.Trials, rep.Seed, false)
	reach := results.Reach{Trials: reachBuckets{&res.Acc.Reach}, Nodes: src.g.N(), Theta: float64(rep.PCascade.Theta),
		Cascades: res.Acc.Large, KnownCascades: true}
	fig, err := results.NewReachFigure(d.style, reach, capt)
	if err != nil {
		return err
	}
	if err := d.figure("reach", fig, reach); err != nil {
		return err
	}
	spread := spreadData(res.Summary, clock, events)
	if len(spread.Time) >= 2 {
		fig, err := results.NewSpreadFigure(d.style, spread, capt)
		if err != nil {
			return err
		}
		if err := d.figure("spread", fig, spread); err != nil {
			return err
		}
	}
	if err := d.people(res.Acc, src); err != nil {
		return err
	}
	return d.finish(rep, &rep.header)
}

// maxGEXFNodes bounds the graph written for Gephi: beyond it Gephi's layouts
// are too slow to be useful, and nodes.csv holds the same numbers.
const maxGEXFNodes = 200000

// people writes who gets reached: nodes.csv (each person's probability of
// adopting, most likely first) and, when asked for with --gephi and for
// graphs Gephi can lay out, reached.gexf with that probability as a node
// attribute to colour by (22.7 MB for the built-in graph: not by default).
func (d *folder) people(acc *sim.Accumulator, src *sourceGraph) error {
	if acc.Hits == nil || acc.Trials == 0 {
		return nil
	}
	g := src.g
	p := make([]float64, g.N())
	order := make([]int, g.N())
	for v, h := range acc.Hits {
		p[v] = math.Round(1e4*float64(h)/float64(acc.Trials)) / 1e4 // 4 decimals keep the GEXF small
		order[v] = v
	}
	sort.SliceStable(order, func(i, j int) bool { return p[order[i]] > p[order[j]] })
	err := d.write("nodes.csv", "data", func(w io.Writer) error {
		rows := make([][]string, 0, len(order))
		for _, v := range order {
			u := uint32(v)
			rows = append(rows, []string{g.Label(u), strconv.Itoa(g.Out.Degree(u)), strconv.Itoa(g.In.Degree(u)),
				strconv.FormatFloat(p[v], 'g', 6, 64)})
		}
		return results.WriteCSV(w, textsFor(d.style.Lang()).NodesColumns, rows)
	})
	if err != nil || !d.gephi || g.N() > maxGEXFNodes {
		return err
	}
	return d.write("reached.gexf", "graph", func(w io.Writer) error {
		return graph.Encode(w, g, graph.FormatGEXF, graph.NodeAttr{Name: "p_activated", Values: p})
	})
}

// fmtNum formats a number for a CSV cell: six significant digits, NaN and
// infinities as Go spells them.
func fmtNum(x num) string { return strconv.FormatFloat(float64(x), 'g', 6, 64) }

// writeOutcomesCSV prints one row per plan, as plain CSV for programs (the
// files in --out carry a BOM for Excel; standard output does not).
func writeOutcomesCSV(w io.Writer, t *texts, outs []outcomeJSON, trials int) error {
	header := t.OutcomeColumns
	var rows [][]string
	for _, o := range outs {
		name := o.Name
		if name == "" {
			name = o.Seeds // a run's one plan is its description
		}
		cost, costPer := fmtNum(o.Cost), fmtNum(o.CostPer)
		if o.Cost == 0 {
			cost, costPer = "", "" // no prices given: blank, as in --out, not "free"
		}
		rows = append(rows, []string{results.SafeCell(name), results.SafeCell(o.Seeds), strconv.Itoa(trials), fmtNum(o.Reach.Mean), fmtNum(o.Reach.CI95[0]), fmtNum(o.Reach.CI95[1]),
			fmtNum(o.Reach.SD), fmtNum(o.Reach.Median), fmtNum(o.Reach.P90), fmtNum(o.PCascade.Estimate), fmtNum(o.PCascade.CI95[0]), fmtNum(o.PCascade.CI95[1]),
			fmtNum(o.PCascade.Large.Mean), t.verdictWord(o.Verdict), fmtNum(o.FirstLevel.Mean), fmtNum(o.Branching), cost, costPer})
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.WriteAll(rows)
	return cw.Error()
}
