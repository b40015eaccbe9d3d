package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// ripple runs the CLI with args and returns stdout, stderr and the error.
func ripple(t *testing.T, ctx context.Context, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(ctx, args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// wantUsageError runs ripple with args and fails t unless it returns a
// usage error whose message holds want, having printed nothing.
func wantUsageError(t *testing.T, args []string, want string) {
	t.Helper()
	out, _, err := ripple(t, context.Background(), args...)
	var u *usageError
	if err == nil || !strings.Contains(err.Error(), want) || !errors.As(err, &u) {
		t.Errorf("%v: got=%v, want a usage error containing %q", args, err, want)
	}
	if out != "" {
		t.Errorf("%v: printed %q before failing", args, out)
	}
}

// smallGraph writes a small directed edge list with named nodes and returns
// its path.
func smallGraph(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("# a tiny follower graph\n")
	names := []string{"大V", "小王", "alice", "bob", "carol", "dave", "erin", "frank"}
	for i, u := range names {
		for j, v := range names {
			if i != j && (i+2*j)%3 != 0 {
				b.WriteString(u + " " + v + "\n")
			}
		}
	}
	path := filepath.Join(t.TempDir(), "tiny.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestREADMEFirstCommand runs the first command of README.md exactly as a
// new user would, and checks that it shows the product working.
func TestREADMEFirstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: runs the full demo")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?m)^go run ./cmd/ripple ([^#\n]*?)\\s*(#.*)?$").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no 'go run ./cmd/ripple ...' line")
	}
	out, _, err := ripple(t, context.Background(), strings.Fields(string(m[1]))...)
	if err != nil {
		t.Fatalf("ripple %s: %v", m[1], err)
	}
	for _, want := range []string{"kol", "koc", "best plan by mean reach", "more than"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// withoutTiming decodes a JSON output and drops the only clock-dependent key.
func withoutTiming(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, s)
	}
	delete(m, "timing")
	delete(m, "command") // it names the flags that differ
	return m
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	g := smallGraph(t)
	for _, cmd := range [][]string{
		{"run", "--seeds", "random:2", "--trials", "3000"},
		// With a precision target the run stops at a batch boundary decided
		// in trial order, not by whichever worker finished first.
		{"compare", "--plan", "a=大V", "--plan", "b=random:2", "--trials", "100000", "--precision", "0.01"},
	} {
		var outs []string
		for _, w := range []string{"1", "4"} {
			out, _, err := ripple(t, context.Background(), append(cmd, "--graph", g, "--strength", "0.3", "--workers", w, "--format", "json")...)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(withoutTiming(t, out))
			outs = append(outs, string(b))
		}
		if outs[0] != outs[1] {
			t.Errorf("%s: workers=1 and workers=4 differ:\n%s\n%s", cmd[0], outs[0], outs[1])
		}
	}
}

// lookup follows a dotted path through decoded JSON.
func lookup(m any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		obj, ok := m.(map[string]any)
		if !ok {
			return nil, false
		}
		if m, ok = obj[k]; !ok {
			return nil, false
		}
	}
	return m, true
}

// TestPinnedJSON checks the fields that scripts depend on.
func TestPinnedJSON(t *testing.T) {
	g := smallGraph(t)
	common := []string{"--graph", g, "--trials", "500", "--format", "json", "--threshold", "0.5"}
	tests := []struct {
		name   string
		args   []string
		fields []string
	}{
		{"run", append([]string{"run", "--seeds", "大V"}, common...),
			[]string{"trials", "seed", "graph.nodes", "graph.edges", "reach.mean", "reach.ci95", "reach.sd",
				"p_cascade.estimate", "p_cascade.ci95", "verdict", "timing"}},
		{"compare", append([]string{"compare", "--plan", "one=大V", "--plan", "two=random:2"}, common...),
			[]string{"trials", "seed", "graph.nodes", "graph.edges", "plans", "differences", "best"}},
		{"tipping", append([]string{"tipping", "--seeds", "大V", "--grid", "5", "--refine", "1"}, common...),
			[]string{"trials", "seed", "graph.nodes", "threshold.estimate", "threshold.ci95", "threshold.analytic", "points"}},
		{"tipping budget", append([]string{"tipping", "--axis", "budget", "--seeds", "top-degree:1", "--cost-per-seed", "10",
			"--from", "10", "--to", "80", "--grid", "4", "--refine", "1"}, common...),
			[]string{"threshold.estimate", "points"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := ripple(t, context.Background(), tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(out), &m); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			for _, f := range tc.fields {
				if _, ok := lookup(m, f); !ok {
					t.Errorf("missing field %s", f)
				}
			}
			if tc.name == "compare" {
				plans := m["plans"].([]any)
				for _, p := range plans {
					for _, f := range []string{"name", "reach.mean", "reach.ci95", "p_cascade.estimate", "verdict"} {
						if _, ok := lookup(p, f); !ok {
							t.Errorf("plan lacks %s", f)
						}
					}
				}
			}
			if v, _ := lookup(m, "verdict"); tc.name == "run" && !slices.Contains([]any{"crossed", "not_crossed", "uncertain"}, v) {
				t.Errorf("verdict: got=%v, want crossed, not_crossed or uncertain", v)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	g := smallGraph(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("source,target,weight\na,b,0.5\nb,c,abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		usage bool     // a usage error (exit status 2)
		want  []string // the message names these
	}{
		{"unknown command", []string{"rnu"}, true, []string{"unknown command", "run"}},
		{"unknown flag", []string{"run", "--strenght", "0.1"}, true, []string{"strenght"}},
		{"stray argument", []string{"run", "extra"}, true, []string{"extra"}},
		{"strength out of range", []string{"run", "--graph", g, "--strength", "1.5"}, true, []string{"strength", "1.5"}},
		{"threshold out of range", []string{"run", "--threshold", "0"}, true, []string{"threshold"}},
		{"unknown label", []string{"run", "--graph", g, "--seeds", "大v,nobody"}, true, []string{"nobody", "大V"}},
		{"K larger than graph", []string{"run", "--graph", g, "--seeds", "random:100"}, true, []string{"100"}},
		{"bad weight", []string{"run", "--graph", bad}, false, []string{"bad.csv:3", "weight", "abc"}},
		{"missing file", []string{"graph", "info", "/nonexistent/x.txt"}, false, []string{"/nonexistent/x.txt"}},
		{"one plan to compare", []string{"compare", "--plan", "a=random:1"}, true, []string{"two plans"}},
		{"bad model", []string{"run", "--model", "sis"}, true, []string{"sis"}},
		{"bad format", []string{"run", "--format", "xml"}, true, []string{"xml"}},
		{"bad font before any trial", []string{"run", "--graph", g, "--out", t.TempDir(), "--font", g}, true, []string{"--font"}},
		{"unknown output extension", []string{"graph", "convert", g, filepath.Join(t.TempDir(), "x.xyz")}, true, []string{"x.xyz", ".gexf"}},
		{"bad plans file line", []string{"compare", "--plans", plansFile(t, "\uFEFF# 方案\nkol=top-degree:1\nbroken\n")}, true, []string{"plans.txt:3", "broken"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ripple(t, context.Background(), tc.args...)
			if err == nil {
				t.Fatalf("%v: got nil error", tc.args)
			}
			var u *usageError
			if got := errors.As(err, &u); got != tc.usage {
				t.Errorf("usage error: got=%v, want=%v (%v)", got, tc.usage, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// plansFile writes a plans file and returns its path.
func plansFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plans.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHelp(t *testing.T) {
	for _, c := range commandNames() {
		out, _, err := ripple(t, context.Background(), c, "--help")
		if err != nil {
			t.Errorf("%s --help: %v", c, err)
		}
		if n := strings.Count(out, "Usage: ripple "+c); n != 1 {
			t.Errorf("%s --help shows its usage %d times, want once:\n%s", c, n, out)
		}
	}
	out, _, err := ripple(t, context.Background())
	if err != nil || !strings.Contains(out, "compare") {
		t.Errorf("ripple with no arguments: got err=%v out=%q", err, out)
	}
}

func TestGraphCommands(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "g.rgraph")
	if _, _, err := ripple(t, context.Background(), "graph", "generate", "gnp", "n=300,p=0.02", "-o", snap, "--seed", "7"); err != nil {
		t.Fatal(err)
	}
	info := func(path string, extra ...string) map[string]any {
		t.Helper()
		out, _, err := ripple(t, context.Background(), append([]string{"graph", "info", path, "--format", "json"}, extra...)...)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := info(snap)
	for _, ext := range []string{"gexf", "graphml", "txt"} {
		conv := filepath.Join(dir, "g."+ext)
		if _, _, err := ripple(t, context.Background(), "graph", "convert", snap, conv); err != nil {
			t.Fatal(err)
		}
		extra, fields := []string{}, []string{"stats.nodes", "stats.edges", "stats.mean_degree"}
		if ext == "txt" {
			// An edge list does not say it is undirected, and cannot hold
			// isolated nodes (convert warns about them).
			extra, fields = append(extra, "--undirected"), []string{"stats.edges"}
		}
		b := info(conv, extra...)
		for _, f := range fields {
			x, _ := lookup(a, f)
			y, _ := lookup(b, f)
			if x != y {
				t.Errorf("%s after convert to %s: got=%v, want=%v", f, ext, y, x)
			}
		}
	}
}

func TestOutFolder(t *testing.T) {
	g := smallGraph(t)
	dir := filepath.Join(t.TempDir(), "out")
	if _, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V", "--trials", "300",
		"--out", dir, "--figure-format", "png", "--lang", "zh", "--gephi"); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	wantFiles := []string{"reach.png", "reach.csv", "spread.png", "spread.csv", "nodes.csv", "reached.gexf", "summary.json", "manifest.json"}
	for _, want := range wantFiles {
		if !slices.Contains(names, want) {
			t.Errorf("%s missing from %v", want, names)
		}
	}
	if len(names) != len(wantFiles) {
		t.Errorf("files: got=%v, want exactly %v (no temporary files left)", names, wantFiles)
	}
	var man struct {
		Files []struct{ Name string } `json:"files"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err := json.Unmarshal(b, &man); err != nil || len(man.Files) != len(wantFiles)-1 {
		t.Errorf("manifest files: got=%v (err %v), want every other file", man.Files, err)
	}
	// The seed node (大V) adopts in every trial, so it heads nodes.csv with p = 1.
	nodes, _ := os.ReadFile(filepath.Join(dir, "nodes.csv"))
	lines := strings.Split(strings.TrimPrefix(string(nodes), "\uFEFF"), "\r\n")
	if len(lines) < 2 || lines[0] != "用户,粉丝数,关注数,采纳概率" || !strings.HasPrefix(lines[1], "大V,") || !strings.HasSuffix(lines[1], ",1") {
		t.Errorf("nodes.csv starts %q, want the header and 大V with p_activated 1", lines[:min(2, len(lines))])
	}
	// reached.gexf only with --gephi.
	if _, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V", "--trials", "30",
		"--out", dir, "--figure-format", "png"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "reached.gexf")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reached.gexf without --gephi: got err=%v, want no file", err)
	}
}

func TestInterruptedRunIsPartial(t *testing.T) {
	g := smallGraph(t)
	for _, cmd := range [][]string{
		{"run", "--seeds", "大V"},
		{"compare", "--plan", "a=大V", "--plan", "b=random:2"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		out, _, err := ripple(t, ctx, append(cmd, "--graph", g, "--trials", "1000000000", "--format", "json")...)
		cancel()
		if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("%s: got err=%v, want an interruption", cmd[0], err)
		}
		m := withoutTiming(t, out)
		if m["partial"] != true || m["trials"].(float64) < 1 {
			t.Errorf("%s: interrupted output: partial=%v trials=%v, want a marked partial result with trials", cmd[0], m["partial"], m["trials"])
		}
	}
}

func TestTableAlignsWideCharacters(t *testing.T) {
	var tb table
	tb.row("plan", "reach")
	tb.row("大V", "12")
	tb.row("kol", "3")
	var b bytes.Buffer
	tb.write(&b)
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	col := func(s string) int { return displayWidth(s[:strings.LastIndex(s, " ")+1]) }
	if col(lines[0]) != col(lines[1]) || col(lines[1]) != col(lines[2]) {
		t.Errorf("second column not aligned by display width:\n%s", b.String())
	}
}

func TestWarnsWhenStartPointsMakeTheCascade(t *testing.T) {
	out, _, err := ripple(t, context.Background(), "run", "--graph", smallGraph(t), "--seeds", "random:5",
		"--threshold", "0.5", "--trials", "100", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct{ Warnings []string }
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "P(reach ≥ θ·n) is 1 by construction") {
		t.Errorf("warnings: got=%q, want one about start points ≥ θ·n", rep.Warnings)
	}
}

func TestOutFolderReuseRemovesStaleFiles(t *testing.T) {
	g := smallGraph(t)
	dir := filepath.Join(t.TempDir(), "out")
	common := []string{"--graph", g, "--trials", "200", "--out", dir, "--figure-format", "png"}
	if _, _, err := ripple(t, context.Background(), append([]string{"run", "--seeds", "大V"}, common...)...); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ripple(t, context.Background(), append([]string{"compare", "--plan", "a=大V", "--plan", "b=random:2"}, common...)...); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "reach.png")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reach.png of the earlier run is still there (err=%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "compare.png")); err != nil {
		t.Error(err)
	}
	foreign := filepath.Join(t.TempDir(), "foreign")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "manifest.json"), []byte(`{"files":[{"name":"thesis.docx"}]}`), 0o644)
	if _, _, err := ripple(t, context.Background(), "run", "--graph", g, "--trials", "10", "--out", foreign); err == nil {
		t.Error("--out into a folder with someone else's manifest.json: got nil error")
	}
}

func TestFailedRunKeepsEarlierOutFolder(t *testing.T) {
	g := smallGraph(t)
	dir := filepath.Join(t.TempDir(), "out")
	if _, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V", "--trials", "100", "--out", dir, "--figure-format", "png"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadDir(dir)
	for _, bad := range [][]string{{"--seeds", "nobody"}, {"--model", "bogus"}, {"--weighting", "bogus"}} {
		if _, _, err := ripple(t, context.Background(), append([]string{"run", "--graph", g, "--trials", "100", "--out", dir}, bad...)...); err == nil {
			t.Fatalf("%v: got nil error", bad)
		}
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(before) {
		t.Errorf("a failed run changed the earlier --out folder: %d files before, %d after", len(before), len(after))
	}
}

func TestTippingFailuresPrintNothing(t *testing.T) {
	g := smallGraph(t)
	for _, args := range [][]string{
		{"--axis", "broadcast", "--convert", "2"},
		{"--axis", "seeds", "--seeds", "random:1", "--to", "100"},
		{"--grid", "1"},
		{"--refine", "-1"},
		{"--from", "0.5", "--to", "0.2"},
	} {
		wantUsageError(t, append([]string{"tipping", "--graph", g, "--trials", "50"}, args...), "")
	}
	out, _, err := ripple(t, context.Background(), "tipping", "--graph", g, "--seeds", "大V", "--trials", "50", "--grid", "5", "--refine", "0", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct{ Points []any }
	json.Unmarshal([]byte(out), &rep)
	if len(rep.Points) != 5 {
		t.Errorf("--grid 5 --refine 0: got %d points, want 5", len(rep.Points))
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
	}{
		{nil, 0},
		{usagef("bad flag"), 2},
		{&interruptedError{"interrupted after 3 of 9 trials"}, 130},
		{errors.New("disk full"), 1},
	} {
		var b bytes.Buffer
		if got := exitCode(tc.err, &b); got != tc.code {
			t.Errorf("exitCode(%v): got=%d, want=%d", tc.err, got, tc.code)
		}
		if tc.err != nil && strings.Count(b.String(), "interrupted") > 1 {
			t.Errorf("exitCode(%v) repeats itself: %q", tc.err, b.String())
		}
	}
}

func TestChineseSummary(t *testing.T) {
	g := smallGraph(t)
	for _, cmd := range [][]string{
		{"run", "--seeds", "大V"},
		{"compare", "--plan", "大V=大V", "--plan", "素人=random:2"},
	} {
		out, _, err := ripple(t, context.Background(), append(cmd, "--graph", g, "--trials", "200", "--threshold", "0.9", "--lang", "zh")...)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"触达", "随机种子"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s --lang zh lacks %q:\n%s", cmd[0], want, out)
			}
		}
		if strings.Contains(out, "people") {
			t.Errorf("%s --lang zh still says \"people\":\n%s", cmd[0], out)
		}
	}
}
