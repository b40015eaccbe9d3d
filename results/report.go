package results

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // the page template
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

//go:embed templates/report.html.tmpl
var reportTemplate string

// maxReportFile bounds every file the report reads from a folder, so a
// hostile or damaged folder cannot make it allocate without bound (the
// largest figure ripple writes, a Chinese SVG with its glyphs, is far below).
const maxReportFile = 64 << 20

// ErrReportFolder is wrapped by every refusal of a folder that is not one
// complete, consistent results folder of this ripple (partial, older schema,
// files from two runs, missing or unknown files).
var ErrReportFolder = errors.New("not a complete results folder")

// ReportFolder is a results folder read and checked for a report: its
// manifest, and the content of every file it lists, each matching the
// SHA-256 the manifest records.
type ReportFolder struct {
	// Dir is the folder as given.
	Dir string
	// Manifest is the folder's manifest.json.
	Manifest Manifest
	// Kind is the command that wrote the folder: run, compare, tipping,
	// sweep, merge, plan, calibrate, contain, ...
	Kind  string
	files map[string][]byte
}

// ReadReportFolder reads dir's manifest.json and every file it lists, and
// refuses, with a message naming the folder and the file, a folder that a
// page would misrepresent: no manifest, a manifest of another schema, a run
// marked partial, a listed file missing or whose SHA-256 differs (a mix of
// two runs, or a file edited since), a summary whose seed or command is not
// the manifest's.
func ReadReportFolder(dir string) (*ReportFolder, error) {
	mpath := filepath.Join(dir, "manifest.json")
	raw, err := readBounded(mpath, maxReportFile)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("report: %s: no manifest.json: %w (write it with ripple run, compare, tipping or sweep --out)", dir, ErrReportFolder)
		}
		return nil, fmt.Errorf("report: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("report: %s: %v: %w", mpath, err, ErrReportFolder)
	}
	if m.Tool != "ripple" {
		return nil, fmt.Errorf("report: %s: tool is %q, not ripple: %w", mpath, m.Tool, ErrReportFolder)
	}
	if m.Schema != ManifestSchema {
		return nil, fmt.Errorf("report: %s: manifest schema %d from ripple %s, this ripple reads schema %d: %w; run the command in it again (%s)",
			mpath, m.Schema, m.Version, ManifestSchema, ErrReportFolder, strings.Join(m.Command, " "))
	}
	if m.Partial {
		return nil, fmt.Errorf("report: %s: the run was interrupted (partial): %w; run it to the end first", dir, ErrReportFolder)
	}
	if len(m.Command) < 2 {
		return nil, fmt.Errorf("report: %s: field command: no subcommand: %w", mpath, ErrReportFolder)
	}
	f := &ReportFolder{Dir: dir, Manifest: m, Kind: m.Command[1], files: map[string][]byte{}}
	for i, mf := range m.Files {
		if !plainName(mf.Name) || mf.Name == "manifest.json" {
			return nil, fmt.Errorf("report: %s: files[%d].name %q is not a file of the folder: %w", mpath, i, mf.Name, ErrReportFolder)
		}
		if mf.Partial {
			return nil, fmt.Errorf("report: %s: %s is marked partial: %w", dir, mf.Name, ErrReportFolder)
		}
		b, err := readBounded(filepath.Join(dir, mf.Name), maxReportFile)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %s, listed in manifest.json: %v: %w", dir, mf.Name, err, ErrReportFolder)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != mf.SHA256 {
			return nil, fmt.Errorf("report: %s: %s has SHA-256 %.12s…, manifest.json records %.12s…: the folder mixes two runs or the file was edited since: %w",
				dir, mf.Name, got, mf.SHA256, ErrReportFolder)
		}
		f.files[mf.Name] = b
	}
	if err := f.checkSummary(); err != nil {
		return nil, err
	}
	return f, nil
}

// checkSummary refuses a summary.json that the manifest does not list while
// one is on disk, or whose seed or command differ from the manifest's.
func (f *ReportFolder) checkSummary() error {
	b, ok := f.files["summary.json"]
	if !ok {
		if _, err := os.Stat(filepath.Join(f.Dir, "summary.json")); err == nil {
			return fmt.Errorf("report: %s: summary.json is not listed in manifest.json: the folder mixes two runs: %w", f.Dir, ErrReportFolder)
		}
		return nil
	}
	var s struct {
		Seed    *uint64 `json:"seed"`
		Command string  `json:"command"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("report: %s: summary.json: %v: %w", f.Dir, err, ErrReportFolder)
	}
	if s.Seed != nil && *s.Seed != f.Manifest.Seed {
		return fmt.Errorf("report: %s: summary.json has seed %d, manifest.json %d: the folder mixes two runs: %w", f.Dir, *s.Seed, f.Manifest.Seed, ErrReportFolder)
	}
	if s.Command != "" && s.Command != strings.Join(f.Manifest.Command, " ") {
		return fmt.Errorf("report: %s: summary.json is from %q, manifest.json from %q: the folder mixes two runs: %w",
			f.Dir, s.Command, strings.Join(f.Manifest.Command, " "), ErrReportFolder)
	}
	return nil
}

// File returns the content of a file the manifest lists, and whether it does.
func (f *ReportFolder) File(name string) ([]byte, bool) {
	b, ok := f.files[name]
	return b, ok
}

// ReportFigure is one figure of the page: the folder's own SVG, inlined.
type ReportFigure struct {
	Name   string
	SHA256 string
	SVG    template.HTML
}

// ReportTable is a table of the page: a header row and rows of cells.
type ReportTable struct {
	Title  string
	Header []string
	Rows   [][]string
}

// Report is what the page shows; BuildReport fills it from a folder.
type Report struct {
	Lang     Lang
	Title    string
	Kind     string
	Verdicts []string
	Tables   []ReportTable
	Figures  []ReportFigure
	Method   []string
	Facts    [][2]string
	L        reportWords
}

// activeSVG returns the first thing in b that would run or load in a
// browser (a script, an event handler, foreign HTML, a javascript: or
// external link), or "" when there is none. It scans a lower-cased copy
// with plain searches: a regular expression took 30 ms of CPU on a
// 190 kB figure.
func activeSVG(b []byte) string {
	lower := bytes.ToLower(b)
	for _, bad := range []string{"<script", "<foreignobject", "javascript:", "<iframe", "<object", "<embed"} {
		if bytes.Contains(lower, []byte(bad)) {
			return bad
		}
	}
	for i := 0; ; {
		k := bytes.Index(lower[i:], []byte("on"))
		if k < 0 {
			break
		}
		k += i
		i = k + 2
		if k == 0 || !isSpace(lower[k-1]) {
			continue
		}
		e := k + 2
		for e < len(lower) && lower[e] >= 'a' && lower[e] <= 'z' {
			e++
		}
		name := lower[k:e]
		for e < len(lower) && isSpace(lower[e]) {
			e++
		}
		if len(name) > 2 && e < len(lower) && lower[e] == '=' {
			return string(name) + "="
		}
	}
	for i := 0; ; {
		k := bytes.Index(lower[i:], []byte("href"))
		if k < 0 {
			break
		}
		i += k + 4
		v := bytes.TrimLeft(lower[i:], " \t\r\n")
		if len(v) == 0 || v[0] != '=' {
			continue
		}
		v = bytes.TrimLeft(v[1:], " \t\r\n\"'")
		for _, ext := range []string{"http:", "https:", "//", "data:text"} {
			if bytes.HasPrefix(v, []byte(ext)) {
				return "href=" + ext
			}
		}
	}
	return ""
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// svgStart finds the opening of the svg element, after any XML prolog,
// comments and doctype.
var svgStart = regexp.MustCompile(`<svg[\s>]`)

// InlineSVG returns the SVG document b as an element to place in an HTML
// page: the part from its <svg> element on, byte for byte. It refuses a file
// with no svg element or with anything active (scripts, event handlers,
// foreign objects, external links), which ripple's figures never hold.
func InlineSVG(name string, b []byte) (template.HTML, error) {
	loc := svgStart.FindIndex(b)
	if loc == nil {
		return "", fmt.Errorf("report: %s: no <svg> element", name)
	}
	if m := activeSVG(b); m != "" {
		return "", fmt.Errorf("report: %s: holds %q, which a ripple figure never does: refused", name, m)
	}
	return template.HTML(bytes.TrimSpace(b[loc[0]:])), nil // #nosec: checked above
}

// BuildReport makes the page's content from a checked folder in the given
// language: verdicts in plain words, tables of the numbers, the folder's
// SVG figures in the manifest's order, the method and its assumptions, and
// the facts that reproduce it (seed, version, graph checksum, command).
func BuildReport(f *ReportFolder, lang Lang) (*Report, error) {
	w := reportWordsFor(lang)
	r := &Report{Lang: lang, Kind: f.Kind, L: w}
	m := f.Manifest
	r.Facts = [][2]string{
		{w.Command, strings.Join(m.Command, " ")},
		{w.Version, m.Tool + " " + m.Version + " (" + m.GoVersion + ")"},
		{w.Seed, fmt.Sprint(m.Seed)},
	}
	if m.Graph.Checksum != "" {
		r.Facts = append(r.Facts,
			[2]string{w.Graph, fmt.Sprintf(w.GraphLine, m.Graph.Source, m.Graph.Nodes, m.Graph.Arcs)},
			[2]string{w.Checksum, m.Graph.Checksum})
	}
	var err error
	switch f.Kind {
	case "run", "compare":
		err = r.plans(f, w)
	case "tipping":
		err = r.tipping(f, w)
	case "sweep", "merge":
		err = r.sweep(f, w)
	default:
		r.Title = fmt.Sprintf(w.TitleOther, f.Kind)
		r.Verdicts = append(r.Verdicts, w.NoVerdict)
	}
	if err != nil {
		return nil, err
	}
	r.Method = w.MethodLines
	for _, mf := range m.Files {
		if !strings.HasSuffix(mf.Name, ".svg") {
			continue
		}
		svg, err := InlineSVG(filepath.Join(f.Dir, mf.Name), f.files[mf.Name])
		if err != nil {
			return nil, err
		}
		r.Figures = append(r.Figures, ReportFigure{Name: mf.Name, SHA256: mf.SHA256, SVG: svg})
	}
	return r, nil
}

// summaryPlan is the part of a plan's summary that the page shows.
type summaryPlan struct {
	Name  string `json:"name"`
	Seeds string `json:"seeds"`
	Reach struct {
		Mean     float64    `json:"mean"`
		CI95     [2]float64 `json:"ci95"`
		Fraction float64    `json:"fraction"`
	} `json:"reach"`
	PCascade struct {
		Estimate float64    `json:"estimate"`
		CI95     [2]float64 `json:"ci95"`
		At       int        `json:"cascade_at"`
	} `json:"p_cascade"`
	Verdict        string   `json:"verdict"`
	Cost           *float64 `json:"cost"`
	CostPerReached *float64 `json:"cost_per_reached"`
}

type summaryFile struct {
	Trials int `json:"trials"`
	Model  struct {
		Name     string  `json:"name"`
		Strength float64 `json:"strength"`
	} `json:"model"`
	summaryPlan
	Plans       []summaryPlan `json:"plans"`
	Best        string        `json:"best"`
	BestByCost  string        `json:"best_by_cost"`
	Differences []struct {
		Plan string     `json:"plan"`
		Vs   string     `json:"vs"`
		Mean float64    `json:"mean"`
		CI95 [2]float64 `json:"ci95"`
	} `json:"differences"`
}

// decode unmarshals the listed file name into v, refusing a folder whose
// manifest does not list it or whose copy does not parse.
func (f *ReportFolder) decode(name string, v any) error {
	b, ok := f.files[name]
	if !ok {
		return fmt.Errorf("report: %s: manifest.json lists no %s: %w", f.Dir, name, ErrReportFolder)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("report: %s: %s: %v: %w", f.Dir, name, err, ErrReportFolder)
	}
	return nil
}

func (r *Report) plans(f *ReportFolder, w reportWords) error {
	s := new(summaryFile)
	if err := f.decode("summary.json", s); err != nil {
		return err
	}
	plans := s.Plans
	if f.Kind == "run" {
		p := s.summaryPlan
		p.Name = p.Seeds
		plans = []summaryPlan{p}
	}
	if len(plans) == 0 {
		return fmt.Errorf("report: %s: summary.json: field plans: none: %w", f.Dir, ErrReportFolder)
	}
	r.Title = fmt.Sprintf(w.TitlePlans, len(plans), s.Model.Name, s.Model.Strength, s.Trials)
	t := ReportTable{Title: w.PlansTable, Header: w.PlanCols}
	for _, p := range plans {
		row := []string{p.Name, fmt.Sprintf("%s (%s–%s)", num(p.Reach.Mean), num(p.Reach.CI95[0]), num(p.Reach.CI95[1])),
			fmt.Sprintf("%.1f%% (%.1f–%.1f%%)", 100*p.PCascade.Estimate, 100*p.PCascade.CI95[0], 100*p.PCascade.CI95[1]),
			w.verdict(p.Verdict), "", ""}
		if p.Cost != nil {
			row[4] = num(*p.Cost)
		}
		if p.CostPerReached != nil && *p.CostPerReached > 0 {
			row[5] = fmt.Sprintf("%.3g", *p.CostPerReached)
		}
		t.Rows = append(t.Rows, row)
		r.Verdicts = append(r.Verdicts, fmt.Sprintf(w.PlanVerdict, p.Name, num(p.Reach.Mean), num(p.Reach.CI95[0]), num(p.Reach.CI95[1]),
			100*p.PCascade.Estimate, w.verdictLong(p.Verdict)))
	}
	r.Tables = append(r.Tables, t)
	if len(plans) > 1 {
		r.Verdicts = append(r.Verdicts, comparePlans(plans, s, w)...)
	}
	return nil
}

// comparePlans says which plan reaches more people, which more per unit of
// cost and by what factor, and how the plans stand to the tipping point.
func comparePlans(plans []summaryPlan, s *summaryFile, w reportWords) []string {
	var out []string
	for _, d := range s.Differences {
		if d.CI95[0] > 0 || d.CI95[1] < 0 {
			hi, lo, diff := d.Plan, d.Vs, d.Mean
			if diff < 0 {
				hi, lo, diff = lo, hi, -diff
			}
			out = append(out, fmt.Sprintf(w.MoreReach, hi, num(diff), lo))
		} else {
			out = append(out, fmt.Sprintf(w.SameReach, d.Plan, d.Vs))
		}
	}
	if s.BestByCost != "" {
		var best *summaryPlan
		for i := range plans {
			if plans[i].Name == s.BestByCost {
				best = &plans[i]
			}
		}
		if best != nil && best.CostPerReached != nil && *best.CostPerReached > 0 {
			for _, p := range plans {
				if p.Name == best.Name || p.CostPerReached == nil || *p.CostPerReached <= 0 {
					continue
				}
				out = append(out, fmt.Sprintf(w.PerCost, best.Name, *p.CostPerReached / *best.CostPerReached, p.Name))
			}
		}
	}
	crossed := 0
	for _, p := range plans {
		if p.Verdict == "crossed" {
			crossed++
		}
	}
	switch {
	case crossed == len(plans) && len(plans) == 2:
		out = append(out, w.BothCross)
	case crossed == len(plans):
		out = append(out, w.AllCross)
	case crossed == 0:
		out = append(out, w.NoneCross)
	default:
		out = append(out, fmt.Sprintf(w.SomeCross, crossed, len(plans)))
	}
	return out
}

func (r *Report) tipping(f *ReportFolder, w reportWords) error {
	var s struct {
		Trials int    `json:"trials"`
		Axis   string `json:"axis"`
		Plan   string `json:"plan"`
		Model  struct {
			Name string `json:"name"`
		} `json:"model"`
		Threshold struct {
			Estimate       float64    `json:"estimate"`
			CI95           [2]float64 `json:"ci95"`
			Found          bool       `json:"found"`
			Analytic       *float64   `json:"analytic"`
			AnalyticMethod string     `json:"analytic_method"`
		} `json:"threshold"`
		Points []struct {
			X       float64    `json:"x"`
			Trials  int        `json:"trials"`
			P       float64    `json:"p_cascade"`
			PCI     [2]float64 `json:"p_cascade_ci95"`
			Reach   float64    `json:"reach_mean"`
			ReachCI [2]float64 `json:"reach_ci95"`
			Verdict string     `json:"verdict"`
		} `json:"points"`
	}
	if err := f.decode("summary.json", &s); err != nil {
		return err
	}
	r.Title = fmt.Sprintf(w.TitleTipping, s.Plan, s.Axis, s.Model.Name)
	th := s.Threshold
	if th.Found {
		r.Verdicts = append(r.Verdicts, fmt.Sprintf(w.TipFound, s.Axis, g4(th.Estimate), g4(th.CI95[0]), g4(th.CI95[1])))
	} else {
		r.Verdicts = append(r.Verdicts, fmt.Sprintf(w.TipNotFound, s.Axis))
	}
	if th.Analytic != nil {
		r.Verdicts = append(r.Verdicts, fmt.Sprintf(w.TipAnalytic, g4(*th.Analytic), w.method(th.AnalyticMethod)))
	}
	t := ReportTable{Title: w.PointsTable, Header: append([]string{s.Axis}, w.TipCols...)}
	for _, p := range s.Points {
		t.Rows = append(t.Rows, []string{g4(p.X), fmt.Sprint(p.Trials),
			fmt.Sprintf("%.1f%% (%.1f–%.1f%%)", 100*p.P, 100*p.PCI[0], 100*p.PCI[1]),
			fmt.Sprintf("%s (%s–%s)", num(p.Reach), num(p.ReachCI[0]), num(p.ReachCI[1])), w.verdict(p.Verdict)})
	}
	r.Tables = append(r.Tables, t)
	return nil
}

func (r *Report) sweep(f *ReportFolder, w reportWords) error {
	type est struct {
		Mean, Lo, Hi float64
	}
	var s struct {
		Scenario string   `json:"scenario_sha256"`
		Params   []string `json:"params"`
		Points   []struct {
			Label string `json:"label"`
			Plans []struct {
				Name    string `json:"name"`
				Summary struct {
					Trials   int    `json:"trials"`
					Reach    est    `json:"reach"`
					PCascade est    `json:"p_cascade"`
					Verdict  string `json:"verdict"`
				} `json:"summary"`
			} `json:"plans"`
		} `json:"points"`
	}
	if err := f.decode("results.json", &s); err != nil {
		return err
	}
	r.Title = fmt.Sprintf(w.TitleSweep, len(s.Points), strings.Join(s.Params, ", "))
	if s.Scenario != "" {
		r.Facts = append(r.Facts, [2]string{w.Scenario, s.Scenario})
	}
	t := ReportTable{Title: w.PointsTable, Header: w.SweepCols}
	crossed := map[string]int{}
	var names []string
	for _, p := range s.Points {
		for _, pl := range p.Plans {
			if _, seen := crossed[pl.Name]; !seen {
				names = append(names, pl.Name)
				crossed[pl.Name] = 0
			}
			if pl.Summary.Verdict == "crossed" {
				crossed[pl.Name]++
			}
			sm := pl.Summary
			t.Rows = append(t.Rows, []string{p.Label, pl.Name, fmt.Sprint(sm.Trials),
				fmt.Sprintf("%s (%s–%s)", num(sm.Reach.Mean), num(sm.Reach.Lo), num(sm.Reach.Hi)),
				fmt.Sprintf("%.1f%% (%.1f–%.1f%%)", 100*sm.PCascade.Mean, 100*sm.PCascade.Lo, 100*sm.PCascade.Hi),
				w.verdict(sm.Verdict)})
		}
	}
	for _, n := range names {
		r.Verdicts = append(r.Verdicts, fmt.Sprintf(w.SweepVerdict, n, crossed[n], len(s.Points)))
	}
	r.Tables = append(r.Tables, t)
	return nil
}

// num formats a count of people: whole numbers with thousands separators
// for large values, one decimal below 100.
func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	if math.Abs(x) < 100 {
		return fmt.Sprintf("%.1f", x)
	}
	return groupThousands(x < 0, fmt.Sprintf("%.0f", math.Abs(x)))
}

func g4(x float64) string { return fmt.Sprintf("%.4g", x) }

// WriteReportHTML writes the page of r to w: one self-contained HTML file
// (no script, no external resource) with print rules for PDF.
func WriteReportHTML(w io.Writer, r *Report) error {
	t, err := template.New("report").Parse(reportTemplate)
	if err != nil {
		return fmt.Errorf("report: template: %w", err)
	}
	if err := t.Execute(w, r); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// WriteReport checks the results folder dir, builds its page in lang (the
// folder's own language when lang is empty) and writes it atomically to
// out (dir/report.html when out is empty). It returns the path written.
func WriteReport(dir, out string, lang Lang) (string, error) {
	f, err := ReadReportFolder(dir)
	if err != nil {
		return "", err
	}
	if lang == "" {
		lang = f.Manifest.Lang
		if lang != Chinese {
			lang = English
		}
	}
	r, err := BuildReport(f, lang)
	if err != nil {
		return "", err
	}
	if out == "" {
		out = filepath.Join(dir, "report.html")
	}
	if err := WriteFileAtomic(out, func(w io.Writer) error { return WriteReportHTML(w, r) }); err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	return out, nil
}
