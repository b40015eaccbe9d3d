package results

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
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
		{"zh", Chinese, false}, {"zh-CN", Chinese, false}, {"cn", Chinese, false}, {"中文", Chinese, false}, {" 中文 ", Chinese, false}, {"英文", English, false},
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
		{FormatCount, 0, "0"}, {FormatCount, 999, "999"}, {FormatCount, 1000, "1,000"},
		{FormatCount, 1234567.4, "1,234,567"}, {FormatCount, -2500, "-2,500"}, {FormatCount, math.NaN(), "–"},
		{formatPercent, 0.384, "38.4%"}, {formatPercent, 0.5, "50%"}, {formatPercent, 0.05, "5%"},
		{formatValue, 0.0825, "0.0825"}, {formatValue, 12.5, "12.5"}, {formatValue, 15000, "15,000"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("format(%v): got=%q, want=%q", tt.in, got, tt.want)
		}
	}
}

// tickLabels returns the labels of ticks, joined by spaces.
func tickLabels(ticks []plot.Tick) string {
	var l []string
	for _, t := range ticks {
		l = append(l, t.Label)
	}
	return strings.Join(l, " ")
}

func TestTicks(t *testing.T) {
	tests := []struct {
		name     string
		marker   plot.Ticker
		min, max float64
		want     string
	}{
		{"people", niceTicks{}, 0, 10000, "0 2,000 4,000 6,000 8,000 10,000"},
		{"percent", niceTicks{}, 0, 100, "0 20 40 60 80 100"},
		{"past a round end", niceTicks{}, 0, 17500, "0 5,000 10,000 15,000"},
		{"unit", niceTicks{}, 0, 1, "0 0.2 0.4 0.6 0.8 1"},
		{"ragged end", niceTicks{}, 0, 20.4, "0 5 10 15 20"},
		{"degenerate", niceTicks{}, 2, 2, "2"},
		// The review's odd choices: a count axis 50/200/350, a strength axis
		// 0.04/0.16/0.28; steps must start at a multiple of themselves.
		{"count from 20", niceTicks{}, 20, 420, "100 200 300 400"},
		{"strength", niceTicks{}, 0.04, 0.317, "0.05 0.1 0.15 0.2 0.25 0.3"},
		{"small strength no drift", niceTicks{}, 0, 0.35, "0 0.1 0.2 0.3"},
		{"2.5 steps start at a multiple", niceTicks{}, 1, 14, "2.5 5 7.5 10 12.5"},
		{"generations", niceTicks{integer: true}, 0, 17, "0 5 10 15"},
		{"few generations", niceTicks{integer: true}, 0, 3, "0 1 2 3"},
		{"seeds", niceTicks{integer: true}, 1, 12, "2 4 6 8 10 12"},
		{"narrow panel", niceTicks{few: true}, 0, 5074, "0 2,000 4,000"},
		{"narrow panel, small", niceTicks{few: true}, 0, 2.9, "0 1 2"},
		{"narrow panel percent", niceTicks{few: true}, 0, 100, "0 50 100"},
		// Hours: 6/12/24/48-hour steps, then whole days; never 2.5 h.
		{"hours day", hourTicks{}, 0, 24, "0 6 12 18 24"},
		{"hours two days", hourTicks{}, 0, 48, "0 12 24 36 48"},
		{"hours 2.5 trap", hourTicks{}, 2.5, 22.5, "3 6 9 12 15 18 21"},
		{"hours week", hourTicks{}, 0, 168, "0 48 96 144"},
		{"hours month", hourTicks{}, 0, 950, "0 240 480 720"},
		{"hours quarter", hourTicks{}, 0, 2200, "0 480 960 1,440 1,920"},
		{"hours a year", hourTicks{}, 0, 8760, "0 2,400 4,800 7,200"},
		{"hours short", hourTicks{}, 0, 3, "0 1 2 3"},
		{"hours shorter", hourTicks{}, 0, 1.2, "0 0.2 0.4 0.6 0.8 1 1.2"},
	}
	for _, tt := range tests {
		if got := tickLabels(tt.marker.Ticks(tt.min, tt.max)); got != tt.want {
			t.Errorf("%s: Ticks(%v, %v): got=%q, want=%q", tt.name, tt.min, tt.max, got, tt.want)
		}
	}
}

func TestSelfSustainingTime(t *testing.T) {
	tests := []struct {
		name     string
		time     []float64
		cum      []float64
		wantTime float64
		wantOK   bool
	}{
		// New per 6-hour bin: 10 (start points and first bin), 8, 12, 30, 60, 20.
		{"takes off after a dip", []float64{6, 12, 18, 24, 30, 36}, []float64{10, 18, 30, 60, 120, 140}, 12, true},
		// New per bin: 10, 20, 40, 10: rising from the first bin.
		{"rises from the start", []float64{1, 2, 3, 4}, []float64{10, 30, 70, 80}, 1, true},
		// New per bin: 10, 5, 2, 1: never above the first bin.
		{"dies out", []float64{1, 2, 3, 4}, []float64{10, 15, 17, 18}, 0, false},
		{"lengths differ", []float64{1, 2, 3}, []float64{10, 15}, 0, false},
		{"one bin", []float64{1}, []float64{10}, 0, false},
	}
	for _, tt := range tests {
		got, ok := SelfSustainingTime(tt.time, tt.cum)
		if ok != tt.wantOK || (ok && got != tt.wantTime) {
			t.Errorf("%s: SelfSustainingTime: got=(%v, %v), want=(%v, %v)", tt.name, got, ok, tt.wantTime, tt.wantOK)
		}
	}
}

// TestSpreadMarkerNeedsTypicalGrowth checks the honesty rule of the spread
// figure: the self-sustaining line is drawn when the median launch grows, and
// replaced by a note when only the mean grows (most launches fizzle).
func TestSpreadMarkerNeedsTypicalGrowth(t *testing.T) {
	s := mustStyle(t, English)
	time := []float64{0, 1, 2, 3, 4, 5}
	mean := []float64{1, 3, 9, 40, 120, 150}
	ones := []float64{1, 1, 1, 1, 1, 1}
	tests := []struct {
		name     string
		median   []float64
		wantLine bool
	}{
		{"median grows", []float64{1, 2, 6, 30, 100, 140}, true},
		{"median fizzles", ones, false},
		// Median creeps up by less than its start in every step: still a fizzle.
		{"median creeps", []float64{4, 5, 6, 7, 8, 9}, false},
	}
	for _, tt := range tests {
		d := Spread{Unit: Generations, Time: time, Mean: mean, P5: ones, P25: ones, P50: tt.median, P75: mean, P95: mean,
			SelfSustaining: 1, Sustained: true}
		f, err := NewSpreadFigure(s, d, Caption{})
		if err != nil {
			t.Fatal(err)
		}
		last := f.Legend[len(f.Legend)-1]
		gotLine := strings.HasPrefix(last.Text, "self-sustaining from generation 1") && len(last.Thumbs) == 2
		gotNote := last.Text == s.t.MinorityGrowth && len(last.Thumbs) == 0
		if gotLine != tt.wantLine || gotNote == tt.wantLine {
			t.Errorf("%s: got last legend entry=%q with %d thumbnails, want line=%v", tt.name, last.Text, len(last.Thumbs), tt.wantLine)
		}
	}
}

// TestPanelsAligned checks that side-by-side panels line up where a reader
// sees it, in the rendered PNG: every panel's x axis line on the same pixel
// row and every drawn y axis line spanning the same rows, whatever the tick
// labels, row names and glyphs. The plan figure once dropped its first panel's
// axis 6 pixels below the others (gonum's NominalY pads the x axis by half a
// row name).
func TestPanelsAligned(t *testing.T) {
	s := mustStyle(t, Chinese)
	plans := Plans{Plans: []Plan{
		{Name: "1 位大V（KOL）", Reach: 1817, ReachLo: 1803, ReachHi: 1832, Cost: 1359, PCascade: 0.206, PCascadeLo: 0.199, PCascadeHi: 0.215, HasPCascade: true},
		{Name: "50 位素人（KOC）", Reach: 2336, ReachLo: 2319, ReachHi: 2353, Cost: 5680, PCascade: 0.503, PCascadeLo: 0.493, PCascadeHi: 0.512, HasPCascade: true},
	}}
	pf, err := NewPlanFigure(s, plans, Caption{})
	if err != nil {
		t.Fatal(err)
	}
	p := []float64{0, 0.5, 1, 1}
	reach := []float64{1, 2000, 40000, 48000}
	tf, err := NewTippingFigure(s, Tipping{Axis: Seeds, X: []float64{1, 5, 10, 20}, P: p, PLo: p, PHi: p, Reach: reach, ReachLo: reach, ReachHi: reach}, Caption{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		fig          *Figure
		xAxes, yAxes int
	}{{pf, 3, 0}, {tf, 2, 2}} {
		var buf bytes.Buffer
		if err := c.fig.Render(&buf, PNG); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		h, v := axisLines(img)
		if len(h) != c.xAxes || len(v) != c.yAxes {
			t.Fatalf("%s: got %d x axis and %d y axis lines, want %d and %d", c.fig.Title, len(h), len(v), c.xAxes, c.yAxes)
		}
		// One pixel of slack: anti-aliasing may round a line's end either way.
		off := func(a, b int) bool { return a-b > 1 || b-a > 1 }
		for i := 1; i < len(h); i++ {
			if off(h[i][0], h[0][0]) {
				t.Errorf("%s: x axis %d at pixel row %d, want row %d like panel 0", c.fig.Title, i, h[i][0], h[0][0])
			}
		}
		for i := 1; i < len(v); i++ {
			if off(v[i][1], v[0][1]) || off(v[i][2], v[0][2]) {
				t.Errorf("%s: y axis %d spans rows %d–%d, want %d–%d like panel 0", c.fig.Title, i, v[i][1], v[i][2], v[0][1], v[0][2])
			}
		}
	}
}

// axisLines finds the axis lines of a rendered figure: runs of the axis grey
// (colorMuted, whose anti-aliased edges stay within ±24 of it) at least 150
// pixels long. It returns the horizontal lines as {row, first column} and the
// vertical ones as {column, first row, last row}, one per line (a line two
// pixels thick counts once: the first row or column of it).
func axisLines(img image.Image) (h, v [][3]int) {
	b := img.Bounds()
	isAxis := func(x, y int) bool {
		c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
		near := func(u uint8) bool { return u >= 0x60-24 && u <= 0x60+24 }
		return near(c.R) && near(c.G) && near(c.B)
	}
	const minRun = 150
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; {
			end := x
			for end < b.Max.X && isAxis(end, y) {
				end++
			}
			if end-x >= minRun && !continues(h, y, x) {
				h = append(h, [3]int{y, x, end - 1})
			}
			x = end + 1
		}
	}
	for x := b.Min.X; x < b.Max.X; x++ {
		for y := b.Min.Y; y < b.Max.Y; {
			end := y
			for end < b.Max.Y && isAxis(x, end) {
				end++
			}
			if end-y >= minRun && !continues(v, x, y) {
				v = append(v, [3]int{x, y, end - 1})
			}
			y = end + 1
		}
	}
	return h, v
}

// continues reports whether a line found at position pos (row or column)
// starting at start is the second pixel of one in lines, found at pos-1 with a
// start within two pixels.
func continues(lines [][3]int, pos, start int) bool {
	for _, l := range lines {
		if l[0] == pos-1 && l[1] >= start-2 && l[1] <= start+2 {
			return true
		}
	}
	return false
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
	build := func() []byte {
		m := &Manifest{Schema: ManifestSchema, Tool: "ripple", Version: "v0.1.0", GoVersion: "go1.26",
			Command: []string{"ripple", "run", "--seed", "7"}, Seed: 7,
			Graph:      ManifestGraph{Source: "g.txt", Checksum: "abc", Nodes: 3, Arcs: 2},
			Parameters: map[string]any{"model": "ic", "strength": 0.1}, Lang: Chinese, Font: "embedded"}
		var csv bytes.Buffer
		if err := WriteCSV(&csv, []string{"方案"}, [][]string{{"大V"}}); err != nil {
			t.Fatal(err)
		}
		m.AddFile("plans.csv", "data", csv.Bytes())
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
