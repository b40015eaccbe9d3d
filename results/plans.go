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

// Plan is one seeding plan's result in the plan-comparison figure.
type Plan struct {
	// Name is the plan's name as the user typed it (any language).
	Name string
	// Reach is the mean reach (people) and ReachLo, ReachHi its 95% interval.
	Reach, ReachLo, ReachHi float64
	// Cost is the plan's total cost; zero or NaN means unknown.
	Cost float64
}

// CostPerReached returns the cost per person reached and its interval, Cost
// divided by the reach and by the ends of its interval (NaN where unknown).
func (p Plan) CostPerReached() (v, lo, hi float64) {
	if !(p.Cost > 0) || !(p.Reach > 0) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	lo, hi = math.NaN(), math.NaN()
	if p.ReachHi > 0 {
		lo = p.Cost / p.ReachHi
	}
	if p.ReachLo > 0 {
		hi = p.Cost / p.ReachLo
	}
	return p.Cost / p.Reach, lo, hi
}

// Plans is the input of the plan-comparison figure.
type Plans struct {
	Plans []Plan
	// Currency names the cost unit on the axis, e.g. "¥" or "元"; empty means
	// the language's generic "cost units".
	Currency string
}

// validate checks that there are plans with finite, ordered intervals.
func (d Plans) validate() error {
	if len(d.Plans) == 0 {
		return fmt.Errorf("results: plans: no plans")
	}
	for _, p := range d.Plans {
		if !(isFinite(p.Reach) && isFinite(p.ReachLo) && isFinite(p.ReachHi) && p.ReachLo <= p.Reach && p.Reach <= p.ReachHi) {
			return fmt.Errorf("results: plans: plan %q: bad reach %v (95%% CI %v–%v)", p.Name, p.Reach, p.ReachLo, p.ReachHi)
		}
	}
	return nil
}

// NewPlanFigure returns the plan comparison: mean reach with its 95% interval
// per plan on the left and, when any plan has a cost, the cost per person
// reached with its interval on the right.
func NewPlanFigure(st *Style, d Plans, c Caption) (*Figure, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	t := st.t
	names := make([]string, len(d.Plans))
	reach := make(plotter.Values, len(d.Plans))
	reachErr := make(plotter.YErrors, len(d.Plans))
	var cost plotter.Values
	var costErr plotter.YErrors
	hasCost := false
	for i, p := range d.Plans {
		names[i] = p.Name
		reach[i] = p.Reach
		reachErr[i] = struct{ Low, High float64 }{Low: p.Reach - p.ReachLo, High: p.ReachHi - p.Reach}
		v, lo, hi := p.CostPerReached()
		if isFinite(v) {
			hasCost = true
		} else {
			v, lo, hi = 0, 0, 0
		}
		if !isFinite(lo) {
			lo = v
		}
		if !isFinite(hi) {
			hi = v
		}
		cost = append(cost, v)
		costErr = append(costErr, struct{ Low, High float64 }{Low: v - lo, High: hi - v})
	}

	left, err := st.barPanel(t.PlanReachY, names, reach, reachErr, colorMain, formatCount)
	if err != nil {
		return nil, err
	}
	panels, subtitles := []*plot.Plot{left}, []string{t.PlanReachTitle}
	if hasCost {
		cur := d.Currency
		if cur == "" {
			cur = t.DefaultCurrency
		}
		right, err := st.barPanel(fmt.Sprintf(t.PlanCostY, cur), names, cost, costErr, colorAccent, formatValue)
		if err != nil {
			return nil, err
		}
		panels, subtitles = append(panels, right), append(subtitles, t.PlanCostTitle)
	}
	f := newFigure(st, t.PlanTitle, c, panels...)
	f.Subtitles = subtitles
	return f, nil
}

// barPanel returns a bar chart of values with error bars, one bar per name,
// each bar labelled with its value formatted by format.
func (st *Style) barPanel(yLabel string, names []string, values plotter.Values, errs plotter.YErrors, fill color.Color, format func(float64) string) (*plot.Plot, error) {
	p := st.newPlot("", "", yLabel)
	p.Y.Tick.Marker = countTicks{}
	p.X.LineStyle.Width = 0
	p.X.Tick.LineStyle.Width = 0
	p.Add(grid())
	// About half of a half-slide panel's data width, split between the bars.
	width := vg.Points(math.Min(40, 120/float64(len(values))))
	bars, err := plotter.NewBarChart(values, width)
	if err != nil {
		return nil, fmt.Errorf("results: plans: %w", err)
	}
	bars.Color = fill
	bars.LineStyle.Width = 0
	p.Add(bars)

	pts := make(plotter.XYs, len(values))
	top := 0.0
	for i, v := range values {
		pts[i] = plotter.XY{X: float64(i), Y: v}
		top = math.Max(top, v+errs[i].High)
	}
	eb, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{pts, errs})
	if err != nil {
		return nil, fmt.Errorf("results: plans: %w", err)
	}
	eb.LineStyle = draw.LineStyle{Color: colorText, Width: vg.Points(1.4)}
	eb.CapWidth = width / 3
	p.Add(eb)
	labels := make([]string, len(values))
	tops := make(plotter.XYs, len(values))
	for i, v := range values {
		labels[i] = format(v)
		tops[i] = plotter.XY{X: float64(i), Y: v + errs[i].High}
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: tops, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("results: plans: %w", err)
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i] = st.textStyle(sizeNote, colorText)
		lab.TextStyle[i].XAlign = draw.XCenter
		lab.TextStyle[i].YAlign = draw.YBottom
	}
	lab.Offset = vg.Point{Y: vg.Points(4)}
	p.Add(lab)
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(values))-0.4
	p.X.Tick.Label = st.textStyle(sizeLabel, colorText)
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Min, p.Y.Max = 0, 1.12*top
	return p, nil
}

// WriteCSV writes the numbers behind the plan figure, one row per plan.
func (d Plans) WriteCSV(w io.Writer, l Lang) error {
	if err := d.validate(); err != nil {
		return err
	}
	t := l.text()
	rows := make([][]string, len(d.Plans))
	for i, p := range d.Plans {
		v, lo, hi := p.CostPerReached()
		cost := p.Cost
		if !(cost > 0) {
			cost = math.NaN()
		}
		rows[i] = []string{p.Name, csvNumber(p.Reach), csvNumber(p.ReachLo), csvNumber(p.ReachHi),
			csvNumber(cost), csvNumber(v), csvNumber(lo), csvNumber(hi)}
	}
	return WriteCSV(w, []string{t.ColPlan, t.ColReach, t.ColReachCILo, t.ColReachCIHi,
		t.ColCost, t.ColCostPerReached, t.ColCostPerReachedLo, t.ColCostPerHi}, rows)
}
