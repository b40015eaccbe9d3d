package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestTippingTrialsPerPoint: by default each point stops once its verdict
// is clear, at a multiple of the sequential batch (64) or at --trials, and
// says how many trials it used in JSON; --fixed-trials runs every point to
// --trials.
func TestTippingTrialsPerPoint(t *testing.T) {
	g := smallGraph(t)
	for _, tc := range []struct {
		name  string
		extra []string
		fixed bool
	}{{name: "sequential"}, {name: "fixed", extra: []string{"--fixed-trials"}, fixed: true}} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"tipping", "--graph", g, "--seeds", "大V", "--trials", "640", "--grid", "5",
				"--refine", "1", "--from", "0", "--to", "1", "--threshold", "0.7", "--format", "json"}, tc.extra...)
			out, _, err := ripple(t, context.Background(), args...)
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				FixedTrials bool `json:"fixed_trials"`
				Points      []struct {
					X      float64 `json:"x"`
					Trials int     `json:"trials"`
				} `json:"points"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			short := 0
			for _, p := range rep.Points {
				switch {
				case tc.fixed && p.Trials != 640, !tc.fixed && (p.Trials < 64 || p.Trials > 640 || (p.Trials%64 != 0 && p.Trials != 640)):
					t.Errorf("x=%v: got=%d trials, want %s", p.X, p.Trials, map[bool]string{true: "640", false: "64–640 in steps of 64"}[tc.fixed])
				}
				if p.Trials < 640 {
					short++
				}
			}
			if rep.FixedTrials != tc.fixed || (!tc.fixed && short == 0) {
				t.Errorf("fixed_trials=%v with %d points stopped early, want fixed_trials=%v and (sequential) some stopped", rep.FixedTrials, short, tc.fixed)
			}
		})
	}
}

// TestCPUProfile: --cpuprofile writes a profile; an unwritable path is a
// usage error before any trial.
func TestCPUProfile(t *testing.T) {
	g := smallGraph(t)
	path := filepath.Join(t.TempDir(), "cpu.prof")
	if _, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V", "--trials", "100", "--cpuprofile", path); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Errorf("--cpuprofile %s: got %v, want a non-empty file", path, err)
	}
	_, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V", "--cpuprofile", filepath.Join(t.TempDir(), "no", "such", "dir", "p"))
	var u *usageError
	if !errors.As(err, &u) {
		t.Errorf("unwritable --cpuprofile: got err=%v, want a usage error", err)
	}
}
