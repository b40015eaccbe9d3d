package results

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Competing contents (负能量): the race of our content and a backlash over
// shared time, and the shares each containment plan leaves them.

// competeTexts are the words of the competition figures in one language.
type competeTexts struct {
	zh                            bool
	RaceTitle, RaceX, RaceY       string
	ShareTitle, OursX, BacklashX  string
	ReachX, ReachSub              string
	OursSub, BacklashSub          string
	Interval                      string
	ColTime, ColContent           string
	ColPlan, ColOurs, ColBacklash string
	ColReach                      string
	// Lo and Hi end the names of an interval's columns.
	Lo, Hi string
}

func competeTextsFor(l Lang) *competeTexts {
	if l == Chinese {
		return &competeTexts{zh: true,
			RaceTitle: "我方内容与负能量的竞争：累计触达", RaceX: "传播代数", RaceY: "累计触达人数",
			ShareTitle: "各澄清方案下，被触达者先收到哪一方", OursX: "先收到我方的比例（%）", BacklashX: "先收到负能量的比例（%）",
			OursSub: "我方先到", BacklashSub: "负能量先到", Interval: "95% 置信区间",
			ColTime: "代数", ColContent: "内容", ColPlan: "方案", ColOurs: "我方先到比例", ColBacklash: "负能量先到比例",
			ReachX: "负能量触达人数", ReachSub: "负能量触达", ColReach: "负能量触达人数", Lo: "下限", Hi: "上限",
		}
	}
	return &competeTexts{
		RaceTitle: "Our content against the backlash: cumulative reach", RaceX: "generation", RaceY: "people reached (cumulative)",
		ShareTitle: "Who reaches people first, per clarification plan", OursX: "reached by ours first (%)", BacklashX: "reached by the backlash first (%)",
		OursSub: "ours first", BacklashSub: "backlash first", Interval: "95% interval",
		ColTime: "generation", ColContent: "content", ColPlan: "plan", ColOurs: "ours_first", ColBacklash: "backlash_first",
		ReachX: "people reached by the backlash", ReachSub: "backlash reach", ColReach: "backlash_reach", Lo: "_lo", Hi: "_hi",
	}
}

// band labels a content's line and band in the race figure's legend; a
// method with constant formats, so that go vet checks them.
func (t *competeTexts) band(name string) string {
	if t.zh {
		return fmt.Sprintf("%s（平均值，带内为中间 50%% 的投放）", name)
	}
	return fmt.Sprintf("%s (mean; the band holds the middle 50%% of launches)", name)
}

// RaceCurve is one content's cumulative reach over the shared time axis of
// a Race: its mean and the quantiles bounding the middle 50% of trials.
type RaceCurve struct {
	Name           string
	Mean, P25, P75 []float64
}

// Race is the input of the race figure: every content's cumulative reach at
// the same time points (generations since our launch).
type Race struct {
	Time     []float64
	Contents []RaceCurve
}

// validate checks that every series has the length of Time, Time increases
// and there are one to six contents.
func (r Race) validate() error {
	if len(r.Contents) == 0 || len(r.Contents) > len(racePalette) {
		return fmt.Errorf("results: race: %d contents (want 1 to %d)", len(r.Contents), len(racePalette))
	}
	for _, c := range r.Contents {
		if err := checkSeries("race", "time", r.Time, []string{c.Name + " mean", c.Name + " p25", c.Name + " p75"}, c.Mean, c.P25, c.P75); err != nil {
			return err
		}
	}
	return nil
}

// racePalette colours the contents: ours blue, the first rival orange.
var racePalette = []color.NRGBA{colorMain, colorAccent, colorSecond, colorFizzle, {R: 0x75, G: 0x70, B: 0xb3, A: 0xff}, {R: 0xe7, G: 0x29, B: 0x8a, A: 0xff}}

// NewRaceFigure returns the race of the contents over shared time: each
// content's mean cumulative reach as a line in its colour, over a band
// holding the middle 50% of trials.
func NewRaceFigure(st *Style, r Race, c Caption) (*Figure, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	t := competeTextsFor(st.Lang())
	p := st.newPlot("", t.RaceX, t.RaceY)
	p.X.Tick.Marker = niceTicks{integer: true}
	p.Add(grid())
	var legend []LegendEntry
	ymax := 0.0
	for i, cv := range r.Contents {
		col := racePalette[i]
		fill := col
		fill.A = 0x38
		var thumbs []plot.Thumbnailer
		if b := band(r.Time, cv.P25, cv.P75, fill); b != nil {
			p.Add(b)
			thumbs = append(thumbs, b)
		}
		mean, err := plotter.NewLine(xys(r.Time, cv.Mean))
		if err != nil {
			return nil, fmt.Errorf("results: race: %s: %w", cv.Name, err)
		}
		mean.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(2.2)}
		p.Add(mean)
		legend = append(legend, LegendEntry{t.band(cv.Name), append(thumbs, mean)})
		for _, v := range [][]float64{cv.Mean, cv.P75} {
			for _, y := range v {
				if isFinite(y) {
					ymax = math.Max(ymax, y)
				}
			}
		}
	}
	p.Y.Min, p.Y.Max = 0, 1.05*math.Max(ymax, 1)
	p.X.Min, p.X.Max = r.Time[0], r.Time[len(r.Time)-1]
	f := newFigure(st, t.RaceTitle, c, p)
	f.Legend = legend
	return f, nil
}

// WriteCSV writes the series behind the race figure: one row per content
// and time point.
func (r Race) WriteCSV(w io.Writer, l Lang) error {
	if err := r.validate(); err != nil {
		return err
	}
	t, lt := competeTextsFor(l), l.text()
	var rows [][]string
	for _, c := range r.Contents {
		for i := range r.Time {
			rows = append(rows, []string{c.Name, csvNumber(r.Time[i]), csvNumber(c.Mean[i]), csvNumber(c.P25[i]), csvNumber(c.P75[i])})
		}
	}
	return WriteCSV(w, []string{t.ColContent, t.ColTime, lt.ColMean, lt.ColP25, lt.ColP75}, rows)
}

// SharePlan is one containment plan's outcome: the backlash's mean reach
// (people) and the shares of the people reached, the fraction who got ours
// first and who got the backlash first, as fractions in [0, 1]; each with
// its 95% interval.
type SharePlan struct {
	Name                         string
	Reach, ReachLo, ReachHi      float64
	Ours, OursLo, OursHi         float64
	Backlash, BacklashLo, BackHi float64
}

// Shares is the input of the containment figure.
type Shares struct {
	Plans []SharePlan
}

func (s Shares) validate() error {
	if len(s.Plans) == 0 {
		return fmt.Errorf("results: shares: no plan")
	}
	for _, p := range s.Plans {
		for _, v := range []float64{p.Ours, p.OursLo, p.OursHi, p.Backlash, p.BacklashLo, p.BackHi} {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("results: shares: plan %q: share %v outside [0, 1]", p.Name, v)
			}
		}
		if !(p.ReachLo <= p.Reach && p.Reach <= p.ReachHi && p.ReachLo >= 0) || math.IsInf(p.ReachHi, 0) {
			return fmt.Errorf("results: shares: plan %q: reach %v (95%% interval %v–%v): want 0 ≤ low ≤ reach ≤ high < ∞", p.Name, p.Reach, p.ReachLo, p.ReachHi)
		}
	}
	return nil
}

// NewSharesFigure returns, for each containment plan, the backlash's reach
// (left), and the share of the people reached who got ours first (middle)
// and the backlash first (right), as bars with their 95% intervals.
func NewSharesFigure(st *Style, s Shares, c Caption) (*Figure, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	t := competeTextsFor(st.Lang())
	n := len(s.Plans)
	names := make([]string, n)
	reach, ours, back := make([]float64, n), make([]float64, n), make([]float64, n)
	reachErr, oursErr, backErr := make(plotter.XErrors, n), make(plotter.XErrors, n), make(plotter.XErrors, n)
	label := st.textStyle(sizeLabel, colorText)
	for i, p := range s.Plans {
		names[i] = shorten(label, p.Name, maxNameWidth)
		reach[i], ours[i], back[i] = p.Reach, 100*p.Ours, 100*p.Backlash
		reachErr[i] = struct{ Low, High float64 }{p.Reach - p.ReachLo, p.ReachHi - p.Reach}
		oursErr[i] = struct{ Low, High float64 }{100 * (p.Ours - p.OursLo), 100 * (p.OursHi - p.Ours)}
		backErr[i] = struct{ Low, High float64 }{100 * (p.Backlash - p.BacklashLo), 100 * (p.BackHi - p.Backlash)}
	}
	pct := func(v float64) string { return formatPercent(v / 100) }
	left, err := st.barPanel(t.ReachX, names, reach, reachErr, colorAccent, FormatCount)
	if err != nil {
		return nil, err
	}
	middle, err := st.barPanel(t.OursX, nil, ours, oursErr, colorMain, pct)
	if err != nil {
		return nil, err
	}
	right, err := st.barPanel(t.BacklashX, nil, back, backErr, colorAccent, pct)
	if err != nil {
		return nil, err
	}
	for _, p := range []*plot.Plot{middle, right} {
		p.X.Min, p.X.Max = 0, 100
		p.X.Tick.Marker = niceTicks{few: true}
	}
	f := newFigure(st, t.ShareTitle, c, left, middle, right)
	f.Subtitles = []string{t.ReachSub, t.OursSub, t.BacklashSub}
	f.Legend = []LegendEntry{{t.Interval, []plot.Thumbnailer{whiskerThumb{}}}}
	return f, nil
}

// WriteCSV writes the numbers behind the containment figure, one row per
// plan.
func (s Shares) WriteCSV(w io.Writer, l Lang) error {
	if err := s.validate(); err != nil {
		return err
	}
	t := competeTextsFor(l)
	rows := make([][]string, len(s.Plans))
	for i, p := range s.Plans {
		rows[i] = []string{p.Name, csvNumber(p.Ours), csvNumber(p.OursLo), csvNumber(p.OursHi), csvNumber(p.Backlash), csvNumber(p.BacklashLo), csvNumber(p.BackHi),
			csvNumber(p.Reach), csvNumber(p.ReachLo), csvNumber(p.ReachHi)}
	}
	return WriteCSV(w, []string{t.ColPlan, t.ColOurs, t.ColOurs + t.Lo, t.ColOurs + t.Hi, t.ColBacklash, t.ColBacklash + t.Lo, t.ColBacklash + t.Hi,
		t.ColReach, t.ColReach + t.Lo, t.ColReach + t.Hi}, rows)
}
