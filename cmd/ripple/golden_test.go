package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the JSON goldens in testdata")

// goldenGraph writes a small weighted, directed follower list with named
// nodes (the same ties as smallGraph, with trust weights) and returns its
// path.
func goldenGraph(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("source,target,weight\n")
	names := []string{"大V", "小王", "alice", "bob", "carol", "dave", "erin", "frank"}
	for i, u := range names {
		for j, v := range names {
			if i != j && (i+2*j)%3 != 0 {
				b.WriteString(u + "," + v + "," + []string{"0.25", "0.5", "1"}[(i+j)%3] + "\n")
			}
		}
	}
	path := filepath.Join(t.TempDir(), "tiny.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGoldenJSON pins the whole --format json output of run, compare and
// tipping on small graphs (everything but the timing, the version and the
// command line), so that moving code between packages is proven to change
// nothing. Refresh with go test ./cmd/ripple -run TestGoldenJSON -update,
// and review the diff.
func TestGoldenJSON(t *testing.T) {
	small, weighted := smallGraph(t), goldenGraph(t)
	tests := []struct {
		name string
		args []string
	}{
		{"run", []string{"run", "--graph", small, "--seeds", "大V", "--strength", "0.3", "--trials", "400"}},
		{"run_staggered_broadcast", []string{"run", "--graph", small, "--seeds", "大V;random:2@2", "--strength", "0.2",
			"--broadcast", "f=0.25,q=0.5,t=1,cost=30,name=热搜", "--cost-per-seed", "10", "--cost-per-follower", "1", "--trials", "300"}},
		{"run_builtin", []string{"run", "--trials", "200"}},
		{"run_wc_builtin", []string{"run", "--weighting", "wc", "--trials", "200"}},
		{"run_trust", []string{"run", "--graph", weighted, "--weighting", "trust", "--seeds", "大V", "--strength", "0.4", "--trials", "300"}},
		{"run_uniform_weighted", []string{"run", "--graph", weighted, "--seeds", "大V", "--strength", "0.3", "--trials", "300"}},
		{"run_watts", []string{"run", "--graph", small, "--model", "watts", "--phi", "uniform:0.1,0.5", "--strength", "1", "--seeds", "random:2", "--trials", "200"}},
		{"run_complex", []string{"run", "--graph", small, "--model", "complex", "--k", "2", "--strength", "1", "--seeds", "大V,小王", "--trials", "200"}},
		{"run_lt_decay", []string{"run", "--graph", small, "--model", "lt", "--decay", "0.8", "--zombies", "0.25", "--seeds", "大V", "--strength", "0.1", "--trials", "200"}},
		{"run_sir", []string{"run", "--graph", small, "--model", "sir", "--infectious-hours", "12", "--half-life", "24", "--seeds", "大V", "--strength", "0.3", "--trials", "200"}},
		{"run_ic_delay", []string{"run", "--graph", small, "--delay", "lognormal:2:0.5", "--seeds", "大V", "--strength", "0.3", "--trials", "200"}},
		{"compare", []string{"compare", "--graph", small, "--plan", "one=大V", "--plan", "two=random:2", "--cost-per-seed", "5",
			"--strength", "0.3", "--trials", "400", "--threshold", "0.5"}},
		{"tipping", []string{"tipping", "--graph", small, "--seeds", "大V", "--grid", "5", "--refine", "1", "--trials", "200", "--threshold", "0.5"}},
		{"tipping_seeds", []string{"tipping", "--graph", small, "--axis", "seeds", "--seeds", "random:1", "--from", "1", "--to", "5",
			"--strength", "0.2", "--grid", "3", "--refine", "1", "--trials", "200", "--threshold", "0.5"}},
		{"tipping_budget", []string{"tipping", "--graph", small, "--axis", "budget", "--seeds", "random:1", "--cost-per-seed", "10", "--cost-per-follower", "2",
			"--strength", "0.2", "--grid", "3", "--refine", "1", "--trials", "200", "--threshold", "0.5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := ripple(t, context.Background(), append(tc.args, "--format", "json")...)
			if err != nil {
				t.Fatal(err)
			}
			m := withoutTiming(t, out)
			delete(m, "version")
			delete(m, "go_version")
			if g, ok := m["graph"].(map[string]any); ok {
				if name, ok := g["name"].(string); ok {
					g["name"] = filepath.Base(name) // the test's temporary folder differs
				}
			}
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.name+"_golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (create it with -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%v: output differs from %s (refresh with -update if the change is meant):\n%s", tc.args, path, got)
			}
		})
	}
}
