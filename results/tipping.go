package results

import (
	"fmt"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Axis names the quantity swept along the x axis of a tipping curve.
type Axis int

// The sweep axes.
const (
	// Strength is the spread strength s.
	Strength Axis = iota
	// Seeds is the number of start points.
	Seeds
	// Budget is the money spent on start points.
	Budget
	// Broadcast is the fraction of all people a broadcast channel reaches
	// (X given as a fraction, drawn in percent).
	Broadcast
)

// Tipping is the input of the tipping-curve figure: for each swept value X,
// the probability of a cascade and the mean reach, each with its 95% interval.
type Tipping struct {
	Axis Axis
	// X is the swept value, increasing.
	X []float64
	// P, PLo, PHi are P(cascade) and its 95% (Wilson) interval, as fractions.
	P, PLo, PHi []float64
	// Reach, ReachLo, ReachHi are the mean reach (people) and its 95% interval.
	Reach, ReachLo, ReachHi []float64
	// Point is the estimated tipping point (P(cascade) = 1/2) and PointLo,
	// PointHi its interval; drawn when HasPoint is true.
	Point, PointLo, PointHi float64
	HasPoint                bool
	// Analytic is the analytic threshold (e.g. ⟨k⟩/(⟨k²⟩−⟨k⟩)); drawn when
	// HasAnalytic is true.
	Analytic    float64
	HasAnalytic bool
	// AtMost is true when points stopped once their verdict was clear, so
	// that the caption's trials are a cap per point ("up to 1,000 trials
	// per point"), not what every point used.
	AtMost bool
}

// atMostTrials rewrites the trials of caption (made by Style.caption from
// c) as a cap per point, in lang.
func atMostTrials(caption string, c Caption, lang Lang) string {
	n := FormatCount(float64(c.Trials))
	if lang == Chinese {
		return strings.Replace(caption, n+" 次试验", "每点至多 "+n+" 次试验", 1)
	}
	return strings.Replace(caption, n+" trials", "up to "+n+" trials per point", 1)
}

// checkSeries checks that the axis x has at least two increasing points and
// that every series (named by names) has one value per point; figure names
// the figure in errors.
func checkSeries(figure, axis string, x []float64, names []string, series ...[]float64) error {
	n := len(x)
	if n < 2 {
		return fmt.Errorf("results: %s: need at least 2 %s points, got %d", figure, axis, n)
	}
	for i, v := range series {
		if len(v) != n {
			return fmt.Errorf("results: %s: %s has %d points, %s has %d", figure, names[i], len(v), axis, n)
		}
	}
	for i := 1; i < n; i++ {
		if !(x[i] > x[i-1]) {
			return fmt.Errorf("results: %s: %s not increasing at index %d: %v after %v", figure, axis, i, x[i], x[i-1])
		}
	}
	return nil
}

// validate checks lengths and order.
func (d Tipping) validate() error {
	if d.Axis < Strength || d.Axis > Broadcast {
		return fmt.Errorf("results: tipping: bad axis: %d", d.Axis)
	}
	if err := checkSeries("tipping", "x", d.X, []string{"p", "p_lo", "p_hi", "reach", "reach_lo", "reach_hi"},
		d.P, d.PLo, d.PHi, d.Reach, d.ReachLo, d.ReachHi); err != nil {
		return err
	}
	if d.HasPoint && !(isFinite(d.Point) && isFinite(d.PointLo) && isFinite(d.PointHi) && d.PointLo <= d.PointHi) {
		return fmt.Errorf("results: tipping: bad tipping point: %v (%v–%v)", d.Point, d.PointLo, d.PointHi)
	}
	if d.HasAnalytic && !isFinite(d.Analytic) {
		return fmt.Errorf("results: tipping: bad analytic threshold: %v", d.Analytic)
	}
	return nil
}

// scale returns the factor from X to drawn units (percent for Broadcast).
func (d Tipping) scale() float64 {
	if d.Axis == Broadcast {
		return 100
	}
	return 1
}

// axisLabel returns the x axis label of the sweep.
func (t *texts) axisLabel(a Axis) string {
	switch a {
	case Seeds:
		return t.AxisSeeds
	case Budget:
		return t.AxisBudget
	case Broadcast:
		return t.AxisBroadcast
	}
	return t.AxisStrength
}

// NewTippingFigure returns the tipping curve as two panels sharing the x axis:
// P(cascade) in percent with its interval band and the 50% line on the left,
// mean reach with its interval on the right. Both mark the estimated tipping
// point (solid orange, its interval shaded) and the analytic threshold (dashed
// teal).
func NewTippingFigure(st *Style, d Tipping, c Caption) (*Figure, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	t := st.t
	k := d.scale()
	x := make([]float64, len(d.X))
	for i, v := range d.X {
		x[i] = k * v
	}
	pct := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, f := range v {
			out[i] = 100 * f
		}
		return out
	}

	left := st.newPlot("", t.axisLabel(d.Axis), t.TippingPY)
	right := st.newPlot("", t.axisLabel(d.Axis), t.TippingReachY)
	var legend []LegendEntry
	if d.Axis == Seeds {
		left.X.Tick.Marker = niceTicks{integer: true}
		right.X.Tick.Marker = niceTicks{integer: true}
	}
	left.Y.Min, left.Y.Max = 0, 100

	reachMax := 0.0
	for _, v := range [][]float64{d.Reach, d.ReachHi} {
		for _, y := range v {
			if isFinite(y) {
				reachMax = math.Max(reachMax, y)
			}
		}
	}
	right.Y.Min, right.Y.Max = 0, 1.05*reachMax

	// Interval of the tipping point first, so the curves draw over it.
	for _, p := range []struct {
		plot *plot.Plot
		top  float64
	}{{left, 100}, {right, right.Y.Max}} {
		p.plot.Add(grid())
		if d.HasPoint {
			p.plot.Add(rect(k*d.PointLo, k*d.PointHi, 0, p.top, colorAccentBg))
		}
	}
	left.Add(hline(50, x[0], x[len(x)-1], colorMuted))

	series := []struct {
		plot      *plot.Plot
		y, lo, hi []float64
		legend    bool
	}{
		{left, pct(d.P), pct(d.PLo), pct(d.PHi), true},
		{right, d.Reach, d.ReachLo, d.ReachHi, false},
	}
	for _, s := range series {
		b := band(x, s.lo, s.hi, colorMainBand)
		if b != nil {
			s.plot.Add(b)
		}
		line, points, err := plotter.NewLinePoints(xys(x, s.y))
		if err != nil {
			return nil, fmt.Errorf("results: tipping: %w", err)
		}
		line.LineStyle = draw.LineStyle{Color: colorMain, Width: vg.Points(2)}
		points.GlyphStyle = draw.GlyphStyle{Color: colorMain, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		s.plot.Add(line, points)
		if s.legend && b != nil {
			legend = append(legend, LegendEntry{t.Interval95, []plot.Thumbnailer{b}})
		}
	}
	for _, p := range []struct {
		plot   *plot.Plot
		top    float64
		legend bool
	}{{left, 100, true}, {right, right.Y.Max, false}} {
		if d.HasPoint {
			l := vline(k*d.Point, 0, p.top, colorAccent, vg.Points(1.8), false)
			p.plot.Add(l)
			if p.legend {
				text := fmt.Sprintf(t.TippingPoint, formatValue(k*d.Point), formatValue(k*d.PointLo), formatValue(k*d.PointHi))
				legend = append(legend, LegendEntry{text, []plot.Thumbnailer{rect(0, 1, 0, 1, colorAccentBg), l}})
			}
		}
		if d.HasAnalytic {
			l := vline(k*d.Analytic, 0, p.top, colorSecond, vg.Points(1.6), true)
			p.plot.Add(l)
			if p.legend {
				legend = append(legend, LegendEntry{fmt.Sprintf(t.Analytic, formatValue(k*d.Analytic)), []plot.Thumbnailer{l}})
			}
		}
	}
	f := newFigure(st, t.TippingTitle, c, left, right)
	if d.AtMost {
		f.Caption = atMostTrials(f.Caption, c, st.Lang())
	}
	f.Subtitles = []string{t.TippingPTitle, t.TippingReachTitle}
	f.Legend = legend
	return f, nil
}

// WriteCSV writes the sweep behind the tipping figure, one row per swept value.
// The tipping point and the analytic threshold are in the manifest and the
// command's JSON output, not in this table.
func (d Tipping) WriteCSV(w io.Writer, l Lang) error {
	if err := d.validate(); err != nil {
		return err
	}
	t := l.text()
	rows := make([][]string, len(d.X))
	for i := range d.X {
		rows[i] = []string{csvNumber(d.X[i]), csvNumber(d.P[i]), csvNumber(d.PLo[i]), csvNumber(d.PHi[i]),
			csvNumber(d.Reach[i]), csvNumber(d.ReachLo[i]), csvNumber(d.ReachHi[i])}
	}
	return WriteCSV(w, []string{t.ColAxis[d.Axis], t.ColP, t.ColPLo, t.ColPHi, t.ColReach, t.ColReachCILo, t.ColReachCIHi}, rows)
}
