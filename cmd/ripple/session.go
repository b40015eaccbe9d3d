package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

// simFlags are the flags every simulation command shares: the graph, the
// model and its behaviours, the engine, the plans' prices and channels, and
// the outputs.
type simFlags struct {
	graph  graphFlags
	model  modelFlags
	engine engineFlags
	plans  planFlags
	out    outputFlags
}

func (f *simFlags) AddFlags(fs *pflag.FlagSet, defaultTrials int) {
	f.model.AddFlags(fs, scenarios.Default().Strength)
	f.engine.AddFlags(fs, defaultTrials)
	f.plans.AddFlags(fs)
	f.graph.AddFlags(fs)
	f.out.AddFlags(fs)
	addProfileFlag(fs)
}

// session is what a simulation command has set up before its first trial:
// the engine configuration, the graph, the behaviours and the output folder
// (nil without --out). Everything a user can get wrong has been checked.
type session struct {
	cfg    sim.Config
	src    *sourceGraph
	b      sim.Behaviours
	folder *folder
}

// prepare checks the flags, loads the graph and opens the output folder.
func (f *simFlags) prepare(e *env) (*session, error) {
	if err := f.out.check(); err != nil {
		return nil, err
	}
	if err := f.model.resolve(); err != nil {
		return nil, err
	}
	cfg, err := f.engine.config()
	if err != nil {
		return nil, err
	}
	cfg.Record = f.model.record()
	src, err := f.graph.load(e.stderr, f.out.lang)
	if err != nil {
		return nil, err
	}
	b, err := f.model.behaviours(src.g, f.engine.seed, textFiles{encoding: f.graph.encoding, notes: e.stderr, lang: f.out.lang})
	if err != nil {
		return nil, err
	}
	folder, err := f.out.open(e, src, cfg.Seed)
	if err != nil {
		return nil, err
	}
	if folder != nil {
		folder.broadcasts = f.plans.broadcasts
	}
	return &session{cfg: cfg, src: src, b: b, folder: folder}, nil
}

// kernel builds the model at strength s and binds it to the graph.
func (f *simFlags) kernel(s *session, strength float64) (sim.Model, sim.Kernel, error) {
	m, err := f.model.build(strength)
	if err != nil {
		return nil, nil, err
	}
	k, err := bindModel(m, s.src.g, s.b)
	return m, k, err
}

// plan builds and binds the plan named name seeding spec.
func (f *simFlags) plan(s *session, name, spec string) (sim.Plan, *sim.BoundPlan, error) {
	p, err := f.plans.plan(name, spec)
	if err != nil {
		return p, nil, err
	}
	p.Communities = s.src.communities
	bp, err := s.bind(p)
	return p, bp, err
}

// bind binds p to the session's graph with the graph's known communities
// (the built-in graph's planted ones), so that community:K seeds need no
// detection; see bindPlan.
func (s *session) bind(p sim.Plan) (*sim.BoundPlan, error) {
	p.Communities = s.src.communities
	return bindPlan(p, s.src.g)
}

// header is what every simulation command's JSON output starts with.
type header struct {
	meta
	Trials   int        `json:"trials"`
	Seed     uint64     `json:"seed"`
	Partial  bool       `json:"partial,omitempty"`
	Warnings []string   `json:"warnings,omitempty"`
	Graph    sourceJSON `json:"graph"`
	Model    modelJSON  `json:"model"`
	// Timing is the only part that depends on the clock and the machine.
	Timing *timing `json:"timing,omitempty"`
}

// sourceJSON is the graph a simulation ran on and, for a file, how it was
// read (format, encoding, the columns and so the direction content flows).
type sourceJSON struct {
	graphJSON
	Read *readJSON `json:"read,omitempty"`
}

// partialMark is what a text header adds when the run was interrupted.
func (h *header) partialMark(t *texts) string {
	if h.Partial {
		return t.Partial
	}
	return ""
}

func (f *simFlags) header(e *env, s *session, m sim.Model) header {
	return header{meta: newMeta(e), Trials: s.cfg.Trials, Seed: s.cfg.Seed, Graph: sourceJSON{describeGraph(s.src), s.src.read}, Model: describeModel(&f.model, m, s.src.g),
		Warnings: f.model.warnings(s.src.g, f.out.lang)}
}

// emit prints a command's result in the chosen format; warnings, which the
// text form shows inline, go to stderr for json and csv.
//
// With --out the result is held and printed only when the command returns,
// after the folder is committed: the summary never names a folder that does
// not exist yet, and a reader that stops early (| head) cannot lose it.
func (f *simFlags) emit(e *env, h *header, report any, csv func(io.Writer) error, text func(io.Writer)) error {
	stdout := e.stdout
	if f.out.dir != "" {
		stdout = &e.held
	}
	switch f.out.format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return err
		}
	case "csv":
		if err := csv(stdout); err != nil {
			return err
		}
	default:
		w := termWriter{stdout} // labels come from files: nothing in them may drive the terminal
		if read := h.Graph.Read; read != nil {
			g := graphTextsFor(f.out.lang)
			t := textsFor(f.out.lang)
			fmt.Fprintf(w, "%s%s%s\n", g.ReadAs, t.Colon, g.readLine(read))
		}
		st := settingTextsFor(f.out.lang)
		if more := st.settings(h.Model.Params, f.plans.broadcasts); more != "" {
			fmt.Fprintf(w, "%s%s%s\n", st.Settings, textsFor(f.out.lang).Colon, more)
		}
		text(w)
		return nil
	}
	t := textsFor(f.out.lang)
	for _, w := range h.Warnings {
		fmt.Fprintf(e.stderr, "ripple: %s%s%s\n", t.Warning, t.Colon, termSafe(w))
	}
	return nil
}

// finish closes the output folder: summary.json (the report as printed) and
// the manifest, whose parameters leave out the timing it records apart.
func (d *folder) finish(report any, h *header) error {
	d.partial = d.partial || h.Partial
	if err := d.json("summary.json", report); err != nil {
		return err
	}
	t := h.Timing
	h.Timing = nil // recorded apart, so that the parameters are reproducible
	defer func() { h.Timing = t }()
	return d.manifest(report, t)
}

// flushHeld prints the result emit held back, once the command that made
// it has returned err: unless err is a failure other than an interrupt
// (then the folder the result names was not committed), and so that a
// closed stdout after a committed folder is no failure (see exitCode).
func (e *env) flushHeld(err error) error {
	if e.held.Len() == 0 || (err != nil && !errors.Is(err, context.Canceled)) {
		return err
	}
	_, werr := e.held.WriteTo(e.stdout)
	if err != nil {
		return err
	}
	if werr != nil {
		return fmt.Errorf("writing the result to stdout: %w", werr)
	}
	return nil
}
