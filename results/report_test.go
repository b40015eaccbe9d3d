package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testSVG = `<?xml version="1.0"?>
<!-- test -->
<svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><path d="M0,0L10,10" style="stroke:#000"/></svg>
`

// compareSummary is a compare summary with exact numbers: KOC reaches 2300
// at 0.5 per person, KOL 1000 at 1.15 per person (2.3× fewer per unit of
// cost), both crossed, KOC−KOL = 1300 with an interval clear of 0.
const compareSummary = `{"version":"v1","command":"ripple compare --out x","trials":400,"seed":7,
"model":{"name":"ic","strength":0.065},
"plans":[
 {"name":"KOL","seeds":"top-degree:1","reach":{"mean":1000,"ci95":[900,1100],"fraction":0.02},
  "p_cascade":{"estimate":0.8,"ci95":[0.75,0.85],"cascade_at":2500},"verdict":"crossed","cost":1150,"cost_per_reached":1.15},
 {"name":"KOC","seeds":"band:50:10-40","reach":{"mean":2300,"ci95":[2200,2400],"fraction":0.046},
  "p_cascade":{"estimate":0.9,"ci95":[0.86,0.93],"cascade_at":2500},"verdict":"crossed","cost":1150,"cost_per_reached":0.5}],
"best":"KOC","best_by_cost":"KOC",
"differences":[{"plan":"KOC","vs":"KOL","mean":1300,"ci95":[1200,1400],"cost_ratio":1}]}`

// writeFolder writes files and a manifest listing them (command "ripple
// KIND"), as a run of that command would, and returns the folder.
func writeFolder(t *testing.T, kind string, files map[string]string, edit func(*Manifest)) string {
	t.Helper()
	dir := t.TempDir()
	m := Manifest{Schema: ManifestSchema, Tool: "ripple", Version: "v1", GoVersion: "go1.26",
		Command: []string{"ripple", kind, "--out", "x"}, Seed: 7, Lang: English,
		Graph: ManifestGraph{Source: "g.txt", Checksum: "abc123", Nodes: 50000, Arcs: 638992}}
	for _, name := range []string{"summary.json", "results.json", "fig.svg"} {
		c, ok := files[name]
		if !ok {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		kindOf := "summary"
		if strings.HasSuffix(name, ".svg") {
			kindOf = "figure"
		}
		m.AddFile(name, kindOf, []byte(c))
	}
	if edit != nil {
		edit(&m)
	}
	var b bytes.Buffer
	if err := m.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func renderReport(t *testing.T, dir string, lang Lang) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r.html")
	if _, err := WriteReport(dir, out, lang); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReportContent(t *testing.T) {
	sweepJSON := `{"scenario_sha256":"5eed","params":["model.strength"],"points":[
 {"label":"model.strength=0.05","plans":[{"name":"hub","summary":{"trials":200,"reach":{"mean":8.4,"lo":7.8,"hi":9.1},"p_cascade":{"mean":0,"lo":0,"hi":0.019},"verdict":"not_crossed"}}]},
 {"label":"model.strength=0.15","plans":[{"name":"hub","summary":{"trials":200,"reach":{"mean":900,"lo":880,"hi":920},"p_cascade":{"mean":0.9,"lo":0.85,"hi":0.94},"verdict":"crossed"}}]}]}`
	tippingJSON := `{"trials":100,"axis":"strength","plan":"top-degree:1","model":{"name":"ic"},
"threshold":{"estimate":0.0672,"ci95":[0.0658,0.069],"found":true,"analytic":0.0395,"analytic_method":"configuration-model"},
"points":[{"x":0.05,"trials":64,"p_cascade":0.25,"p_cascade_ci95":[0.15,0.37],"reach_mean":1500,"reach_ci95":[1400,1600],"verdict":"not_crossed"}]}`
	runJSON := `{"command":"ripple run --out x","seed":7,"trials":50,"model":{"name":"ic","strength":0.065},"seeds":"top-degree:1",
"reach":{"mean":1767.5,"ci95":[1670,1865]},"p_cascade":{"estimate":0.145,"ci95":[0.1,0.2]},"verdict":"not_crossed"}`
	tests := []struct {
		name, kind string
		files      map[string]string
		lang       Lang
		want       []string
	}{
		{"compare en", "compare", map[string]string{"summary.json": compareSummary, "fig.svg": testSVG}, English, []string{
			`<html lang="en">`,
			"KOC reaches 2.30× more people per unit of cost than KOL.",
			"Both plans cross the tipping point.",
			"KOC reaches 1,300 more people on average than KOL",
			"KOL reaches 1,000 people on average (95% CI 900–1,100); it cascades in 80.0% of launches: it crosses the tipping point",
			"<td>2,300 (2,200–2,400)</td>", "<td>90.0% (86.0–93.0%)</td>", "<td>0.5</td>",
			"abc123", "ripple v1 (go1.26)", "<dd>7</dd>", "g.txt: 50000 people, 638992 arcs",
			`data-sha256="`, "Method and assumptions", "@media print",
		}},
		{"compare zh", "compare", map[string]string{"summary.json": compareSummary, "fig.svg": testSVG}, Chinese, []string{
			`<html lang="zh-CN">`,
			"KOC 的单位成本触达人数是 KOL 的 2.30 倍。",
			"两个方案都越过了引爆点。",
			"KOC 平均比 KOL 多触达 1,300 人",
			"<td>越过</td>", "方法与假设", "随机种子",
		}},
		{"run", "run", map[string]string{"summary.json": runJSON}, English, []string{
			"top-degree:1 reaches 1,768 people on average (95% CI 1,670–1,865); it cascades in 14.5% of launches: it does not cross",
			"1 plan(s), model ic at strength 0.065, 50 trials",
		}},
		{"tipping", "tipping", map[string]string{"summary.json": tippingJSON}, English, []string{
			"P(cascade) crosses 1/2 at strength = 0.0672 (bracketed by 0.0658–0.069).",
			"The analytic estimate is 0.0395 (configuration-model).",
			"<td>25.0% (15.0–37.0%)</td>",
		}},
		{"tipping zh", "tipping", map[string]string{"summary.json": strings.Replace(tippingJSON, `"configuration-model"`, `"spectral-radius, trust weights"`, 1)}, Chinese, []string{
			"解析估计为 0.0395（谱半径，信任权重）。",
		}},
		{"sweep zh", "sweep", map[string]string{"results.json": sweepJSON, "fig.svg": testSVG}, Chinese, []string{
			"hub 在 1/2 个点上明确越过引爆点。", "<dt>场景文件 SHA-256</dt><dd>5eed</dd>", "批量扫描：2 个点，参数 model.strength", "<td>model.strength=0.15</td>",
		}},
		{"merge", "merge", map[string]string{"results.json": sweepJSON}, English, []string{
			"hub clearly crosses the tipping point at 1 of 2 points.",
		}},
		{"plan (no verdict)", "plan", map[string]string{"fig.svg": testSVG}, English, []string{
			"Results of ripple plan", "see its summary for the numbers",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := renderReport(t, writeFolder(t, tc.kind, tc.files, nil), tc.lang)
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, bad := range []string{"%!", "<script", "http://", "https://"} {
				if bad == "http://" {
					// the SVG namespace is the only URL allowed
					if strings.Count(page, "http://") != strings.Count(page, "http://www.w3.org/2000/svg") {
						t.Errorf("page refers to an outside resource")
					}
					continue
				}
				if strings.Contains(page, bad) {
					t.Errorf("page holds %q", bad)
				}
			}
			if svg, ok := tc.files["fig.svg"]; ok {
				body := svg[strings.Index(svg, "<svg"):]
				if !strings.Contains(page, strings.TrimSpace(body)) {
					t.Error("the figure is not the folder's SVG byte for byte")
				}
			}
		})
	}
}

func TestReportRefusals(t *testing.T) {
	good := map[string]string{"summary.json": compareSummary, "fig.svg": testSVG}
	tests := []struct {
		name  string
		setup func(t *testing.T) string
		want  string
	}{
		{"no manifest", func(t *testing.T) string { return t.TempDir() }, "no manifest.json"},
		{"older schema", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Schema = 1 })
		}, "manifest schema 1"},
		{"partial", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Partial = true })
		}, "interrupted (partial)"},
		{"partial file", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Files[0].Partial = true })
		}, "summary.json is marked partial"},
		{"mixed runs", func(t *testing.T) string {
			dir := writeFolder(t, "compare", good, nil)
			other := strings.Replace(compareSummary, `"mean":2300`, `"mean":2301`, 1)
			if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte(other), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "summary.json has SHA-256"},
		{"missing file", func(t *testing.T) string {
			dir := writeFolder(t, "compare", good, nil)
			if err := os.Remove(filepath.Join(dir, "fig.svg")); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "fig.svg, listed in manifest.json"},
		{"seed of another run", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Seed = 8 })
		}, "summary.json has seed 7, manifest.json 8"},
		{"command of another run", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Command = []string{"ripple", "compare", "--out", "y"} })
		}, "summary.json is from"},
		{"unlisted summary", func(t *testing.T) string {
			dir := writeFolder(t, "compare", good, func(m *Manifest) { m.Files = m.Files[1:] })
			return dir
		}, "summary.json is not listed"},
		{"path in a name", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Files[1].Name = "../fig.svg" })
		}, `files[1].name "../fig.svg"`},
		{"not ripple", func(t *testing.T) string {
			return writeFolder(t, "compare", good, func(m *Manifest) { m.Tool = "other" })
		}, `tool is "other"`},
		{"bad json", func(t *testing.T) string {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte("{"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "manifest.json: unexpected end"},
		{"compare without summary", func(t *testing.T) string {
			return writeFolder(t, "compare", map[string]string{"fig.svg": testSVG}, nil)
		}, "lists no summary.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.setup(t)
			out := filepath.Join(t.TempDir(), "r.html")
			_, err := WriteReport(dir, out, English)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
			if !errors.Is(err, ErrReportFolder) {
				t.Errorf("error %v does not wrap ErrReportFolder", err)
			}
			if _, serr := os.Stat(out); serr == nil {
				t.Error("a page was written for a refused folder")
			}
		})
	}
}

func TestInlineSVGRefusesActiveContent(t *testing.T) {
	tests := []struct{ name, svg, want string }{
		{"script", `<svg><script>alert(1)</script></svg>`, "<script"},
		{"handler", `<svg onload="x()"></svg>`, "onload="},
		{"foreign", `<svg><foreignObject></foreignObject></svg>`, "<foreignobject"},
		{"handler in capitals", "<svg\n ONCLICK = 'x()'></svg>", "onclick="},
		{"xlink", `<svg><image xlink:href = 'http://example.org/a.png'/></svg>`, "href=http:"},
		{"data html", `<svg><a href="data:text/html,x">x</a></svg>`, "href=data:text"},
		{"link", `<svg><a href="https://example.org">x</a></svg>`, "https:"},
		{"javascript", `<svg><a href="javascript:x">x</a></svg>`, "javascript:"},
		{"no svg", `<html></html>`, "no <svg> element"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := InlineSVG("f.svg", []byte(tc.svg))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
		})
	}
	// Words that merely hold "on" or "href" are not handlers or links.
	if _, err := InlineSVG("f.svg", []byte(`<svg font="x" data-on="1"><text>on = off, href</text><a href="#p">x</a></svg>`)); err != nil {
		t.Errorf("a harmless SVG was refused: %v", err)
	}
	got, err := InlineSVG("f.svg", []byte(testSVG))
	if err != nil || !strings.HasPrefix(string(got), "<svg ") || !strings.HasSuffix(string(got), "</svg>") {
		t.Fatalf("InlineSVG(good) = %.40q…, %v", got, err)
	}
}

// TestReportWordsFormat checks that every format of both languages takes the
// arguments the code gives it (a wrong verb or index shows as %!): the
// comparison lines (with a difference that is clear of 0 and one that is
// not), and the title, verdicts and cells of a page of every kind, the
// tipping point found and not found.
func TestReportWordsFormat(t *testing.T) {
	tipping := `{"trials":100,"axis":"strength","plan":"p","model":{"name":"ic"},"threshold":{"estimate":0.07,"ci95":[0.06,0.08],"found":%v,"analytic":0.04,"analytic_method":"spectral-radius"},"points":[{"x":0.05,"trials":64,"verdict":"uncertain"}]}`
	folders := map[string]string{
		"compare": compareSummary,
		"run":     `{"trials":50,"model":{"name":"ic","strength":0.065},"seeds":"top-degree:1","reach":{"mean":1767.5,"ci95":[1670,1865]},"cost":3,"cost_per_reached":0.5,"verdict":"not_crossed"}`,
		"tipping": fmt.Sprintf(tipping, true), "tipping-not-found": fmt.Sprintf(tipping, false),
		"sweep": `{"scenario_sha256":"5eed","params":["a"],"points":[{"label":"a=1","plans":[{"name":"p","summary":{"trials":2,"verdict":"crossed"}}]}]}`,
		"plan":  "",
	}
	for _, lang := range []Lang{English, Chinese} {
		plans := []summaryPlan{{Name: "A", Verdict: "crossed"}, {Name: "B", Verdict: "uncertain"}, {Name: "C", Verdict: "not_crossed"}}
		var s summaryFile
		if err := json.Unmarshal([]byte(compareSummary), &s); err != nil {
			t.Fatal(err)
		}
		same := s.Differences[0]
		same.CI95 = [2]float64{-1, 1}
		s.Differences = append(s.Differences, same)
		lines := comparePlans(plans, &s, reportWordsFor(lang))
		for name, data := range folders {
			kind, _, _ := strings.Cut(name, "-")
			rf := &ReportFolder{Dir: "d", Kind: kind, Manifest: Manifest{Command: []string{"ripple", kind}},
				files: map[string][]byte{"summary.json": []byte(data), "results.json": []byte(data)}}
			r, err := BuildReport(rf, lang)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			lines = append(append(lines, r.Title), r.Verdicts...)
			for _, tb := range r.Tables {
				for _, row := range tb.Rows {
					lines = append(lines, row...)
				}
			}
		}
		for _, line := range lines {
			if strings.Contains(line, "%!") {
				t.Errorf("%s: %q", lang, line)
			}
		}
		if got := comparePlans(plans, &s, reportWordsFor(lang)); !strings.Contains(got[len(got)-1], "1") || !strings.Contains(got[len(got)-1], "3") {
			t.Errorf("%s: some-cross line %q lacks 1 of 3", lang, got[len(got)-1])
		}
	}
}

func TestNum(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{{0, "0.0"}, {8.425, "8.4"}, {99.94, "99.9"}, {100, "100"}, {1767.665, "1,768"}, {-1300, "-1,300"}, {1234567, "1,234,567"}}
	for _, tc := range tests {
		if got := num(tc.x); got != tc.want {
			t.Errorf("num(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

// FuzzBuildReport feeds arbitrary summary and results files to the page
// builder of every kind: it must return a page or an error, never panic.
func FuzzBuildReport(f *testing.F) {
	f.Add(uint8(0), []byte(compareSummary))
	f.Add(uint8(1), []byte(`{"seeds":"top-degree:1","reach":{"mean":1,"ci95":[1,1]},"verdict":"crossed"}`))
	f.Add(uint8(2), []byte(`{"axis":"strength","threshold":{"found":true,"analytic":0.04},"points":[{"x":0.1}]}`))
	f.Add(uint8(3), []byte(`{"params":["a"],"points":[{"label":"a=1","plans":[{"name":"p","summary":{"verdict":"crossed"}}]}]}`))
	f.Add(uint8(0), []byte(`{"plans":[]}`))
	f.Add(uint8(0), []byte(`{"plans":[{"name":"a","cost_per_reached":0}],"best_by_cost":"a"}`))
	kinds := []string{"compare", "run", "tipping", "sweep", "plan"}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kind := kinds[int(k)%len(kinds)]
		rf := &ReportFolder{Dir: "d", Kind: kind, Manifest: Manifest{Command: []string{"ripple", kind}},
			files: map[string][]byte{"summary.json": data, "results.json": data}}
		r, err := BuildReport(rf, Lang([]string{"en", "zh"}[k%2]))
		if err != nil {
			return
		}
		if err := WriteReportHTML(io.Discard, r); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkWriteReport(b *testing.B) {
	svg := testSVG[:strings.Index(testSVG, "<path")] + strings.Repeat(`<path d="M0,0L10,10L3,4Z" style="fill:#123456"/>`, 4000) + "</svg>\n"
	dir := b.TempDir()
	m := Manifest{Schema: ManifestSchema, Tool: "ripple", Command: []string{"ripple", "compare", "--out", "x"}, Seed: 7}
	for name, c := range map[string]string{"summary.json": compareSummary, "fig.svg": svg} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(c), 0o644); err != nil {
			b.Fatal(err)
		}
		m.AddFile(name, "x", []byte(c))
	}
	var buf bytes.Buffer
	if err := m.WriteJSON(&buf); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "r.html")
	b.SetBytes(int64(len(svg)))
	for b.Loop() {
		if _, err := WriteReport(dir, out, English); err != nil {
			b.Fatal(err)
		}
	}
}
