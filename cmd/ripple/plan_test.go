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
)

// TestPlanPinnedJSON checks the interface the issue pins: seeds (labels in
// the order chosen) and reach.mean / reach.ci95 of that set.
func TestPlanPinnedJSON(t *testing.T) {
	g := smallGraph(t)
	for _, model := range []string{"ic", "lt"} {
		out, _, err := ripple(t, context.Background(), "plan", "--graph", g, "--model", model, "--strength", "0.3",
			"--k", "2", "--seed", "7", "--trials", "400", "--format", "json", "--quiet")
		if err != nil {
			t.Fatalf("%s: %v", model, err)
		}
		m := withoutTiming(t, out)
		seeds, ok := m["seeds"].([]any)
		if !ok || len(seeds) != 2 {
			t.Fatalf("%s: seeds=%v, want 2 labels", model, m["seeds"])
		}
		for _, s := range seeds {
			if _, ok := s.(string); !ok {
				t.Errorf("%s: seed %v is not a string", model, s)
			}
		}
		for _, f := range []string{"reach.mean", "reach.ci95", "p_cascade.estimate", "plan", "selection.rr_sets", "vs_best_heuristic.ci95", "best_heuristic"} {
			if _, ok := lookup(m, f); !ok {
				t.Errorf("%s: field %s missing", model, f)
			}
		}
		ci, _ := lookup(m, "reach.ci95")
		mean, _ := lookup(m, "reach.mean")
		if c, ok := ci.([]any); !ok || len(c) != 2 || c[0].(float64) > mean.(float64) || c[1].(float64) < mean.(float64) {
			t.Errorf("%s: reach.ci95=%v does not bracket reach.mean=%v", model, ci, mean)
		}
		// The --plan string names the same seeds, in order.
		plan, _ := m["plan"].(string)
		if want := "recommended=" + seeds[0].(string) + "," + seeds[1].(string); plan != want {
			t.Errorf("%s: plan=%q, want %q", model, plan, want)
		}
	}
}

// TestPlanDeterministic: the same seed gives the same output for any number
// of workers (RR sets and Monte Carlo alike).
func TestPlanDeterministic(t *testing.T) {
	g := smallGraph(t)
	var outs []string
	for _, w := range []string{"1", "3"} {
		out, _, err := ripple(t, context.Background(), "plan", "--graph", g, "--strength", "0.2", "--k", "3",
			"--trials", "300", "--workers", w, "--format", "json", "--quiet")
		if err != nil {
			t.Fatal(err)
		}
		m := withoutTiming(t, out)
		delete(m["selection"].(map[string]any), "seconds")
		b, _ := json.Marshal(m)
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] {
		t.Errorf("workers=1 and workers=3 differ:\n%s\n%s", outs[0], outs[1])
	}
}

// TestPlanBadInput: each mistake is an error naming the flag (or file,
// line and field), exits as a usage error, and prints no JSON.
func TestPlanBadInput(t *testing.T) {
	g := smallGraph(t)
	costs := func(text string) string {
		p := filepath.Join(t.TempDir(), "costs.csv")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"k larger than graph", []string{"--k", "100"}, "--k"},
		{"no k no budget", nil, "--k"},
		{"k and budget", []string{"--k", "2", "--budget", "10", "--cost-per-seed", "1"}, "--budget"},
		{"epsilon 1", []string{"--k", "2", "--epsilon", "1"}, "--epsilon"},
		{"epsilon 0", []string{"--k", "2", "--epsilon", "0"}, "--epsilon"},
		{"budget without costs", []string{"--budget", "10"}, "costs"},
		{"budget buys nothing", []string{"--budget", "1", "--cost-per-seed", "5"}, "budget"},
		{"negative cost", []string{"--budget", "10", "--cost-per-seed", "-1"}, "cost"},
		{"model sir", []string{"--k", "2", "--model", "sir"}, "--model"},
		{"cost file not a number", []string{"--budget", "10", "--cost-file", costs("node,cost\n大V,ten\n")}, "costs.csv:2"},
		{"cost file negative", []string{"--budget", "10", "--cost-file", costs("大V,-3\n")}, "costs.csv:1"},
		{"cost file unknown node", []string{"--budget", "10", "--cost-file", costs("nobody,3\n")}, "nobody"},
		{"cost file empty", []string{"--budget", "10", "--cost-file", costs("# nothing\n")}, "missing"},
		{"cost file one field", []string{"--budget", "10", "--cost-file", costs("大V\n")}, "costs.csv:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantUsageError(t, append([]string{"plan", "--graph", g, "--trials", "50", "--format", "json", "--quiet"}, tc.args...), tc.want)
		})
	}
}

// TestPlanBudgetOut runs a budgeted plan with a cost file and --out in
// Chinese: the seeds fit the budget, and the figures, their data and the
// seed list are written.
func TestPlanBudgetOut(t *testing.T) {
	g := smallGraph(t)
	costFile := filepath.Join(t.TempDir(), "quotes.csv")
	quotes := "label,cost\n大V,8\n小王,3\nalice,2\nbob,2\ncarol,2\ndave,1\n"
	if err := os.WriteFile(costFile, []byte(quotes), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "选点")
	out, _, err := ripple(t, context.Background(), "plan", "--graph", g, "--strength", "0.2", "--budget", "6",
		"--cost-file", costFile, "--trials", "300", "--out", dir, "--figure-format", "png", "--lang", "zh", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"推荐", "预算", "ripple compare"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	var rep planReport
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	price := map[string]float64{"大V": 8, "小王": 3, "alice": 2, "bob": 2, "carol": 2, "dave": 1}
	total := 0.0
	for _, s := range rep.Seeds {
		p, ok := price[s]
		if !ok {
			t.Errorf("seed %q is not for sale", s)
		}
		total += p
	}
	if total > 6 || math.Abs(total-float64(rep.Cost)) > 1e-9 {
		t.Errorf("seeds %v cost %v (reported %v), budget 6", rep.Seeds, total, rep.Cost)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, want := range []string{"plan.png", "plan.csv", "budget.png", "budget.csv", "seeds.csv", "summary.json", "manifest.json"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s missing from %v", want, names)
		}
	}
}

// TestPlanTextWords: plan's zh table gives the verdict in Chinese, and the
// recommended plan's cost reads as cost per person reached (as the table's
// column does), not its inverse.
func TestPlanTextWords(t *testing.T) {
	g := smallGraph(t)
	costFile := filepath.Join(t.TempDir(), "quotes.csv")
	if err := os.WriteFile(costFile, []byte("label,cost\n大V,8\n小王,3\nalice,2\nbob,2\ncarol,2\ndave,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"plan", "--graph", g, "--strength", "0.2", "--budget", "6", "--cost-file", costFile, "--trials", "300", "--quiet"}
	out, _, err := ripple(t, context.Background(), append(args, "--lang", "zh")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range []string{"not_crossed", "crossed", "uncertain"} {
		if strings.Contains(out, en) {
			t.Errorf("zh plan prints %q:\n%s", en, out)
		}
	}
	js, _, err := ripple(t, context.Background(), append(args, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var rep planReport
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	per := fmt.Sprintf("每触达一人 %.3g", float64(rep.Cost)/float64(rep.Reach.Mean))
	if !strings.Contains(out, per) {
		t.Errorf("zh plan lacks %q:\n%s", per, out)
	}
}
