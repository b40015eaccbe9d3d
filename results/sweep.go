package results

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SweepSeries is one plan's statistics along one axis of a sweep: mean
// reach and P(cascade), each with its 95% interval, one value per point.
type SweepSeries struct {
	Plan                    string
	Reach, ReachLo, ReachHi []float64
	P, PLo, PHi             []float64
}

// SweepAxis is the input of the reach-along-an-axis figure: the swept
// parameter's name, its values as written in the scenario (drawn at their
// numeric value when every one is a number, increasing; else one place
// each, labelled) and one series per plan.
type SweepAxis struct {
	Param  string
	Values []string
	Plans  []SweepSeries
}

// sweepTexts are the sweep figures' words in one language.
type sweepTexts struct {
	reachTitle, heatTitle, reachY, pY, interval, contour, scale, cell string
}

func sweepTextsFor(l Lang) sweepTexts {
	if l == Chinese {
		return sweepTexts{
			reachTitle: "各方案的覆盖人数与引爆概率：沿 %s", heatTitle: "引爆概率：%s",
			reachY: "平均覆盖人数", pY: "引爆概率 (%)", interval: "95% 置信区间",
			contour: "引爆点：引爆概率 = 1/2", scale: "颜色：引爆概率 0%（蓝）→ 100%（红）", cell: "格中数字：引爆概率 %",
		}
	}
	return sweepTexts{
		reachTitle: "Reach and P(cascade) per plan along %s", heatTitle: "P(cascade): %s",
		reachY: "mean reach (people)", pY: "P(cascade) (%)", interval: "95% interval",
		contour: "tipping point: P(cascade) = 1/2", scale: "colour: P(cascade) 0% (blue) → 100% (red)", cell: "numbers: P(cascade) in %",
	}
}

// planPalette colours the plans of a sweep figure.
var planPalette = []color.NRGBA{colorMain, colorAccent, colorSecond, {R: 0x75, G: 0x70, B: 0xb3, A: 0xff}, {R: 0xe7, G: 0x29, B: 0x8a, A: 0xff}, {R: 0x66, G: 0xa6, B: 0x1e, A: 0xff}}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// axisPlaces returns where the values are drawn: at their numbers when
// all are numbers and increasing, else at 0, 1, … with labels.
func axisPlaces(values []string) (x []float64, ticks plot.Ticker) {
	x = make([]float64, len(values))
	numeric := true
	for i, v := range values {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || (i > 0 && !(f > x[i-1])) {
			numeric = false
			break
		}
		x[i] = f
	}
	if numeric {
		return x, nil
	}
	var ts []plot.Tick
	for i, v := range values {
		x[i] = float64(i)
		ts = append(ts, plot.Tick{Value: float64(i), Label: v})
	}
	return x, plot.ConstantTicks(ts)
}

// NewSweepFigure returns mean reach (left) and P(cascade) with the 1/2 line
// (right) against one swept parameter, a line and an interval band per
// plan.
func NewSweepFigure(st *Style, d SweepAxis, c Caption) (*Figure, error) {
	n := len(d.Values)
	if n < 2 || len(d.Plans) == 0 {
		return nil, fmt.Errorf("results: sweep figure %s: need 2 values and a plan, got %d and %d", d.Param, n, len(d.Plans))
	}
	for _, s := range d.Plans {
		for _, v := range [][]float64{s.Reach, s.ReachLo, s.ReachHi, s.P, s.PLo, s.PHi} {
			if len(v) != n {
				return nil, fmt.Errorf("results: sweep figure %s: plan %s has %d values, want %d", d.Param, s.Plan, len(v), n)
			}
		}
	}
	t := sweepTextsFor(st.Lang())
	x, ticks := axisPlaces(d.Values)
	left := st.newPlot("", d.Param, t.reachY)
	right := st.newPlot("", d.Param, t.pY)
	if ticks != nil {
		left.X.Tick.Marker, right.X.Tick.Marker = ticks, ticks
		left.X.Min, left.X.Max = -0.3, float64(n)-0.7
		right.X.Min, right.X.Max = left.X.Min, left.X.Max
	}
	left.Add(grid())
	right.Add(grid())
	right.Y.Min, right.Y.Max = 0, 100
	right.Add(hline(50, x[0], x[n-1], colorMuted))
	left.Y.Min = 0
	var legend []LegendEntry
	pct := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, f := range v {
			out[i] = 100 * f
		}
		return out
	}
	for k, s := range d.Plans {
		col := planPalette[k%len(planPalette)]
		var thumbs []plot.Thumbnailer
		for _, p := range []struct {
			plot      *plot.Plot
			y, lo, hi []float64
		}{{left, s.Reach, s.ReachLo, s.ReachHi}, {right, pct(s.P), pct(s.PLo), pct(s.PHi)}} {
			if b := band(x, p.lo, p.hi, withAlpha(col, 0x38)); b != nil {
				p.plot.Add(b)
			}
			line, points, err := plotter.NewLinePoints(xys(x, p.y))
			if err != nil {
				return nil, fmt.Errorf("results: sweep figure %s: %w", d.Param, err)
			}
			line.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(2)}
			points.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
			p.plot.Add(line, points)
			if thumbs == nil {
				thumbs = []plot.Thumbnailer{line, points}
			}
		}
		legend = append(legend, LegendEntry{s.Plan, thumbs})
	}
	legend = append(legend, LegendEntry{t.interval, []plot.Thumbnailer{rect(0, 1, 0, 1, withAlpha(colorMain, 0x38))}})
	f := newFigure(st, fmt.Sprintf(t.reachTitle, d.Param), c, left, right)
	f.Legend = legend
	return f, nil
}
