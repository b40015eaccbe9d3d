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

// BudgetCurve is one plan's mean reach, with its 95% interval, at each point
// of a BudgetCurves axis; NaN where the plan has no seeds at that point (a
// budget too small for it).
type BudgetCurve struct {
	Name                    string
	Reach, ReachLo, ReachHi []float64
}

// BudgetCurves is the input of the reach-against-budget figure of ripple
// plan: the optimised plan (the first curve) and each heuristic, along the
// budget or the number of seeds.
type BudgetCurves struct {
	// Axis is Budget or Seeds.
	Axis   Axis
	X      []float64
	Curves []BudgetCurve
}

// validate checks the axis, the lengths and that every point is a finite,
// ordered interval or NaN throughout.
func (d BudgetCurves) validate() error {
	if d.Axis != Budget && d.Axis != Seeds {
		return fmt.Errorf("results: budget: bad axis: %d (want Budget or Seeds)", d.Axis)
	}
	if len(d.Curves) == 0 {
		return fmt.Errorf("results: budget: no curves")
	}
	for _, c := range d.Curves {
		if err := checkSeries("budget", "x", d.X, []string{c.Name + " reach", c.Name + " lo", c.Name + " hi"}, c.Reach, c.ReachLo, c.ReachHi); err != nil {
			return err
		}
		for i := range d.X {
			r, lo, hi := c.Reach[i], c.ReachLo[i], c.ReachHi[i]
			if math.IsNaN(r) && math.IsNaN(lo) && math.IsNaN(hi) {
				continue
			}
			if !(isFinite(r) && isFinite(lo) && isFinite(hi) && lo <= r && r <= hi) {
				return fmt.Errorf("results: budget: plan %q: bad reach %v (95%% CI %v–%v) at x=%v", c.Name, r, lo, hi, d.X[i])
			}
		}
	}
	return nil
}

// budgetTexts are the figure's own words; the axis names are the tipping
// figure's.
func budgetTexts(l Lang) (title, y string) {
	if l == Chinese {
		return "预算与触达：优化选点与常用方案", "平均触达人数（人）"
	}
	return "Reach against budget: optimised seeds and the usual plans", "Mean reach (people)"
}

// budgetColors colour the curves: the optimised plan in the main blue, the
// heuristics after it.
var budgetColors = []color.Color{
	colorMain, colorAccent, colorSecond, colorFizzle,
	color.NRGBA{R: 0x7b, G: 0x3f, B: 0x9e, A: 0xff}, // purple
	color.NRGBA{R: 0xa6, G: 0x76, B: 0x1d, A: 0xff}, // ochre
}

// NewBudgetFigure draws mean reach against the budget (or seed count) for
// each plan, the optimised one (first) thick with its 95% band, the
// heuristics thinner with their bands faint.
func NewBudgetFigure(st *Style, d BudgetCurves, c Caption) (*Figure, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	t := st.t
	title, yLabel := budgetTexts(st.Lang())
	p := st.newPlot("", t.axisLabel(d.Axis), yLabel)
	if d.Axis == Seeds {
		p.X.Tick.Marker = niceTicks{integer: true}
	}
	p.Add(grid())
	top := 0.0
	for _, cv := range d.Curves {
		for _, v := range cv.ReachHi {
			if isFinite(v) {
				top = math.Max(top, v)
			}
		}
	}
	p.Y.Min, p.Y.Max = 0, 1.05*math.Max(top, 1)
	var legend []LegendEntry
	for i := len(d.Curves) - 1; i >= 0; i-- { // the optimised plan drawn last, on top
		cv := d.Curves[i]
		col := budgetColors[i%len(budgetColors)]
		r, g, b, _ := col.RGBA()
		alpha := uint8(0x18)
		width := vg.Points(1.4)
		if i == 0 {
			alpha, width = 0x40, vg.Points(2.4)
		}
		if bd := band(d.X, cv.ReachLo, cv.ReachHi, color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}); bd != nil {
			p.Add(bd)
		}
		var pts plotter.XYs
		for j, x := range d.X {
			if isFinite(cv.Reach[j]) {
				pts = append(pts, plotter.XY{X: x, Y: cv.Reach[j]})
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, fmt.Errorf("results: budget: %w", err)
		}
		line.LineStyle = draw.LineStyle{Color: col, Width: width}
		points.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		p.Add(line, points)
		legend = append([]LegendEntry{{cv.Name, []plot.Thumbnailer{line, points}}}, legend...)
	}
	f := newFigure(st, title, c, p)
	f.Legend = legend
	return f, nil
}

// WriteCSV writes one row per plan and axis point: the axis value, the plan,
// mean reach and its interval (empty where the plan has no seeds).
func (d BudgetCurves) WriteCSV(w io.Writer, l Lang) error {
	if err := d.validate(); err != nil {
		return err
	}
	t := l.text()
	var rows [][]string
	for _, cv := range d.Curves {
		for i, x := range d.X {
			rows = append(rows, []string{csvNumber(x), cv.Name, csvNumber(cv.Reach[i]), csvNumber(cv.ReachLo[i]), csvNumber(cv.ReachHi[i])})
		}
	}
	return WriteCSV(w, []string{t.ColAxis[d.Axis], t.ColPlan, t.ColReach, t.ColReachCILo, t.ColReachCIHi}, rows)
}
