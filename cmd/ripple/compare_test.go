package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
)

// TestCompareBestClear: compare names a best plan only when its paired
// difference to every other plan is clearly above 0; otherwise it says there
// is no clear best, in both languages, and JSON keeps the top mean in best
// with best_clear false.
func TestCompareBestClear(t *testing.T) {
	g := smallGraph(t)
	for _, tc := range []struct {
		name   string
		plans  []string
		clear  bool
		trials string
	}{
		// Two start points against one: clearly more.
		{"clear", []string{"two=大V,小王", "one=dave"}, true, "2000"},
		// Same size, symmetric-looking start points, few trials.
		{"unclear", []string{"a=alice", "b=bob"}, false, "200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"compare", "--graph", g, "--strength", "0.2", "--trials", tc.trials, "--quiet"}
			for _, p := range tc.plans {
				args = append(args, "--plan", p)
			}
			js, _, err := ripple(t, context.Background(), append(args, "--format", "json")...)
			if err != nil {
				t.Fatal(err)
			}
			var rep compareReport
			if err := json.Unmarshal([]byte(js), &rep); err != nil {
				t.Fatal(err)
			}
			d := rep.Differences[0]
			if want := d.CI95[0] > 0; rep.BestClear != want || want != tc.clear {
				t.Fatalf("best_clear=%v with the difference's CI %v, want %v (fixture expects %v)", rep.BestClear, d.CI95, want, tc.clear)
			}
			for _, lang := range []string{"en", "zh"} {
				out, _, err := ripple(t, context.Background(), append(args, "--lang", lang)...)
				if err != nil {
					t.Fatal(err)
				}
				tx := textsFor(results.Lang(lang))
				best := strings.Split(tx.Best, "%s")[0]
				noBest := strings.Split(tx.NoBest, "%s")[0]
				if strings.Contains(out, best) == !tc.clear || strings.Contains(out, noBest) == tc.clear {
					t.Errorf("%s: clear=%v, but the text says:\n%s", lang, tc.clear, out)
				}
			}
		})
	}
}

// TestNoGiantComponent: on a star, where no strength gives a large
// outbreak, the analytic threshold reads "none" in tipping (both
// languages) and JSON says no_giant_component instead of an infinite
// threshold and a ratio of 0.
func TestNoGiantComponent(t *testing.T) {
	star := filepath.Join(t.TempDir(), "star.txt")
	if err := os.WriteFile(star, []byte("hub a\nhub b\nhub c\nhub d\nhub e\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		out, _, err := ripple(t, context.Background(), "tipping", "--graph", star, "--seeds", "hub", "--trials", "50", "--quiet", "--lang", lang)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, textsFor(results.Lang(lang)).NoGiant) || strings.Contains(out, "Inf") {
			t.Errorf("%s: tipping on a star:\n%s", lang, out)
		}
	}
	js, _, err := ripple(t, context.Background(), "run", "--graph", star, "--seeds", "hub", "--trials", "50", "--quiet", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Model modelJSON `json:"model"`
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	if !rep.Model.NoGiant || rep.Model.Critical != nil {
		t.Errorf("run on a star: model=%+v, want no_giant_component and no critical", rep.Model)
	}
}

// TestTippingDefaultRange: on the built-in graph the default strength
// range puts several points inside the transition (0.05 < P(cascade) <
// 0.95), and the transition spans at least a quarter of the range shown,
// not a sliver of a range up to 8× the analytic threshold.
func TestTippingDefaultRange(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: sweeps the built-in 50,000-person graph")
	}
	js, _, err := ripple(t, context.Background(), "tipping", "--trials", "64", "--quiet", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Range  [2]float64 `json:"range"`
		Points []struct {
			X float64 `json:"x"`
			P float64 `json:"p_cascade"`
		} `json:"points"`
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	inside, from, to := 0, math.Inf(1), math.Inf(-1)
	for _, p := range rep.Points {
		if p.P > 0.05 && p.P < 0.95 {
			inside++
			from, to = min(from, p.X), max(to, p.X)
		}
	}
	if span := (to - from) / (rep.Range[1] - rep.Range[0]); inside < 4 || !(span >= 0.25) {
		t.Errorf("%d points inside the transition spanning %.3g of the range %v, want at least 4 and 1/4:\n%s", inside, span, rep.Range, js)
	}
}

// TestCompareNotes: compare prints each plan's notes (the koc plan of the
// demo: not crossed at branching 1.27) under the table, in both languages.
func TestCompareNotes(t *testing.T) {
	o := outcomeJSON{Name: "koc", Verdict: sim.NotCrossed, Branching: 1.27, Notes: []sim.Note{sim.NoteStalls}}
	for _, lang := range []results.Lang{results.English, results.Chinese} {
		tx := textsFor(lang)
		var b strings.Builder
		writeCompareText(&b, tx, compareReport{Plans: []outcomeJSON{o}}, "")
		if want := tx.Note + tx.Colon + "koc" + tx.Colon + tx.Notes[sim.NoteStalls]; !strings.Contains(b.String(), want) {
			t.Errorf("%s: compare lacks %q:\n%s", lang, want, b.String())
		}
	}
}
