package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// followerCSV writes a Chinese follower list (关注者,被关注者: content flows
// from the one followed to the follower) where 大V has five followers.
func followerCSV(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("关注者,被关注者\n")
	for _, f := range []string{"小王", "小李", "小张", "小赵", "小刘"} {
		b.WriteString(f + ",大V\n")
	}
	path := filepath.Join(t.TempDir(), "关注.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReverseOfNamedColumnsRefused: --reverse on a CSV whose header already
// gives the direction fails in every command that reads a graph, instead of
// silently turning 大V's followers into the people 大V follows.
func TestReverseOfNamedColumnsRefused(t *testing.T) {
	csv := followerCSV(t)
	for _, args := range [][]string{
		{"run", "--graph", csv, "--reverse", "--seeds", "大V", "--trials", "50"},
		{"compare", "--graph", csv, "--reverse", "--plan", "a=大V", "--plan", "b=小王", "--trials", "50"},
		{"graph", "info", "--reverse", csv},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, _, err := ripple(t, context.Background(), args...)
			if !errors.Is(err, graph.ErrReverseNamed) {
				t.Fatalf("err=%v, want one wrapping graph.ErrReverseNamed", err)
			}
			for _, want := range []string{"关注.csv:1", "被关注者", "drop --reverse"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

// TestRunSaysHowTheGraphWasRead: run, compare and tipping print the "read
// as" line (format, encoding, columns and direction) in text, and graph.read
// in JSON; the built-in graph has none.
func TestRunSaysHowTheGraphWasRead(t *testing.T) {
	csv := followerCSV(t)
	ctx := context.Background()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--graph", csv, "--seeds", "大V", "--trials", "50"}, "read as: csv, UTF-8; column 被关注者 → column 关注者 (content flows from 被关注者 to 关注者)\n"},
		{[]string{"compare", "--graph", csv, "--plan", "a=大V", "--plan", "b=小王", "--trials", "50"}, "read as: csv, UTF-8; column 被关注者 → column 关注者"},
		{[]string{"tipping", "--graph", csv, "--seeds", "大V", "--trials", "50", "--grid", "3", "--refine", "0"}, "read as: csv, UTF-8; column 被关注者 → column 关注者"},
		{[]string{"run", "--graph", csv, "--seeds", "大V", "--trials", "50", "--lang", "zh"}, "读取方式：csv，UTF-8 编码；列 被关注者 → 列 关注者（内容从 被关注者 传给 关注者）\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, _, err := ripple(t, ctx, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			out, _, err = ripple(t, ctx, append(tc.args, "--format", "json")...)
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Graph struct {
					Name string    `json:"name"`
					Read *readJSON `json:"read"`
				} `json:"graph"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			want := readJSON{Format: "csv", Encoding: "UTF-8", From: "被关注者", To: "关注者"}
			if rep.Graph.Name != csv || rep.Graph.Read == nil || *rep.Graph.Read != want {
				t.Errorf("graph = %+v (read %+v), want name %s and read %+v", rep.Graph, rep.Graph.Read, csv, want)
			}
		})
	}
	out, _, err := ripple(t, ctx, "run", "--seeds", "top-degree:1", "--trials", "20")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "read as") {
		t.Errorf("the built-in graph was not read from a file, yet:\n%s", out)
	}
}

// TestMain lets a test run this binary as ripple itself: with
// RIPPLE_TEST_MAIN=1 the test binary is the command (see runAsProcess).
func TestMain(m *testing.M) {
	if os.Getenv("RIPPLE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestClosedStdoutKeepsOutFolder runs ripple as a process whose stdout is a
// pipe nobody reads any more (ripple … --out DIR | head, with head gone):
// the folder is committed whole and ripple ends quietly with status 0,
// instead of dying of SIGPIPE in the middle and abandoning the folder.
func TestClosedStdoutKeepsOutFolder(t *testing.T) {
	g := smallGraph(t)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "long")
			cmd := exec.Command(os.Args[0], "compare", "--graph", g, "--plan", "a=大V", "--plan", "b=random:2",
				"--trials", "200", "--format", format, "--figure-format", "svg", "--out", dir)
			cmd.Env = append(os.Environ(), "RIPPLE_TEST_MAIN=1")
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close() // the reader is gone before ripple writes a byte
			cmd.Stdout = w
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err = cmd.Run()
			w.Close()
			if err != nil {
				t.Fatalf("ripple with a closed stdout: %v; stderr:\n%s", err, stderr.String())
			}
			for line := range strings.Lines(stderr.String()) {
				if !strings.HasPrefix(line, "ripple: warning: ") {
					t.Errorf("stderr says more than the run's warnings: %q", line)
				}
			}
			for _, name := range []string{"summary.json", "compare.csv", "compare.svg", "manifest.json"} {
				if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
					t.Errorf("the folder lacks %s: %v", name, err)
				}
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*"))
			if len(left) != 0 {
				t.Errorf("hidden files left beside the folder: %q", left)
			}
		})
	}
}

// TestSummaryPrintedAfterFolderCommitted: with --out, nothing reaches
// stdout before the folder exists, so the "figures and data: DIR/" line
// never names a folder that is not there.
func TestSummaryPrintedAfterFolderCommitted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	w := &existsWriter{path: filepath.Join(dir, "manifest.json")}
	var stderr strings.Builder
	if err := run(context.Background(), []string{"run", "--graph", smallGraph(t), "--seeds", "大V", "--trials", "50",
		"--figure-format", "", "--out", dir}, w, &stderr); err != nil {
		t.Fatal(err)
	}
	if w.writes == 0 {
		t.Fatal("nothing printed")
	}
	if w.early != 0 {
		t.Errorf("%d of %d writes to stdout came before %s existed", w.early, w.writes, w.path)
	}
}

// existsWriter counts the writes made before the file at path exists.
type existsWriter struct {
	path          string
	writes, early int
}

func (w *existsWriter) Write(p []byte) (int, error) {
	w.writes++
	if _, err := os.Stat(w.path); err != nil {
		w.early++
	}
	return len(p), nil
}

// TestTrustWeightsAboveOne: a weight column of interaction counts (5, 12)
// is capped silently by trust weighting; run, compare, tipping and graph
// info say how many arcs weigh more than 1 and the largest weight.
func TestTrustWeightsAboveOne(t *testing.T) {
	dir := t.TempDir()
	counts := filepath.Join(dir, "counts.csv")
	if err := os.WriteFile(counts, []byte("source,target,weight\n大V,a,5\n大V,b,12\na,b,0.5\nb,a,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sim := []string{"--graph", counts, "--weighting", "trust", "--trials", "20"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{append([]string{"run", "--seeds", "大V", "--format", "json"}, sim...), "2 of 4 arcs weigh more than 1 (the largest 12)"},
		{append([]string{"run", "--seeds", "大V", "--format", "json", "--lang", "zh"}, sim...), "2 条有向关系（共 4 条）的权重大于 1（最大 12）"},
		{append([]string{"compare", "--plan", "x=大V", "--plan", "y=a", "--format", "json"}, sim...), "2 of 4 arcs weigh more than 1"},
		{append([]string{"tipping", "--seeds", "大V", "--grid", "2", "--refine", "0", "--format", "json"}, sim...), "2 of 4 arcs weigh more than 1"},
	} {
		out, _, err := ripple(t, ctx, tc.args...)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		var rep struct{ Warnings []string }
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, tc.want) }) {
			t.Errorf("%q: warnings %q lack %q", tc.args, rep.Warnings, tc.want)
		}
	}
	// Weights in (0,1] are trust as meant: no warning.
	probs := filepath.Join(dir, "probs.csv")
	if err := os.WriteFile(probs, []byte("source,target,weight\n大V,a,0.5\na,大V,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := ripple(t, ctx, "run", "--graph", probs, "--weighting", "trust", "--seeds", "大V", "--trials", "20", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "weigh more than 1") {
		t.Errorf("weights in (0,1] warned about:\n%s", out)
	}
	_, stderr, err := ripple(t, ctx, "graph", "info", counts)
	if err != nil {
		t.Fatal(err)
	}
	if want := "counts.csv: 2 of 4 arcs weigh more than 1 (the largest 12)"; !strings.Contains(stderr, want) {
		t.Errorf("graph info stderr lacks %q:\n%s", want, stderr)
	}
}

// TestGraphInfoOneWayNote: a directed graph where no link goes both ways
// (a friendship list stored once) gets a note suggesting --undirected; a
// graph with a reciprocated link, or read as undirected, does not.
func TestGraphInfoOneWayNote(t *testing.T) {
	dir := t.TempDir()
	once := filepath.Join(dir, "once.txt")
	both := filepath.Join(dir, "both.txt")
	if err := os.WriteFile(once, []byte("0 1\n0 2\n1 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(both, []byte("0 1\n1 0\n1 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		note bool
	}{
		{[]string{"graph", "info", once}, true},
		{[]string{"graph", "info", "--lang", "zh", once}, true},
		{[]string{"graph", "info", "--undirected", once}, false},
		{[]string{"graph", "info", both}, false},
	} {
		_, stderr, err := ripple(t, context.Background(), tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(stderr, "--undirected"); got != tc.note {
			t.Errorf("%q: suggests --undirected: %v, want %v; stderr:\n%s", tc.args, got, tc.note, stderr)
		}
	}
}

// TestZombieFileInGBK: a --zombies @file of labels saved in GB18030 (Notepad
// or Excel on Chinese Windows) is decoded with a note and gives the exact
// result of the same file in UTF-8; --encoding utf-8 refuses it naming the
// file. At strength 1 on 大V→{小王, alice}→{bob, carol}, the two zombies
// stop every launch at 大V (reach 1); without them it is 5.
func TestZombieFileInGBK(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "g.txt")
	labels := "# 僵尸粉\n小王\nalice\n"
	utf8File, gbkFile := filepath.Join(dir, "zombies.txt"), filepath.Join(dir, "zombies_gbk.txt")
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(labels)
	if err != nil {
		t.Fatal(err)
	}
	for path, text := range map[string]string{g: "大V 小王\n大V alice\n小王 bob\nalice carol\n", utf8File: labels, gbkFile: gbk} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	args := []string{"run", "--graph", g, "--seeds", "大V", "--strength", "1", "--trials", "20", "--format", "json"}
	for _, tc := range []struct {
		zombies string
		reach   float64
		note    bool
	}{
		{"", 5, false},
		{"@" + utf8File, 1, false},
		{"@" + gbkFile, 1, true},
	} {
		a := args
		if tc.zombies != "" {
			a = append(a, "--zombies", tc.zombies)
		}
		out, stderr, err := ripple(t, ctx, a...)
		if err != nil {
			t.Fatalf("--zombies %q: %v", tc.zombies, err)
		}
		var rep struct{ Reach struct{ Mean float64 } }
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Reach.Mean != tc.reach {
			t.Errorf("--zombies %q: reach %g, want %g", tc.zombies, rep.Reach.Mean, tc.reach)
		}
		if got := strings.Contains(stderr, "zombies_gbk.txt is not UTF-8: read it as GB18030"); got != tc.note {
			t.Errorf("--zombies %q: note that the file was decoded: %v, want %v; stderr:\n%s", tc.zombies, got, tc.note, stderr)
		}
	}
	_, _, err = ripple(t, ctx, append(args, "--zombies", "@"+gbkFile, "--encoding", "utf-8")...)
	if err == nil || !strings.Contains(err.Error(), "zombies_gbk.txt") {
		t.Errorf("--encoding utf-8 on a GB18030 file: err=%v, want one naming the file", err)
	}
}

// TestSettingsInHeaderAndCaption: every setting that changes the result
// beside the model and strength (weighting, delay, zombies, freshness,
// broadcast channels…) is in the text header and in figure captions, in
// both languages; defaults are not.
func TestSettingsInHeaderAndCaption(t *testing.T) {
	ctx := context.Background()
	g := smallGraph(t)
	for _, tc := range []struct {
		args []string
		want string // the settings line; "" for none
	}{
		{[]string{"run", "--seeds", "大V"}, ""},
		{[]string{"run", "--seeds", "大V", "--decay", "0.9", "--zombies", "0.2"}, "settings: zombies 0.2, decay 0.9\n"},
		{[]string{"run", "--seeds", "大V", "--delay", "exp:2", "--half-life", "24", "--weighting", "wc"}, "settings: weighting wc (1/in-degree), delay exp:2, half-life 24 h\n"},
		{[]string{"compare", "--plan", "a=大V", "--plan", "b=小王", "--broadcast", "f=0.2,q=0.1,t=1"}, "settings: broadcast f=0.2,q=0.1,t=1\n"},
		{[]string{"tipping", "--seeds", "大V", "--grid", "2", "--refine", "0", "--zombies", "0.1"}, "settings: zombies 0.1\n"},
		{[]string{"run", "--seeds", "大V", "--model", "complex", "--k", "2", "--lang", "zh"}, "设置：需 2 次接触\n"},
		{[]string{"run", "--seeds", "大V", "--decay", "0.9", "--zombies", "0.2", "--weighting", "trust", "--lang", "zh"}, "设置：权重方式 信任度 s·w，僵尸粉 0.2，每代衰减 0.9\n"},
	} {
		out, _, err := ripple(t, ctx, append(tc.args, "--graph", g, "--trials", "20")...)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		got := ""
		for line := range strings.Lines(out) {
			if strings.HasPrefix(line, "settings: ") || strings.HasPrefix(line, "设置：") {
				got = line
			}
		}
		if got != tc.want {
			t.Errorf("%q: settings line %q, want %q", tc.args, got, tc.want)
		}
	}
	src := &sourceGraph{g: mustLoad(t, g), name: g}
	params := map[string]any{"weighting": "uniform", "delay": "generation", "zombies": "0.2", "decay": 0.9}
	for _, tc := range []struct {
		lang results.Lang
		want string
	}{
		{results.English, "IC, s = 0.065, zombies 0.2, decay 0.9, broadcast f=0.2,q=0.1"},
		{results.Chinese, "独立级联（IC），s = 0.065，僵尸粉 0.2，每代衰减 0.9，启动渠道 f=0.2,q=0.1"},
	} {
		st, err := results.NewStyleFile(tc.lang, "")
		if err != nil {
			t.Fatal(err)
		}
		d := &folder{style: st, broadcasts: []string{"f=0.2,q=0.1"}}
		if got := d.caption(src, modelJSON{Name: "ic", Strength: 0.065, Params: params}, 100, 1, false).Model; got != tc.want {
			t.Errorf("%v caption model %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// mustLoad loads the graph file at path.
func mustLoad(t *testing.T, path string) *graph.CSR {
	t.Helper()
	g, err := graph.LoadFile(path, graph.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}
