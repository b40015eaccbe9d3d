package main

import (
	"context"
	"encoding/json"
	"github.com/ripple-sim/ripple/cascades"
	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// calibArgs runs calibrate on the fixture graph and cascades (40 training
// cascades, one of them from a seed not in the graph; 20 held out).
func calibArgs(extra ...string) []string {
	return append([]string{"calibrate", "--graph", "testdata/calib_graph.txt", "--header", "--undirected",
		"--cascades", "testdata/calib_train.txt", "--evaluate", "testdata/calib_test.txt",
		"--worlds", "40", "--bootstrap", "30", "--seed", "1", "--quiet"}, extra...)
}

// TestCalibrateJSONKeys checks every JSON key the issue pins.
func TestCalibrateJSONKeys(t *testing.T) {
	out, _, err := ripple(t, context.Background(), calibArgs("--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"strength.estimate", "strength.ci95", "fit.min_size", "fit.cascades_used", "fit.cascades_skipped",
		"buckets", "evaluation.cascades", "evaluation.observed", "evaluation.predicted", "evaluation.log_score",
		"evaluation.baselines.climatology.log_score", "evaluation.baselines.branching.log_score", "evaluation.difference.baseline",
		"evaluation.difference.mean", "evaluation.difference.ci95", "evaluation.verdict", "delay.explained_fraction",
		"delay.first_exposure_median_hours"} {
		var cur any = v
		for _, part := range strings.Split(key, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			cur = m[part]
		}
		if cur == nil {
			t.Errorf("key %s missing", key)
		}
	}
	fit := v["fit"].(map[string]any)
	if fit["cascades_used"].(float64) != 40 || fit["cascades_skipped"].(float64) != 1 || fit["min_size"].(float64) != 2 {
		t.Errorf("fit: got=%v, want 40 used, 1 skipped (seed 999 not in the graph), min size 2", fit)
	}
	switch v["evaluation"].(map[string]any)["verdict"] {
	case "model_better", "no_difference", "baseline_better":
	default:
		t.Errorf("bad verdict %v", v["evaluation"])
	}
}

// TestCalibrateDeterministic: the same seed gives the same JSON (timing
// aside) for any number of workers.
func TestCalibrateDeterministic(t *testing.T) {
	// The timing and the command line (which names --workers) differ.
	timing := regexp.MustCompile(`(?s)"timing": \{.*?\}|"command": "[^"]*"`)
	var outs []string
	for _, w := range []string{"1", "3"} {
		out, _, err := ripple(t, context.Background(), calibArgs("--format", "json", "--workers", w)...)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, timing.ReplaceAllString(out, ""))
	}
	if outs[0] != outs[1] {
		t.Errorf("workers 1 and 3 differ:\n%s\n%s", outs[0], outs[1])
	}
}

func TestCalibrateTextAndFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	out, _, err := ripple(t, context.Background(), calibArgs("--lang", "zh", "--out", dir, "--figure-format", "png")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"传播动力 s =", "留出集", "结论："} {
		if !strings.Contains(out, want) {
			t.Errorf("zh text lacks %q:\n%s", want, out)
		}
	}
	for _, f := range []string{"summary.json", "manifest.json", "calibration.png", "calibration.csv", "ic.flags", "ic-background.flags", "ic-lognormal.flags"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out: %v", err)
		}
	}
	// The flags file is accepted by run as it is.
	flags := readFlagsFile(t, filepath.Join(dir, "ic-background.flags"))
	args := append([]string{"run", "--seeds", "0", "--trials", "50", "--quiet", "--figure-format", ""}, flags...)
	if _, _, err := ripple(t, context.Background(), args...); err != nil {
		t.Errorf("run %v: %v", flags, err)
	}
}

// readFlagsFile returns the flags of a calibrate .flags file: every word of
// its lines but the # comments.
func readFlagsFile(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "#") {
			flags = append(flags, strings.Fields(line)...)
		}
	}
	return flags
}

// TestCalibrateFlagsReadTheGraph runs every flags file the way its own
// "use as" line says (its flags alone, no --graph of the caller's, from
// another folder) and checks that run reads the very graph calibrate fitted
// on: same checksum, nodes and arcs. Without the graph's flags in the file,
// run falls back to the built-in 50,000-person graph.
func TestCalibrateFlagsReadTheGraph(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if _, _, err := ripple(t, context.Background(), "calibrate", "--graph", "testdata/calib_graph.txt", "--undirected",
		"--cascades", "testdata/calib_train.txt", "--worlds", "20", "--bootstrap", "20", "--quiet",
		"--out", dir, "--figure-format", ""); err != nil {
		t.Fatal(err)
	}
	var sum struct{ Graph graphJSON }
	readJSONFile(t, filepath.Join(dir, "summary.json"), &sum)
	files, _ := filepath.Glob(filepath.Join(dir, "*.flags"))
	if len(files) != 4 { // ic, ic+background, ic+lognormal, ic+background+lognormal
		t.Fatalf("got=%d flags files, want=4", len(files))
	}
	t.Chdir(t.TempDir()) // a relative --graph in the file would fail here
	for _, f := range files {
		flags := readFlagsFile(t, f)
		args := append([]string{"run", "--seeds", "0", "--trials", "20", "--quiet", "--format", "json"}, flags...)
		out, _, err := ripple(t, context.Background(), args...)
		if err != nil {
			t.Fatalf("%s: run %v: %v", filepath.Base(f), flags, err)
		}
		var r struct{ Graph graphJSON }
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		if r.Graph.Checksum != sum.Graph.Checksum || r.Graph.Nodes != sum.Graph.Nodes || r.Graph.Arcs != sum.Graph.Arcs {
			t.Errorf("%s: run read got=%s (%d nodes, %d arcs), want=%s (%d nodes, %d arcs); flags %v", filepath.Base(f),
				r.Graph.Checksum, r.Graph.Nodes, r.Graph.Arcs, sum.Graph.Checksum, sum.Graph.Nodes, sum.Graph.Arcs, flags)
		}
	}
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestCalibrateStrengthOnly(t *testing.T) {
	out, _, err := ripple(t, context.Background(), "calibrate", "--strength-only", "--cascade-format", "marref",
		"--cascades", "testdata/calib_trees.csv", "--bootstrap", "30", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Branching struct {
			R struct {
				Estimate float64    `json:"estimate"`
				CI95     [2]float64 `json:"ci95"`
			} `json:"r"`
		} `json:"branching"`
		Fit struct {
			Used int `json:"cascades_used"`
		} `json:"fit"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Fit.Used != 2 || !(v.Branching.R.Estimate > 0) {
		t.Errorf("got=%+v, want 2 trees and R > 0", v)
	}
}

func TestCalibrateBadInput(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "odd.txt")
	os.WriteFile(odd, []byte("1 2 5.0\n3 4 5.0 6\n"), 0o644)
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("1 2 5.0\n"), 0o644)
	weibo := filepath.Join(dir, "weibo.txt")
	os.WriteFile(weibo, []byte("1\t10\t1464739201\t3\t10:0 10/11:5 10/11/12:9\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
		code int
	}{
		{"odd tokens", []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--header", "--cascades", odd}, "odd.txt:2: 3 tokens after the seed", 1},
		{"none above min", []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--header", "--cascades", small, "--min-size", "5"}, "no usable cascade", 1},
		{"no cascades flag", []string{"calibrate", "--graph", "testdata/calib_graph.txt"}, "--cascades is required", 2},
		{"no graph", []string{"calibrate", "--cascades", small}, "--graph is required", 2},
		{"format", []string{"calibrate", "--strength-only", "--cascades", small, "--cascade-format", "xml"}, "unknown format", 2},
		{"marref on graph", []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--cascades", "testdata/calib_trees.csv", "--cascade-format", "marref"}, "use --strength-only", 2},
		{"model", []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--cascades", small, "--model", "lt"}, "fits ic", 2},
		{"weibo as infvae", []string{"calibrate", "--strength-only", "--cascades", weibo}, `weibo.txt:1: time 2: "10:0" is not a number (the line reads as the weibo format); try --cascade-format weibo`, 1},
		{"weibo as infvae zh", []string{"calibrate", "--strength-only", "--cascades", weibo, "--lang", "zh"}, "；请试 --cascade-format weibo", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ripple(t, context.Background(), tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got=%v, want an error containing %q", err, tt.want)
			}
			var sb strings.Builder
			if code := exitCode(err, &sb); code != tt.code {
				t.Errorf("exit code: got=%d, want=%d", code, tt.code)
			}
		})
	}
}

// TestCalibrateWithoutEvaluation: without --evaluate the text lists each
// model's training score and strength, and suggests --evaluate.
func TestCalibrateWithoutEvaluation(t *testing.T) {
	out, _, err := ripple(t, context.Background(), "calibrate", "--graph", "testdata/calib_graph.txt", "--header", "--undirected",
		"--cascades", "testdata/calib_train.txt", "--worlds", "20", "--bootstrap", "20", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ic+background+lognormal  training score", "add --evaluate"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

// TestCalibrateInfVAEHeader: the command has no --header, and an
// Inf-VAE graph.txt starts with its "n m" line; calibrate reads it as the
// header (60 people, 120 ties), not as an edge between people "60" and
// "120". An explicit --header=false still reads it as an edge.
func TestCalibrateInfVAEHeader(t *testing.T) {
	for _, c := range []struct {
		flag  []string
		nodes float64
	}{{nil, 60}, {[]string{"--header=false"}, 62}} {
		args := []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--undirected",
			"--cascades", "testdata/calib_train.txt", "--worlds", "20", "--bootstrap", "20", "--quiet", "--format", "json"}
		out, _, err := ripple(t, context.Background(), append(args, c.flag...)...)
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Graph struct{ Nodes float64 } `json:"graph"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		if v.Graph.Nodes != c.nodes {
			t.Errorf("calibrate %v: got=%v nodes, want=%v", c.flag, v.Graph.Nodes, c.nodes)
		}
	}
}

// TestCalibrateWarnsGraphMismatch: the fixture's cascade times were drawn
// without regard to the graph (explained 22% against 21% reversed), so the
// JSON carries a warning and the text prints it, in either language.
func TestCalibrateWarnsGraphMismatch(t *testing.T) {
	args := []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--undirected",
		"--cascades", "testdata/calib_train.txt", "--worlds", "20", "--bootstrap", "20", "--quiet"}
	out, _, err := ripple(t, context.Background(), append(args, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var v calibrateReport
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Warnings) != 1 || !strings.Contains(v.Warnings[0], "do not clearly follow the graph") {
		t.Errorf("warnings: got=%q, want one on the times not following the graph", v.Warnings)
	}
	for lang, want := range map[string]string{"en": "Warning: the cascades' times", "zh": "警告：这些传播链的时间不明显顺着关系链"} {
		out, _, err := ripple(t, context.Background(), append(args, "--lang", lang)...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, want) {
			t.Errorf("--lang %s: text lacks %q:\n%s", lang, want, out)
		}
	}
}

// TestGraphChecksStackExchange: on the StackExchange data each community's
// cascades on their own graph raise no warning; the Android cascades on the
// Christianity graph (the user walkthrough's mistake) raise one whether the
// graph is read directed (times: lift 1.8 points, and 14% of the adopters
// are not in the graph) or undirected (the adopters only).
func TestGraphChecksStackExchange(t *testing.T) {
	dir := "../../../shared/data/cascades/"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the StackExchange cascades are not here (%v): skipping", err)
	}
	load := func(name string, undirected bool) *graph.CSR {
		g, err := graph.LoadFile(dir+"infvae_"+name+"_graph.txt.gz", graph.LoadOptions{Options: graph.Options{Undirected: undirected}, Header: true})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	casc := func(name string) []cascades.Cascade {
		var all []cascades.Cascade
		for _, part := range []string{"train", "test"} {
			cs, err := cascades.LoadFile(dir+"infvae_"+name+"_"+part+".txt.gz", cascades.InfVAE)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, cs...)
		}
		return all
	}
	tx := calibrateTextsFor(results.English)
	cases := []struct {
		graph, cascades string
		undirected      bool
		want            []string // the warnings, in order
	}{
		{"android", "android", true, nil},
		{"android", "android", false, nil},
		{"christianity", "christianity", true, nil},
		{"christianity", "christianity", false, nil},
		{"christianity", "android", false, []string{"do not clearly follow the graph", "3650 of 25174 adopters are not in the graph (14%)"}},
		{"christianity", "android", true, []string{"3650 of 25174 adopters are not in the graph (14%)"}},
	}
	for _, c := range cases {
		_, warns := graphChecks(load(c.graph, c.undirected), casc(c.cascades), true, tx)
		ok := len(warns) == len(c.want)
		for i := 0; ok && i < len(warns); i++ {
			ok = strings.Contains(warns[i], c.want[i])
		}
		if !ok {
			t.Errorf("%s cascades on the %s graph (undirected %v): got=%q, want=%q", c.cascades, c.graph, c.undirected, warns, c.want)
		}
	}
}

// TestCalibrateTextReadable pins the walkthrough's fixes to the text: a
// parameter on the edge of its search is printed as a limit without its
// collapsed interval (and flagged in the JSON), R and s·λmax are told
// apart, the baseline is "past size frequencies", and the Chinese score
// table lines up by display width.
func TestCalibrateTextReadable(t *testing.T) {
	args := []string{"calibrate", "--graph", "testdata/calib_graph.txt", "--undirected",
		"--cascades", "testdata/calib_train.txt", "--evaluate", "testdata/calib_test.txt", "--worlds", "20", "--bootstrap", "20", "--quiet"}
	out, _, err := ripple(t, context.Background(), append(args, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var v calibrateReport
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	// The fixture's sizes are less spread than a geometric law: k runs to
	// the upper edge; its strengths do not vary: σ sits at the grid's least.
	if v.Branching.DispersionBound != "upper" || v.Branching.RBound != "" {
		t.Errorf("branching bounds: got=R %q, k %q, want=R \"\", k \"upper\"", v.Branching.RBound, v.Branching.DispersionBound)
	}
	for _, m := range v.Models {
		if want := map[bool]string{true: "lower"}[m.Sigma != nil]; m.SigmaBound != want {
			t.Errorf("%s: sigma_bound got=%q, want=%q", m.Name, m.SigmaBound, want)
		}
	}
	en, _, err := ripple(t, context.Background(), args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"dispersion k ≥ 1e+04 (the search's upper limit; no interval)",
		"R and s·λmax measure different things",
		"ic+lognormal: σ ≤ 0.1, the smallest the fit tries",
		"minus past size frequencies",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("text lacks %q:\n%s", want, en)
		}
	}
	if strings.Contains(en, "climatology") || regexp.MustCompile(`1e\+04 \(1e\+04`).MatchString(en) {
		t.Errorf("text still says climatology or prints a collapsed interval:\n%s", en)
	}
	zh, _, err := ripple(t, context.Background(), append(args, "--lang", "zh")...)
	if err != nil {
		t.Fatal(err)
	}
	// Every row of the score table puts 得分 at the same display column.
	col := -1
	for _, line := range strings.Split(zh, "\n") {
		i := strings.Index(line, " 得分 ")
		if i < 0 {
			continue
		}
		if c := displayWidth(line[:i]); col < 0 {
			col = c
		} else if c != col {
			t.Errorf("zh table: 得分 at column %d, want=%d:\n%s", c, col, zh)
		}
	}
	if col < 0 {
		t.Errorf("zh table has no 得分 column:\n%s", zh)
	}
	for _, want := range []string{"离散度 k ≥ 1e+04（搜索上限，无区间）", "R = 0.729（", "R 与 s·λmax 衡量的东西不同"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh text lacks %q:\n%s", want, zh)
		}
	}
}

func TestCalibrateDuration(t *testing.T) {
	cases := []struct {
		hours  float64
		en, zh string
	}{
		{0.5, "30 minutes", "30 分钟"},
		{3.19, "3.19 hours", "3.19 小时"},
		{47, "47 hours", "47 小时"},
		{48, "2 days", "2 天"},
		{1000, "41.7 days", "41.7 天"},
		{1.59e4, "1.81 years", "1.81 年"},
		{math.NaN(), "–", "–"},
	}
	en, zh := calibrateTextsFor(results.English), calibrateTextsFor(results.Chinese)
	for _, c := range cases {
		if got := en.duration(c.hours); got != c.en {
			t.Errorf("duration(%v): got=%q, want=%q", c.hours, got, c.en)
		}
		if got := zh.duration(c.hours); got != c.zh {
			t.Errorf("zh duration(%v): got=%q, want=%q", c.hours, got, c.zh)
		}
	}
}

// TestCalibrationCaption: the figure's footer follows --lang.
func TestCalibrationCaption(t *testing.T) {
	src := &sourceGraph{g: emptyGraph(), name: "/data/g.txt"}
	for lang, want := range map[results.Lang]string{results.English: "g.txt (1 people)", results.Chinese: "g.txt（1 人）"} {
		if got := calibrationCaption(src, 10, 1, lang).Graph; got != want {
			t.Errorf("lang %v: got=%q, want=%q", lang, got, want)
		}
	}
}

// TestGraphFlagsReproduce: every load option that differs from its default
// is written back, with the path made absolute; a value with a space gets a
// comment line, as $(grep …) would split it.
func TestGraphFlagsReproduce(t *testing.T) {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	cases := []struct {
		name  string
		f     graphFlags
		want  []string
		space bool
	}{
		{"defaults", graphFlags{path: "g.txt", loadFlags: loadFlags{format: "auto", encoding: "auto"}},
			[]string{"--graph", abs("g.txt")}, false},
		{"every option", graphFlags{path: "/d/f.csv", loadFlags: loadFlags{undirected: true, reverse: true, directed: true, header: true, ignoreWeights: true,
			format: "csv", encoding: "gb18030", source: "src", target: "dst", weight: "w", label: "name"}},
			[]string{"--graph", "/d/f.csv", "--undirected", "--reverse", "--directed", "--header", "--ignore-weights",
				"--input-format", "csv", "--encoding", "gb18030", "--source-col", "src", "--target-col", "dst", "--weight-col", "w", "--label-attr", "name"}, false},
		{"a space", graphFlags{path: "/my data/g.txt", loadFlags: loadFlags{format: "auto", encoding: "auto", source: "关注 者"}},
			[]string{"--graph", "/my data/g.txt", "--source-col", "关注 者"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.f.reproduce()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got=%q, want=%q", got, c.want)
			}
			if note := spaceNote(got); (note != "") != c.space || (c.space && !strings.Contains(note, `"/my data/g.txt" "关注 者"`)) {
				t.Errorf("spaceNote: got=%q, want a note: %v", note, c.space)
			}
		})
	}
}
