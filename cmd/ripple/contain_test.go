package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/results"
)

func TestContain(t *testing.T) {
	g := smallGraph(t)
	args := []string{"contain", "--graph", g, "--backlash", "alice", "--accounts", "2", "--strength", "0.3", "--trials", "400",
		"--select-trials", "100", "--rr-sets", "640", "--strategies", "top-degree,ris,greedy-mc", "--threshold", "0.5"}
	var outs []string
	for _, w := range []string{"1", "4"} {
		out, _, err := ripple(t, context.Background(), append(args, "--workers", w, "--format", "json")...)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(withoutTiming(t, out))
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] {
		t.Errorf("workers=1 and workers=4 differ:\n%s\n%s", outs[0], outs[1])
	}
	var rep containReport
	if err := json.Unmarshal([]byte(outs[0]), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Baseline.Strategy != "none" || len(rep.Plans) != 3 || strings.Join(rep.Backlash, ",") != "alice" {
		t.Fatalf("got baseline %q, %d plans, backlash %v; want none, 3, [alice]", rep.Baseline.Strategy, len(rep.Plans), rep.Backlash)
	}
	for _, p := range rep.Plans {
		if len(p.Accounts) != 2 || strings.Contains(strings.Join(p.Accounts, ","), "alice") {
			t.Errorf("%s: accounts %v, want 2 that are not the backlash's seed", p.Strategy, p.Accounts)
		}
		if d := float64(rep.Baseline.Backlash.Mean - p.Backlash.Mean - p.Saved); math.Abs(d) > 1e-9 {
			t.Errorf("%s: saved %v is not the baseline's reach minus the plan's", p.Strategy, p.Saved)
		}
		if !(p.SavedCI95[0] <= p.Saved && p.Saved <= p.SavedCI95[1]) || p.SavedCI95[0] == p.SavedCI95[1] {
			t.Errorf("%s: saved %v outside its interval %v (or an interval of no width)", p.Strategy, p.Saved, p.SavedCI95)
		}
	}
	checkBest(t, rep)
	out, _, err := ripple(t, context.Background(), append(args, "--budget", "25", "--cost-per-seed", "5", "--cost-per-follower", "2", "--accounts", "0", "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Plans {
		if p.Cost > 25 || len(p.Accounts) == 0 {
			t.Errorf("budget 25: %s took %v costing %v", p.Strategy, p.Accounts, p.Cost)
		}
	}
	text, _, err := ripple(t, context.Background(), append(args, "--lang", "zh")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"负能量", "不澄清", "粉丝最多 top-degree", "反向可达抽样 ris"} {
		if !strings.Contains(text, w) {
			t.Errorf("Chinese summary lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "%!") || strings.Contains(text, "none") {
		t.Errorf("Chinese summary holds a broken verb or \"none\":\n%s", text)
	}
	zhDir := filepath.Join(t.TempDir(), "zh")
	if _, _, err := ripple(t, context.Background(), append(args, "--lang", "zh", "--out", zhDir, "--figure-format", "svg", "--quiet")...); err != nil {
		t.Fatal(err)
	}
	zhCSV, err := os.ReadFile(filepath.Join(zhDir, "containment.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"none", "_lo", "_hi", "ours", "%!"} {
		if strings.Contains(string(zhCSV), w) {
			t.Errorf("Chinese containment.csv holds %q:\n%s", w, zhCSV)
		}
	}
	if !strings.Contains(string(zhCSV), "负能量触达人数下限") || !strings.Contains(string(zhCSV), "不澄清,") {
		t.Errorf("Chinese containment.csv lacks the reach interval or the baseline:\n%s", zhCSV)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, _, err := ripple(t, context.Background(), append(args, "--out", dir, "--figure-format", "svg")...); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"containment.svg", "containment.csv", "summary.json", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out: %v", err)
		}
	}
}

func TestContainBadInput(t *testing.T) {
	g := smallGraph(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no backlash", nil, "--backlash is required"},
		{"unknown strategy", []string{"--backlash", "alice", "--strategies", "magic"}, `unknown strategy "magic"`},
		{"no accounts", []string{"--backlash", "alice", "--accounts", "0"}, "K=0"},
		{"too many accounts", []string{"--backlash", "alice", "--accounts", "8"}, "K=8"},
		{"start before zero", []string{"--backlash", "alice", "--backlash-at", "-1"}, "--backlash-at -1"},
		{"conversion", []string{"--backlash", "alice", "--convert", "1.5"}, "bad conversion probability"},
		{"unknown label", []string{"--backlash", "nobody"}, "nobody"},
		{"no model flag", []string{"--backlash", "alice", "--model", "sir"}, "unknown flag: --model"},
		{"no phi flag", []string{"--backlash", "alice", "--phi", "0.2"}, "unknown flag: --phi"},
		{"budget buys nothing", []string{"--backlash", "alice", "--budget", "5", "--cost-per-seed", "10"}, "buys no account"},
		{"negative budget", []string{"--backlash", "alice", "--budget", "-5"}, "bad budget"},
		{"negative price", []string{"--backlash", "alice", "--budget", "5", "--cost-per-follower", "-1"}, "bad cost"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantUsageError(t, append([]string{"contain", "--graph", g, "--trials", "10"}, tc.args...), tc.want)
		})
	}
}

// checkBest checks contain's verdict: the best plan has the least mean
// backlash reach, its runner-up the next (doing nothing with one plan), and
// it is called clear exactly when the paired interval excludes 0.
func checkBest(t *testing.T, rep containReport) {
	t.Helper()
	b := rep.Best
	if b == nil {
		t.Fatal("no best plan")
	}
	var means []float64
	for _, p := range rep.Plans {
		means = append(means, float64(p.Backlash.Mean))
		if p.Strategy == b.Strategy && p.Backlash.Mean != num(slices.Min(means)) {
			t.Errorf("best %s: reach %v is not the least", b.Strategy, p.Backlash.Mean)
		}
	}
	if b.Clear != (b.CI95[0] > 0) || !(b.CI95[0] <= b.Difference && b.Difference <= b.CI95[1]) || !(b.Difference >= 0) {
		t.Errorf("best: got=%+v, want clear exactly when the interval (holding a difference ≥ 0) excludes 0", *b)
	}
}

// TestContainVerdictTexts renders the verdict in both languages, clear and
// not, against the runner-up and against doing nothing: no broken verb, and
// a winner is named only when clear.
func TestContainVerdictTexts(t *testing.T) {
	for _, l := range []results.Lang{results.English, results.Chinese} {
		ct := containTextsFor(l)
		for _, b := range []containBestJSON{
			{Strategy: "ris", RunnerUp: "community-hubs", Difference: 29, CI95: interval{-5, 63}},
			{Strategy: "ris", RunnerUp: "community-hubs", Difference: 29, CI95: interval{5, 53}, Clear: true},
			{Strategy: "ris", RunnerUp: "none", Difference: 400, CI95: interval{350, 450}, Clear: true},
			{Strategy: "ris", RunnerUp: "none", Difference: 4, CI95: interval{-3, 11}},
		} {
			s := ct.best(&b)
			named := strings.Contains(s, "best containment") || strings.Contains(s, "最能遏制")
			span := people(float64(b.CI95[0])) + "–" + people(float64(b.CI95[1]))
			if strings.Contains(s, "%!") || named != b.Clear || !strings.Contains(s, span) {
				t.Errorf("%s %+v: got=%q, want a winner named exactly when clear, with the interval", l, b, s)
			}
			if l == results.Chinese && strings.Contains(s, "none") {
				t.Errorf("zh: got=%q, want no \"none\"", s)
			}
		}
	}
}

// TestContainCaption: the containment figure's caption states the
// clarification's and the backlash's strengths, not only the model's.
func TestContainCaption(t *testing.T) {
	rep := &containReport{ClarifyStrength: 0.05, BacklashStrength: 0.08}
	for _, tc := range []struct {
		l    results.Lang
		want string
	}{
		{results.English, "IC, clarification s = 0.05, backlash s = 0.08"},
		{results.Chinese, "独立级联（IC），澄清 s = 0.05，负能量 s = 0.08"},
	} {
		model := fmt.Sprintf(textsFor(tc.l).CaptionModel, textsFor(tc.l).model("ic"), "0.065")
		if tc.l == results.English {
			model = fmt.Sprintf(textsFor(tc.l).CaptionModel, "IC", "0.065")
		}
		if got := containTextsFor(tc.l).captionModel(model, rep); got != tc.want {
			t.Errorf("%s: got=%q, want=%q", tc.l, got, tc.want)
		}
	}
}
