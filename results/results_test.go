package results

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

func TestReachHistogram(t *testing.T) {
	tests := []struct {
		name        string
		reach       TrialReach
		nodes       int
		theta       float64
		wantFizzle  uint64 // trials in bins ending at or below θ·n
		wantCascade uint64 // trials in bins starting at or above θ·n
	}{
		{name: "bimodal", reach: TrialReach{1, 1, 2, 5, 40, 4000, 5000, 5200}, nodes: 10000, theta: 0.3, wantFizzle: 5, wantCascade: 3},
		{name: "all fizzle", reach: TrialReach{1, 3, 7}, nodes: 1000, theta: 0.1, wantFizzle: 3},
		{name: "reach exactly at cut", reach: TrialReach{1, 100}, nodes: 1000, theta: 0.1, wantFizzle: 1, wantCascade: 1},
		{name: "zero reach counts in first bin", reach: TrialReach{0, 50}, nodes: 100, theta: 0.5, wantFizzle: 1, wantCascade: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Reach{Trials: tt.reach, Nodes: tt.nodes, Theta: tt.theta}
			bins, err := r.Histogram()
			if err != nil {
				t.Fatal(err)
			}
			cut := tt.theta * float64(tt.nodes)
			var fizzle, cascade uint64
			sum := 0.0
			for i, b := range bins {
				if i > 0 && b.Lo != bins[i-1].Hi {
					t.Errorf("bin %d: got lo=%v, want=%v (contiguous)", i, b.Lo, bins[i-1].Hi)
				}
				if b.Lo < cut && b.Hi > cut {
					t.Errorf("bin [%v,%v) straddles θ·n=%v", b.Lo, b.Hi, cut)
				}
				if b.Hi <= cut {
					fizzle += b.Count
				} else {
					cascade += b.Count
				}
				sum += b.Fraction
			}
			if fizzle != tt.wantFizzle || cascade != tt.wantCascade {
				t.Errorf("got fizzle=%d cascade=%d, want=%d, %d", fizzle, cascade, tt.wantFizzle, tt.wantCascade)
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("sum of fractions: got=%v, want=1", sum)
			}
		})
	}
}

func TestReachBadInput(t *testing.T) {
	tests := []struct {
		name string
		r    Reach
	}{
		{"no trials", Reach{Trials: TrialReach{}, Nodes: 10, Theta: 0.1}},
		{"nil trials", Reach{Nodes: 10, Theta: 0.1}},
		{"no nodes", Reach{Trials: TrialReach{1}, Theta: 0.1}},
		{"theta zero", Reach{Trials: TrialReach{1}, Nodes: 10}},
		{"theta above one", Reach{Trials: TrialReach{1}, Nodes: 10, Theta: 1.5}},
		{"negative reach", Reach{Trials: TrialReach{-1}, Nodes: 10, Theta: 0.1}},
		{"NaN reach", Reach{Trials: TrialReach{math.NaN()}, Nodes: 10, Theta: 0.1}},
	}
	s := mustStyle(t, English)
	for _, tt := range tests {
		if _, err := NewReachFigure(s, tt.r, Caption{}); err == nil {
			t.Errorf("%s: got err=nil, want an error", tt.name)
		}
	}
}

func TestSelfSustaining(t *testing.T) {
	tests := []struct {
		name    string
		newGen  []float64
		wantGen int
		wantOK  bool
	}{
		{name: "grows from the start", newGen: []float64{1, 2, 4, 8, 5, 1}, wantGen: 0, wantOK: true},
		{name: "dips then takes off", newGen: []float64{50, 35, 30, 38, 60, 110, 90, 20}, wantGen: 2, wantOK: true},
		{name: "wobble before take-off", newGen: []float64{10, 12, 9, 9, 20, 40, 10}, wantGen: 2, wantOK: true},
		{name: "dies out", newGen: []float64{50, 20, 5, 1, 0}, wantOK: false},
		{name: "flat", newGen: []float64{5, 5, 5}, wantOK: false},
		{name: "too short", newGen: []float64{5}, wantOK: false},
		{name: "empty", newGen: nil, wantOK: false},
	}
	for _, tt := range tests {
		gen, ok := SelfSustaining(tt.newGen)
		if ok != tt.wantOK || (ok && gen != tt.wantGen) {
			t.Errorf("%s: SelfSustaining(%v): got=(%d, %v), want=(%d, %v)", tt.name, tt.newGen, gen, ok, tt.wantGen, tt.wantOK)
		}
	}
}

func TestParseLang(t *testing.T) {
	tests := []struct {
		in      string
		want    Lang
		wantErr bool
	}{
		{"", English, false}, {"en", English, false}, {"EN", English, false},
		{"zh", Chinese, false}, {"zh-CN", Chinese, false}, {"cn", Chinese, false},
		{"fr", "", true},
	}
	for _, tt := range tests {
		var l Lang
		err := l.Set(tt.in)
		if (err != nil) != tt.wantErr || (!tt.wantErr && l != tt.want) {
			t.Errorf("Set(%q): got=(%q, %v), want=(%q, error=%v)", tt.in, l, err, tt.want, tt.wantErr)
		}
	}
	if _, err := NewStyle(Lang("fr"), nil); err == nil {
		t.Errorf("NewStyle(fr): got err=nil, want an error")
	}
	if _, err := NewStyle(English, []byte("not a font")); err == nil {
		t.Errorf("NewStyle(bad font): got err=nil, want an error")
	}
	if _, err := NewStyleFile(English, filepath.Join(t.TempDir(), "missing.ttf")); err == nil {
		t.Errorf("NewStyleFile(missing): got err=nil, want an error")
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		f    func(float64) string
		in   float64
		want string
	}{
		{formatCount, 0, "0"}, {formatCount, 999, "999"}, {formatCount, 1000, "1,000"},
		{formatCount, 1234567.4, "1,234,567"}, {formatCount, -2500, "-2,500"}, {formatCount, math.NaN(), "–"},
		{formatPercent, 0.384, "38.4%"}, {formatPercent, 0.5, "50%"}, {formatPercent, 0.05, "5%"},
		{formatValue, 0.0825, "0.0825"}, {formatValue, 12.5, "12.5"}, {formatValue, 15000, "15,000"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("format(%v): got=%q, want=%q", tt.in, got, tt.want)
		}
	}
}

func TestCountTicks(t *testing.T) {
	tests := []struct {
		min, max  float64
		wantFirst string
		wantLast  string
		wantN     int
	}{
		{0, 10000, "0", "10,000", 6},
		{0, 100, "0", "100", 6},
		{0, 17500, "0", "15,000", 4},
		{0, 1, "0", "1", 6},
		{0, 20.4, "0", "20", 5},
		{2, 2, "2", "2", 1},
	}
	for _, tt := range tests {
		ticks := countTicks{}.Ticks(tt.min, tt.max)
		if len(ticks) != tt.wantN || ticks[0].Label != tt.wantFirst || ticks[len(ticks)-1].Label != tt.wantLast {
			t.Errorf("Ticks(%v, %v): got %v, want %d ticks from %q to %q", tt.min, tt.max, ticks, tt.wantN, tt.wantFirst, tt.wantLast)
		}
	}
}

func mustStyle(t *testing.T, l Lang) *Style {
	t.Helper()
	s, err := NewStyle(l, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRenderFormats renders one figure in each format and checks what matters
// for slides: PNG at 1920 × 1080, SVG and PDF with no text objects (glyphs are
// outlines, so no font is needed to view them).
func TestRenderFormats(t *testing.T) {
	s := mustStyle(t, Chinese)
	f, err := NewPlanFigure(s, Plans{Plans: []Plan{{Name: "大V", Reach: 10, ReachLo: 8, ReachHi: 12, Cost: 50}}}, Caption{Graph: "g", Model: "IC", Trials: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []Format{PNG, SVG, PDF} {
		var buf bytes.Buffer
		if err := f.Render(&buf, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		b := buf.Bytes()
		switch format {
		case PNG:
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got.X != 1920 || got.Y != 1080 {
				t.Errorf("png: got size=%v, want=1920x1080", got)
			}
		case SVG:
			if !bytes.Contains(b, []byte("<svg")) || bytes.Contains(b, []byte("<text")) {
				t.Errorf("svg: got <svg>=%v <text>=%v, want an svg without text elements",
					bytes.Contains(b, []byte("<svg")), bytes.Contains(b, []byte("<text")))
			}
		case PDF:
			if !bytes.HasPrefix(b, []byte("%PDF-")) || bytes.Contains(b, []byte("/BaseFont")) {
				t.Errorf("pdf: got header=%q font=%v, want a PDF without fonts", b[:min(8, len(b))], bytes.Contains(b, []byte("/BaseFont")))
			}
		}
	}
	if err := (&Figure{}).Render(&bytes.Buffer{}, PNG); err == nil {
		t.Errorf("Render of a zero Figure: got err=nil, want an error")
	}
	if err := f.Render(&bytes.Buffer{}, Format("gif")); err == nil {
		t.Errorf("Render(gif): got err=nil, want an error")
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		path    string
		want    Format
		wantErr bool
	}{
		{"a/b.png", PNG, false}, {"x.SVG", SVG, false}, {"r.pdf", PDF, false}, {"x.jpg", "", true}, {"noext", "", true},
	}
	for _, tt := range tests {
		got, err := FormatOf(tt.path)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("FormatOf(%q): got=(%q, %v), want=(%q, error=%v)", tt.path, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestManifest(t *testing.T) {
	dir := t.TempDir()
	build := func() []byte {
		m := &Manifest{Schema: ManifestSchema, Tool: "ripple", Version: "v0.1.0", GoVersion: "go1.26",
			Command: []string{"ripple", "run", "--seed", "7"}, Seed: 7,
			Graph:      ManifestGraph{Source: "g.txt", Checksum: "abc", Nodes: 3, Edges: 2},
			Parameters: map[string]any{"model": "ic", "strength": 0.1}, Lang: Chinese, Font: "embedded"}
		if err := m.Write(dir, "plans.csv", "data", func(w io.Writer) error {
			return WriteCSV(w, []string{"方案"}, [][]string{{"大V"}})
		}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := build(), build()
	if !bytes.Equal(a, b) {
		t.Errorf("two manifests of the same run differ:\n%s\n%s", a, b)
	}
	var got struct {
		Seed  uint64
		Files []ManifestFile
		Graph ManifestGraph
	}
	if err := json.Unmarshal(a, &got); err != nil {
		t.Fatal(err)
	}
	if got.Seed != 7 || len(got.Files) != 1 || got.Files[0].Name != "plans.csv" || len(got.Files[0].SHA256) != 64 {
		t.Errorf("got manifest=%+v, want seed 7 and one file with a sha256", got)
	}
	if strings.Contains(string(a), "timing") {
		t.Errorf("got a timing key with no Timing set, want it omitted")
	}
	if v, gv := BuildVersion(); v == "" || !strings.HasPrefix(gv, "go") {
		t.Errorf("BuildVersion: got=(%q, %q), want a version and a go version", v, gv)
	}
}

// TestFigureVariants renders the less common shapes of each input: no cost, no
// tipping point, hours without a self-sustaining point, no cascades at all.
func TestFigureVariants(t *testing.T) {
	s := mustStyle(t, English)
	x := []float64{0.01, 0.02, 0.03}
	build := []struct {
		name   string
		fig    func() (*Figure, error)
		panels int
	}{
		{"plans without cost", func() (*Figure, error) {
			return NewPlanFigure(s, Plans{Plans: []Plan{{Name: "a", Reach: 5, ReachLo: 4, ReachHi: 6}}}, Caption{})
		}, 1},
		{"broadcast sweep without estimates", func() (*Figure, error) {
			return NewTippingFigure(s, Tipping{Axis: Broadcast, X: x, P: x, PLo: x, PHi: x, Reach: x, ReachLo: x, ReachHi: x}, Caption{})
		}, 2},
		{"hours, never self-sustaining", func() (*Figure, error) {
			h := []float64{0, 1.5, 3}
			return NewSpreadFigure(s, Spread{Unit: Hours, Time: h, Mean: h, P5: h, P25: h, P50: h, P75: h, P95: h}, Caption{})
		}, 1},
		{"no cascades", func() (*Figure, error) {
			return NewReachFigure(s, Reach{Trials: TrialReach{1, 2, 3}, Nodes: 1000, Theta: 0.5}, Caption{})
		}, 1},
	}
	for _, tt := range build {
		f, err := tt.fig()
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(f.Panels) != tt.panels {
			t.Errorf("%s: got %d panels, want %d", tt.name, len(f.Panels), tt.panels)
		}
		f.DPI = 30
		if err := f.Render(io.Discard, PNG); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestBadSeries(t *testing.T) {
	s := mustStyle(t, English)
	x := []float64{1, 2, 3}
	short := []float64{1, 2}
	down := []float64{3, 2, 1}
	tests := []struct {
		name string
		err  error
	}{
		{"spread short mean", func() error {
			_, err := NewSpreadFigure(s, Spread{Time: x, Mean: short, P5: x, P25: x, P50: x, P75: x, P95: x}, Caption{})
			return err
		}()},
		{"spread time decreasing", func() error {
			_, err := NewSpreadFigure(s, Spread{Time: down, Mean: x, P5: x, P25: x, P50: x, P75: x, P95: x}, Caption{})
			return err
		}()},
		{"tipping short p", func() error {
			_, err := NewTippingFigure(s, Tipping{X: x, P: short, PLo: x, PHi: x, Reach: x, ReachLo: x, ReachHi: x}, Caption{})
			return err
		}()},
		{"tipping bad axis", func() error {
			_, err := NewTippingFigure(s, Tipping{Axis: 9, X: x, P: x, PLo: x, PHi: x, Reach: x, ReachLo: x, ReachHi: x}, Caption{})
			return err
		}()},
		{"tipping point interval reversed", func() error {
			_, err := NewTippingFigure(s, Tipping{X: x, P: x, PLo: x, PHi: x, Reach: x, ReachLo: x, ReachHi: x, HasPoint: true, Point: 2, PointLo: 3, PointHi: 1}, Caption{})
			return err
		}()},
		{"no plans", func() error { _, err := NewPlanFigure(s, Plans{}, Caption{}); return err }()},
		{"plan interval excludes mean", func() error {
			_, err := NewPlanFigure(s, Plans{Plans: []Plan{{Name: "a", Reach: 10, ReachLo: 11, ReachHi: 12}}}, Caption{})
			return err
		}()},
	}
	for _, tt := range tests {
		if tt.err == nil {
			t.Errorf("%s: got err=nil, want an error", tt.name)
		}
	}
}

// hdr is a ReachCounter with explicit buckets, like the engine's histogram.
type hdr []struct {
	lo, hi float64
	n      uint64
}

func (h hdr) Len() int                                    { return len(h) }
func (h hdr) Bucket(i int) (lo, hi float64, count uint64) { return h[i].lo, h[i].hi, h[i].n }

// TestReachBuckets feeds counted buckets, as the engine's histogram provides,
// and checks totals, empty buckets and the fizzle/cascade split.
func TestReachBuckets(t *testing.T) {
	r := Reach{Trials: hdr{{1, 2, 60}, {2, 3, 0}, {7, 8, 10}, {3000, 3016, 25}, {5008, 5024, 5}}, Nodes: 10000, Theta: 0.25}
	bins, err := r.Histogram()
	if err != nil {
		t.Fatal(err)
	}
	var total, cascade uint64
	for _, b := range bins {
		total += b.Count
		if b.Lo >= 2500 {
			cascade += b.Count
		}
	}
	if total != 100 || cascade != 30 {
		t.Errorf("got total=%d cascade=%d, want=100, 30", total, cascade)
	}
	buckets, n, err := r.validate()
	if err != nil {
		t.Fatal(err)
	}
	if fz, cs := r.shares(buckets, n); fz != 0.7 || cs != 0.3 {
		t.Errorf("shares: got=(%v, %v), want=(0.7, 0.3)", fz, cs)
	}
	if _, err := (Reach{Trials: hdr{{1, 2, 0}}, Nodes: 10, Theta: 0.5}).Histogram(); err == nil {
		t.Errorf("all buckets empty: got err=nil, want an error")
	}
}
