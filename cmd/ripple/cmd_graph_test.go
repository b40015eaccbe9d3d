package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGraphGenerateRefusesHugeGraphs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "g.rgraph")
	tests := []struct {
		name  string
		args  []string
		usage bool
		want  []string
	}{
		{"gnp n=1e8 p=0.5 (panicked)", []string{"gnp", "n=100000000,p=0.5"}, false, []string{"4,999,999,950,000,000 arcs", "--max-memory"}},
		{"gnp n=5e6 p=0.01 (tried 500 GB)", []string{"gnp", "n=5000000,p=0.01"}, false, []string{"249,999,950,000 arcs", "TiB"}},
		{"small graph, smaller limit", []string{"gnp", "n=1000,p=0.1", "--max-memory", "1MiB"}, false, []string{"99,900 arcs", "limit of 1.0 MiB"}},
		{"in Chinese", []string{"gnp", "n=5000000,p=0.01", "--lang", "zh"}, false, []string{"249,999,950,000 条有向关系", "超过上限"}},
		{"bad limit", []string{"gnp", "n=1000", "--max-memory", "lots"}, true, []string{`--max-memory "lots"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ripple(t, context.Background(), append([]string{"graph", "generate", "-o", out}, tc.args...)...)
			var usage *usageError
			if err == nil || errors.As(err, &usage) != tc.usage {
				t.Fatalf("got %v, want an error (usage %v)", err, tc.usage)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to contain %q", err, w)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

func TestMemoryLimit(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"8GiB", 8 << 30}, {"500MB", 500e6}, {"1.5g", 1.5 * (1 << 30)}, {"4096", 4096}, {"2 TiB", 2 << 40},
	}
	for _, tc := range tests {
		if got, err := memoryLimit(tc.in); err != nil || got != tc.want {
			t.Errorf("memoryLimit(%q): got=%v, %v, want=%v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"-1GB", "0", "many", "NaN", "Inf"} {
		if _, err := memoryLimit(bad); err == nil {
			t.Errorf("memoryLimit(%q): got no error", bad)
		}
	}
	if got, err := memoryLimit("auto"); err != nil || got < 1<<20 {
		t.Errorf("memoryLimit(auto): got=%v, %v", got, err)
	}
	if got := formatBytes(1.5 * (1 << 30)); got != "1.5 GiB" {
		t.Errorf("formatBytes: got=%q, want 1.5 GiB", got)
	}
}

// TestGraphInfoSaysHowItRead: the columns, the direction and the encoding
// the loader chose are shown, and Excel's GB18030 CSV loads with a note.
func TestGraphInfoSaysHowItRead(t *testing.T) {
	text := "序号,关注者,被关注者,关注时间\n1,小王,大V,2024-01-02\n2,小李,大V,2024-01-03\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf := writeFile(t, "follows.csv", text)
	gbk := writeFile(t, "excel.csv", gb)
	for _, path := range []string{utf, gbk} {
		out, stderr, err := ripple(t, context.Background(), "graph", "info", path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "column 被关注者 → column 关注者") {
			t.Errorf("%s: got %q, want the columns and their direction", path, out)
		}
		if decoded := strings.Contains(stderr, "read it as GB18030"); decoded != (path == gbk) || strings.Contains(out, "�") {
			t.Errorf("%s: got stderr %q, out %q", path, stderr, out)
		}
	}
	out, _, err := ripple(t, context.Background(), "graph", "info", gbk, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Read readJSON `json:"read"`
	}
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	want := readJSON{Format: "csv", Encoding: "GB18030", EncodingDetected: true, From: "被关注者", To: "关注者"}
	if info.Read != want {
		t.Errorf("got read=%+v, want %+v", info.Read, want)
	}
	out, _, err = ripple(t, context.Background(), "graph", "info", gbk, "--lang", "zh")
	if err != nil || !strings.Contains(out, "读取方式") || !strings.Contains(out, "GB18030 编码") {
		t.Errorf("zh: got %q, %v", out, err)
	}
	// Three columns and none named: refuse to guess.
	_, _, err = ripple(t, context.Background(), "graph", "info", writeFile(t, "x.csv", "序号,用户,好友\n1,a,b\n"))
	if err == nil || !strings.Contains(err.Error(), "x.csv:1: header: cannot tell which") {
		t.Errorf("got %v, want a refusal to guess naming the header", err)
	}
	// Forced UTF-8 names the line and the fix.
	_, _, err = ripple(t, context.Background(), "graph", "info", gbk, "--encoding", "utf-8")
	if err == nil || !strings.Contains(err.Error(), "excel.csv:1") || !strings.Contains(err.Error(), "--encoding gb18030") {
		t.Errorf("got %v, want the line and the fix", err)
	}
}

// TestGraphConvertKeepsNodesAndRefuses: an edge list keeps isolated nodes;
// unknown extensions and names a format cannot hold are refused.
func TestGraphConvertKeepsNodesAndRefuses(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "g.rgraph")
	if _, _, err := ripple(t, context.Background(), "graph", "generate", "gnp", "n=400,p=0.003,directed=1", "-o", snap); err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(dir, "g.txt")
	if _, _, err := ripple(t, context.Background(), "graph", "convert", snap, txt); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{snap, txt} {
		out, _, err := ripple(t, context.Background(), "graph", "info", path, "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var info struct{ Nodes, Arcs int }
		if err := json.Unmarshal([]byte(out), &info); err != nil {
			t.Fatal(err)
		}
		if info.Nodes != 400 {
			t.Errorf("%s: got %d nodes, want 400", path, info.Nodes)
		}
	}
	for _, out := range []string{"out.xlsx", "g.json", "g"} {
		_, _, err := ripple(t, context.Background(), "graph", "convert", snap, filepath.Join(dir, out))
		if err == nil || !strings.Contains(err.Error(), "unknown graph format") {
			t.Errorf("%s: got %v, want a refusal", out, err)
		}
		if _, err := os.Stat(filepath.Join(dir, out)); err == nil {
			t.Errorf("%s was written", out)
		}
	}
	esc := writeFile(t, "esc.csv", "source,target\n\"a\x1b[31m\",b\n")
	_, _, err := ripple(t, context.Background(), "graph", "convert", esc, filepath.Join(dir, "esc.gexf"))
	if err == nil || !strings.Contains(err.Error(), "control character") {
		t.Errorf("got %v, want a refusal of the control character", err)
	}
}

// TestRunNotesHowTheGraphWasRead: simulation commands print the loader's
// notes too, in the language of --lang.
func TestRunNotesHowTheGraphWasRead(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("关注者,被关注者\n小王,大V\n小李,大V\n小张,小王\n")
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "excel.csv", gb)
	for lang, want := range map[string]string{"en": "read it as GB18030", "zh": "已按 GB18030 读取"} {
		_, stderr, err := ripple(t, context.Background(), "run", "--graph", path, "--seeds", "大V", "--trials", "20", "--format", "json", "--quiet", "--lang", lang)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stderr, want) {
			t.Errorf("--lang %s: got stderr %q, want %q", lang, stderr, want)
		}
	}
}

// TestGBKPlansAndCosts: a plans file and a cost file saved by Excel on
// Chinese Windows (GB18030) name the same people as UTF-8 ones, with a note,
// instead of failing on "unknown node label \xb4\xf3V".
func TestGBKPlansAndCosts(t *testing.T) {
	dir := t.TempDir()
	graphFile := filepath.Join(dir, "g.txt")
	if err := os.WriteFile(graphFile, []byte("大V a\n大V b\na c\n小王 d\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gbk := func(name, text string) string {
		t.Helper()
		b, err := simplifiedchinese.GB18030.NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plans := gbk("plans.txt", "大号=大V\n小号=小王\n")
	out, stderr, err := ripple(t, context.Background(), "compare", "--graph", graphFile, "--plans", plans, "--trials", "50", "--quiet", "--format", "json")
	if err != nil {
		t.Fatalf("compare with a GB18030 plans file: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, `"大号"`) || !strings.Contains(stderr, "plans.txt") {
		t.Errorf("compare: got stdout=%q stderr=%q, want the plan 大号 and a note naming plans.txt", out, stderr)
	}
	costs := gbk("costs.csv", "大V,100\n小王,10\n")
	if _, stderr, err := ripple(t, context.Background(), "plan", "--graph", graphFile, "--cost-file", costs, "--budget", "100",
		"--strength", "0.5", "--trials", "50", "--quiet", "--format", "json"); err != nil {
		t.Fatalf("plan with a GB18030 cost file: %v\n%s", err, stderr)
	}
}
