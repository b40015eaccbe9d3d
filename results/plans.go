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

// NewPlanFigure returns the plan comparison as horizontal bars, first plan on
// top: mean reach with its 95% interval on the left and, when any plan has a
// cost, the cost per person reached with its interval on the right, on the same
// rows. Names longer than maxNameRunes are shortened with "…" in the figure
// (the CSV keeps them whole).
func NewPlanFigure(st *Style, d Plans, c Caption) (*Figure, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	t := st.t
	n := len(d.Plans)
	names := make([]string, n)
	reach := make([]float64, n)
	reachErr := make(plotter.XErrors, n)
	cost := make([]float64, n)
	costErr := make(plotter.XErrors, n)
	hasCost := false
	for i, p := range d.Plans {
		names[i] = shorten(p.Name, maxNameRunes)
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
		cost[i] = v
		costErr[i] = struct{ Low, High float64 }{Low: v - lo, High: hi - v}
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
		right, err := st.barPanel(fmt.Sprintf(t.PlanCostY, cur), nil, cost, costErr, colorAccent, formatValue)
		if err != nil {
			return nil, err
		}
		panels, subtitles = append(panels, right), append(subtitles, t.PlanCostTitle)
	}
	f := newFigure(st, t.PlanTitle, c, panels...)
	f.Subtitles = subtitles
	return f, nil
}

// maxNameRunes is the longest plan name drawn in full in the plan figure.
const maxNameRunes = 18

// shorten returns s cut to at most n runes, ending in "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// barPanel returns horizontal bars of values with error bars, the first value
// on top, each bar labelled at its end with its value formatted by format.
// With names nil the rows are unlabelled (a panel beside one that names them).
func (st *Style) barPanel(xLabel string, names []string, values []float64, errs plotter.XErrors, fill color.Color, format func(float64) string) (*plot.Plot, error) {
	n := len(values)
	p := st.newPlot("", xLabel, "")
	p.X.Tick.Marker = countTicks{}
	p.Y.LineStyle.Width = 0
	p.Y.Tick.LineStyle.Width = 0
	p.Add(verticalGrid())

	// Row i of the input sits at y = n-1-i so the first plan is on top.
	rev := make(plotter.Values, n)
	revErr := make(plotter.XErrors, n)
	pts := make(plotter.XYs, n)
	ends := make(plotter.XYs, n)
	labels := make([]string, n)
	right := 0.0
	for i, v := range values {
		y := n - 1 - i
		rev[y], revErr[y] = v, errs[i]
		pts[y] = plotter.XY{X: v, Y: float64(y)}
		ends[y] = plotter.XY{X: v + errs[i].High, Y: float64(y)}
		labels[y] = format(v)
		right = math.Max(right, v+errs[i].High)
	}
	// Bars fill about 60% of a row of a panel about 3 inches high.
	width := vg.Points(math.Min(28, 0.6*200/float64(n)))
	bars, err := plotter.NewBarChart(rev, width)
	if err != nil {
		return nil, fmt.Errorf("results: plans: %w", err)
	}
	bars.Horizontal = true
	bars.Color = fill
	bars.LineStyle.Width = 0
	p.Add(bars)

	eb, err := plotter.NewXErrorBars(struct {
		plotter.XYs
		plotter.XErrors
	}{pts, revErr})
	if err != nil {
		return nil, fmt.Errorf("results: plans: %w", err)
	}
	eb.LineStyle = draw.LineStyle{Color: colorText, Width: vg.Points(1.4)}
	eb.CapWidth = width / 2
	p.Add(eb)

	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: ends, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("results: plans: %w", err)
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i] = st.textStyle(sizeNote, colorText)
		lab.TextStyle[i].XAlign = draw.XLeft
		lab.TextStyle[i].YAlign = draw.YCenter
	}
	lab.Offset = vg.Point{X: vg.Points(5)}
	p.Add(lab)

	if names != nil {
		rows := make([]string, n)
		for i, name := range names {
			rows[n-1-i] = name
		}
		p.NominalY(rows...)
		p.Y.Tick.Label = st.textStyle(sizeLabel, colorText)
		p.Y.Tick.Label.XAlign = draw.XRight
		p.Y.Tick.Label.YAlign = draw.YCenter
	} else {
		p.Y.Tick.Marker = plot.ConstantTicks(nil)
	}
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	// Room to the right of the longest bar for its value label.
	p.X.Min, p.X.Max = 0, 1.18*right
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
