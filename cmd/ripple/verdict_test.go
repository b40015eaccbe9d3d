package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

// starGraph writes a star whose centre hub is followed by leaves people who
// follow no one.
func starGraph(t *testing.T, leaves int) string {
	t.Helper()
	var b strings.Builder
	for i := range leaves {
		fmt.Fprintf(&b, "hub leaf%d\n", i)
	}
	path := filepath.Join(t.TempDir(), "star.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestStarNeverCrosses: a star whose leaves follow no one reaches everyone
// at strength 1, far above θ·n, but nothing spreads beyond the first level:
// the verdict is not_crossed, P(large) is 1, the branching factor of the
// audience is 0, and the text says the same in both languages.
func TestStarNeverCrosses(t *testing.T) {
	g := starGraph(t, 400)
	out, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "hub", "--strength", "1", "--trials", "200", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Verdict   string  `json:"verdict"`
		Branching float64 `json:"branching"`
		PCascade  struct {
			Estimate float64 `json:"estimate"`
			Large    struct {
				Mean float64 `json:"mean"`
			} `json:"p_large"`
		} `json:"p_cascade"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != "not_crossed" || rep.PCascade.Estimate != 0 || rep.PCascade.Large.Mean != 1 || rep.Branching != 0 {
		t.Errorf("star: got verdict %s, P(cascade) %v, P(large) %v, branching %v; want not_crossed, 0, 1, 0",
			rep.Verdict, rep.PCascade.Estimate, rep.PCascade.Large.Mean, rep.Branching)
	}
	for lang, want := range map[string]string{"en": "not_crossed — did not cross", "zh": "未越过引爆点 — "} {
		text, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "hub", "--strength", "1", "--trials", "200", "--lang", lang)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, want) || strings.Contains(text, "supercritical") || strings.Contains(text, "超临界") {
			t.Errorf("--lang %s: want %q and no supercritical branching:\n%s", lang, want, text)
		}
	}
}

// TestSpreadMarkerFollowsVerdict: the figure's self-sustaining marker shows
// only on a plan that crossed, and the start points' fan-out (generation 0
// to 1) is not growth of the audience.
func TestSpreadMarkerFollowsVerdict(t *testing.T) {
	curve := make([]sim.CurvePoint, 6)
	cum := 0.0
	gens := []float64{1, 80, 40, 60, 90, 30}
	for i := range curve {
		cum += gens[i]
		curve[i] = sim.CurvePoint{Time: float64(i + 1), New: gens[i], Mean: cum, P50: cum}
	}
	for _, tc := range []struct {
		verdict sim.Verdict
		gens    []float64
		want    float64 // NaN: no marker
	}{
		{sim.Crossed, gens, 2},
		{sim.NotCrossed, gens, math.NaN()},
		{sim.Uncertain, gens, math.NaN()},
		// Only the fan-out grows: a crossed verdict cannot come from this,
		// but the marker must not sit at the launch either way.
		{sim.Crossed, []float64{1, 80, 40, 20, 10, 5}, math.NaN()},
	} {
		s := sim.Summary{Verdict: tc.verdict, Generations: tc.gens, Curve: curve, Reach: sim.Estimate{Mean: cum}}
		sp := spreadData(s, sim.Generations, nil)
		if math.IsNaN(tc.want) != !sp.Sustained || (sp.Sustained && sp.SelfSustaining != tc.want) {
			t.Errorf("%s %v: marker %v at %v, want %v", tc.verdict, tc.gens, sp.Sustained, sp.SelfSustaining, tc.want)
		}
	}
}

// TestHoursMarkerNotAtLaunch: with hours, a broadcast whose adopters
// arrive at once is a launch, not self-sustaining growth: the marker looks
// only past the last launch.
func TestHoursMarkerNotAtLaunch(t *testing.T) {
	// New adopters per hour: a start, a jump at hour 3 (the hot-list push),
	// then the audience's own growth from hour 5 to its peak at hour 8.
	news := []float64{10, 2, 1, 300, 20, 30, 45, 70, 90, 40, 10}
	var curve []sim.CurvePoint
	cum := 0.0
	for i, n := range news {
		cum += n
		curve = append(curve, sim.CurvePoint{Time: float64(i + 1), New: n, Mean: cum, P50: cum})
	}
	s := sim.Summary{Verdict: sim.Crossed, Curve: curve, Reach: sim.Estimate{Mean: cum}}
	if sp := spreadData(s, sim.Hours, nil); !sp.Sustained || sp.SelfSustaining != 3 {
		t.Fatalf("fixture: without the launch the marker is at %v (%v), want the push at hour 3", sp.SelfSustaining, sp.Sustained)
	}
	sp := spreadData(s, sim.Hours, []results.Event{{Time: 3, Label: "hot list"}})
	if !sp.Sustained || sp.SelfSustaining <= 4 {
		t.Errorf("marker at hour %v (%v), want after the push at hour 3 (the audience's growth)", sp.SelfSustaining, sp.Sustained)
	}
}

// TestAgreementNote: run's note under the analytic threshold says which
// way the ratio points and why the verdict differs; when they agree it says
// nothing. Every note is worded in both languages with its numbers.
func TestAgreementNote(t *testing.T) {
	en := textsFor("en")
	for _, tc := range []struct {
		v        sim.Verdict
		b, ratio float64
		want     string
	}{
		{sim.Crossed, 1.5, 2, ""},
		{sim.NotCrossed, 0.5, 0.6, ""},
		{sim.Uncertain, 1.2, 1.1, ""},
		{sim.Crossed, 0.8, math.NaN(), ""}, // a branching note: printed under the branching factor
		{sim.Crossed, 1.3, 0.7, fmt.Sprintf(en.Notes[sim.NoteBelowAnalytic], 0.7)},
		{sim.NotCrossed, 1.04, 1.65, fmt.Sprintf(en.Notes[sim.NoteAboveAnalytic], 1.65)},
		{sim.NotCrossed, 0.9, 1.2, fmt.Sprintf(en.Notes[sim.NoteAboveAnalytic], 1.2)},
		{sim.NotCrossed, math.NaN(), math.NaN(), ""},
	} {
		if got := en.agreement(tc.v, tc.b, tc.ratio); got != tc.want {
			t.Errorf("agreement(%s, %v, %v): got=%q, want=%q", tc.v, tc.b, tc.ratio, got, tc.want)
		}
	}
	for _, lang := range []results.Lang{"en", results.Chinese} {
		tx := textsFor(lang)
		for _, n := range []sim.Note{sim.NoteFirstLevelCarries, sim.NoteSlowDecay, sim.NoteLateGrowth, sim.NoteStalls,
			sim.NoteBelowAnalytic, sim.NoteAboveAnalytic, sim.NoteThresholdModel} {
			got := tx.note(n, sim.Summary{FirstLevel: sim.Estimate{Mean: 44}, CascadeAt: 2500, Branching: 0.83}, 1.65)
			if got == "" || strings.Contains(got, "%!") || (n == sim.NoteSlowDecay && !strings.Contains(got, "0.83")) {
				t.Errorf("%s: note %s worded %q", lang, n, got)
			}
		}
	}
}

// TestNoteWording: the words beside the numbers follow from them: the
// branching factor's gloss says "dies out" only beside a verdict of not
// crossed, never for a threshold model; the verdict's words state the rule
// (beyond the first level against θ·n), not a claim about the first level
// that the reach can contradict; the notes printed under the branching
// factor name which reading disagrees.
func TestNoteWording(t *testing.T) {
	en := textsFor("en")
	for _, tc := range []struct {
		b         float64
		v         sim.Verdict
		threshold bool
		want      string
	}{
		{0.79, sim.NotCrossed, false, "subcritical"},
		{0.91, sim.Crossed, false, "below 1"},
		{0.91, sim.Uncertain, false, "below 1"},
		{0.91, sim.Crossed, true, "threshold model"},
		{0.5, sim.NotCrossed, true, "threshold model"},
		{1.27, sim.NotCrossed, false, "supercritical"},
		{1.0, sim.Crossed, false, "near critical"},
	} {
		got := en.branchingText(tc.b, tc.v, tc.threshold)
		if !strings.Contains(got, tc.want) {
			t.Errorf("branchingText(%v, %s, %v) = %q, want it to say %q", tc.b, tc.v, tc.threshold, got, tc.want)
		}
		if tc.v != sim.NotCrossed && strings.Contains(got, "dies out") {
			t.Errorf("branchingText(%v, %s, %v) = %q says the spread dies out beside a verdict that does not", tc.b, tc.v, tc.threshold, got)
		}
	}
	if strings.Contains(en.NotCrossed, "fizzle") || !strings.Contains(en.NotCrossed, "θ·n") {
		t.Errorf("the not_crossed words %q do not state the rule", en.NotCrossed)
	}
	// The band:50:10-40 case: not crossed, first level 44, branching 1.27.
	s := sim.Summary{Verdict: sim.NotCrossed, Branching: 1.27, CascadeAt: 2500, FirstLevel: sim.Estimate{Mean: 44}}
	var b strings.Builder
	en.writeOutcomeText(&b, outcomeJSON{}, s, false)
	if !strings.Contains(b.String(), en.Notes[sim.NoteStalls]) {
		t.Errorf("not crossed at branching 1.27 prints no note:\n%s", b.String())
	}
	// Crossed at 0.8 with a 3,000-person first level against θ·n = 2,500.
	s = sim.Summary{Verdict: sim.Crossed, Branching: 0.8, CascadeAt: 2500, FirstLevel: sim.Estimate{Mean: 3000}}
	b.Reset()
	en.writeOutcomeText(&b, outcomeJSON{}, s, false)
	if want := fmt.Sprintf(en.Notes[sim.NoteFirstLevelCarries], "3,000 people", "2,500 people"); !strings.Contains(b.String(), want) {
		t.Errorf("crossed at branching 0.8 with a big first level: want %q in\n%s", want, b.String())
	}
}

// TestOutFolderLockedAndUnwritable: a second run on a folder being written
// fails at once, naming the reason; a folder that cannot be written fails
// before the first trial (a billion trials would take hours).
func TestOutFolderLockedAndUnwritable(t *testing.T) {
	g := smallGraph(t)
	dir := filepath.Join(t.TempDir(), "out")
	held, err := results.CreateOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, err = ripple(t, context.Background(), "run", "--graph", g, "--trials", "1000000000", "--out", dir)
	held.Close()
	if err == nil || !strings.Contains(err.Error(), "another ripple run is writing this folder") || time.Since(start) > 10*time.Second {
		t.Errorf("second run on a locked folder: got err=%v after %v, want an immediate lock error", err, time.Since(start))
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	start = time.Now()
	if _, _, err := ripple(t, context.Background(), "run", "--graph", g, "--trials", "1000000000", "--out", filepath.Join(file, "out")); err == nil || time.Since(start) > 10*time.Second {
		t.Errorf("--out under a file: got err=%v after %v, want an error before the first trial", err, time.Since(start))
	}
}

func TestTermSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"大V", "大V"},
		{"a\x1b[31mred", `a\x1b[31mred`},
		{"line\nnext\ttab", "line\nnext\ttab"},
		{"\u202eevil", `\u202eevil`},
		{"bell\a\x7f\u0085", `bell\x07\x7f\x85`},
		{"bad\xffutf8", `bad\xffutf8`},
	} {
		if got := termSafe(tc.in); got != tc.want {
			t.Errorf("termSafe(%q): got=%q, want=%q", tc.in, got, tc.want)
		}
	}
}

// TestHostileLabels: a label with an escape sequence never reaches the
// terminal raw, and a label that is a formula is text in every CSV ripple
// writes for Excel and prints.
func TestHostileLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evil.txt")
	os.WriteFile(path, []byte("=HYPERLINK(1) b\nb \x1b[31mred\n\x1b[31mred =HYPERLINK(1)\n"), 0o644)
	out, _, err := ripple(t, context.Background(), "compare", "--graph", path, "--plan", "+cmd=\x1b[31mred", "--plan", "@x=random:1", "--trials", "50")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[31mred`) {
		t.Errorf("text output carries a raw ESC or lost the label:\n%q", out)
	}
	csvOut, _, err := ripple(t, context.Background(), "compare", "--graph", path, "--plan", "+cmd==HYPERLINK(1)", "--plan", "@x=random:1", "--trials", "50", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(csvOut, "\n")[1:] {
		if line != "" && !strings.HasPrefix(line, "'") {
			t.Errorf("--format csv row starts with a live formula: %q", line)
		}
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, _, err := ripple(t, context.Background(), "run", "--graph", path, "--seeds", "=HYPERLINK(1)", "--trials", "50", "--out", dir, "--figure-format", ""); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "nodes.csv"))
	if strings.Contains(string(b), "\n=") || !strings.Contains(string(b), "'=HYPERLINK(1)") {
		t.Errorf("nodes.csv has a live formula:\n%s", b)
	}
	var errOut bytes.Buffer
	exitCode(fmt.Errorf("no node \x1b[2J"), &errOut)
	if strings.Contains(errOut.String(), "\x1b") {
		t.Errorf("error message carries a raw ESC: %q", errOut.String())
	}
}

// TestCompareNamesBestByCostAndTies: with costs, compare names the plan with
// the lowest cost per person beside the one with the largest reach; plans
// that differ only in launch times, without freshness decay, reach the same
// in every trial, and compare says so instead of naming a winner.
func TestCompareNamesBestByCostAndTies(t *testing.T) {
	var rep struct {
		Best        string `json:"best"`
		BestCost    string `json:"best_by_cost"`
		TimingOnly  bool   `json:"timing_only"`
		Differences []struct {
			Same bool    `json:"same"`
			Mean float64 `json:"mean"`
		} `json:"differences"`
	}
	if !testing.Short() { // the built-in graph: seconds under the race detector
		out, _, err := ripple(t, context.Background(), "compare", "--trials", "400", "--cost-per-seed", "200", "--cost-per-follower", "1", "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Best != "koc" || rep.BestCost != "kol" {
			t.Errorf("best by reach %q, by cost %q: want koc and kol", rep.Best, rep.BestCost)
		}
	}
	g := smallGraph(t)
	for _, lang := range []string{"en", "zh"} {
		args := []string{"compare", "--graph", g, "--plan", "sync=大V;random:2", "--plan", "staggered=大V;random:2@2", "--trials", "300", "--lang", lang}
		out, _, err := ripple(t, context.Background(), append(args, "--format", "json")...)
		if err != nil {
			t.Fatal(err)
		}
		rep.Differences = nil
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if !rep.TimingOnly || len(rep.Differences) != 1 || !rep.Differences[0].Same || rep.Differences[0].Mean != 0 {
			t.Errorf("sync vs staggered: timing_only %v, differences %+v; want timing_only and one exact tie", rep.TimingOnly, rep.Differences)
		}
		text, _, err := ripple(t, context.Background(), args...)
		if err != nil {
			t.Fatal(err)
		}
		tx := textsFor(results.Lang(lang))
		if strings.Contains(text, strings.Split(tx.Best, "%")[0]) || !strings.Contains(text, tx.TimingOnly) {
			t.Errorf("--lang %s: want no best plan and the timing note:\n%s", lang, text)
		}
	}
}

// TestCurveTimesAgree: the JSON curve and spread.csv put the start points
// at the same time (generation 0) and agree point by point.
func TestCurveTimesAgree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	out, _, err := ripple(t, context.Background(), "run", "--graph", smallGraph(t), "--seeds", "大V", "--strength", "0.5",
		"--trials", "200", "--format", "json", "--out", dir, "--figure-format", "")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Curve []struct{ Time, Mean float64 }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "spread.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(b)), "\r\n")[1:]
	if len(rows) != len(rep.Curve) || len(rows) < 2 {
		t.Fatalf("spread.csv has %d rows, JSON curve %d points", len(rows), len(rep.Curve))
	}
	for i, r := range rows {
		f := strings.Split(r, ",")
		if want := fmt.Sprint(rep.Curve[i].Time); f[0] != want || f[1] != fmt.Sprint(rep.Curve[i].Mean) {
			t.Errorf("point %d: spread.csv time %s mean %s, JSON time %v mean %v", i, f[0], f[1], rep.Curve[i].Time, rep.Curve[i].Mean)
		}
	}
	if rep.Curve[0].Time != 0 {
		t.Errorf("the start points are at time %v, want generation 0", rep.Curve[0].Time)
	}
}

func TestLaunchEvents(t *testing.T) {
	var o runOptions
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	o.AddFlags(fs)
	if err := fs.Parse([]string{"--broadcast", "f=0.1,q=0.1,t=3,name=hot list", "--broadcast", "f=0.1,q=0.1"}); err != nil {
		t.Fatal(err)
	}
	p, err := o.plans.plan("", "a;b@2")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(launchEvents(p, textsFor("zh")))
	if want := "[{2 b} {3 hot list} {0 广播}]"; got != want {
		t.Errorf("launchEvents: got=%s, want=%s", got, want)
	}
}

// TestInterruptedOutFolderIsMarked: Ctrl-C during a run with --out leaves a
// complete folder whose manifest and every file in it are marked partial.
func TestInterruptedOutFolderIsMarked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, _, err := ripple(t, ctx, "run", "--graph", smallGraph(t), "--seeds", "大V", "--trials", "1000000000", "--out", dir, "--figure-format", "")
	if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got err=%v, want an interruption", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man results.Manifest
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	if !man.Partial || len(man.Files) < 4 {
		t.Fatalf("manifest: partial=%v with %d files, want partial and the run's files", man.Partial, len(man.Files))
	}
	for _, f := range man.Files {
		if !f.Partial {
			t.Errorf("%s is not marked partial", f.Name)
		}
	}
}

// TestCSVNoPricesBlank: without prices, --format csv leaves the cost cells
// blank (as the --out CSVs and the text's "–" do), not 0, which reads as
// free; a run's unnamed plan is named by its description, in any language.
func TestCSVNoPricesBlank(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		out, _, err := ripple(t, context.Background(), "run", "--seeds", "top-degree:1", "--trials", "50", "--quiet", "--format", "csv", "--lang", lang)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s: got %d rows (%v), want a header and one plan", lang, len(rows), err)
		}
		row := rows[1]
		if row[0] != "top-degree:1" || row[len(row)-1] != "" || row[len(row)-2] != "" {
			t.Errorf("%s: got name=%q cost=%q cost per=%q, want the description and two blank cells", lang, row[0], row[len(row)-2], row[len(row)-1])
		}
	}
}

// TestRunThresholdModelNotes: a threshold model's run reads its branching
// factor as no test of growth, in text and JSON (the walk-through saw reach
// 100% beside "subcritical: … spread dies out" for watts).
func TestRunThresholdModelNotes(t *testing.T) {
	out, _, err := ripple(t, context.Background(), "run", "--model", "watts", "--seeds", "top-degree:20", "--trials", "30", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "dies out") {
		t.Errorf("watts run says the spread dies out:\n%s", out)
	}
	js, _, err := ripple(t, context.Background(), "run", "--model", "watts", "--seeds", "top-degree:20", "--trials", "30", "--quiet", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Verdict   sim.Verdict `json:"verdict"`
		Branching float64     `json:"branching"`
		Notes     []sim.Note  `json:"notes"`
	}
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	if (v.Branching < 1) == (v.Verdict == sim.Crossed) && !slices.Contains(v.Notes, sim.NoteThresholdModel) {
		t.Errorf("watts: verdict %s at branching %v, notes %v: want %s", v.Verdict, v.Branching, v.Notes, sim.NoteThresholdModel)
	}
}
