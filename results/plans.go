package results

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
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
	// PCascade is the probability that a launch of the plan cascades, and
	// PCascadeLo, PCascadeHi its 95% interval, as fractions; drawn (as a
	// panel between reach and cost) and written to the CSV only when
	// HasPCascade is true for some plan.
	PCascade, PCascadeLo, PCascadeHi float64
	HasPCascade                      bool
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
		if p.HasPCascade && !(0 <= p.PCascadeLo && p.PCascadeLo <= p.PCascade && p.PCascade <= p.PCascadeHi && p.PCascadeHi <= 1) {
			return fmt.Errorf("results: plans: plan %q: bad P(cascade) %v (95%% CI %v–%v)", p.Name, p.PCascade, p.PCascadeLo, p.PCascadeHi)
		}
		if !(isFinite(p.Reach) && isFinite(p.ReachLo) && isFinite(p.ReachHi) && p.ReachLo <= p.Reach && p.Reach <= p.ReachHi) {
			return fmt.Errorf("results: plans: plan %q: bad reach %v (95%% CI %v–%v)", p.Name, p.Reach, p.ReachLo, p.ReachHi)
		}
	}
	return nil
}

// hasPCascade reports whether any plan carries P(cascade).
func (d Plans) hasPCascade() bool {
	for _, p := range d.Plans {
		if p.HasPCascade {
			return true
		}
	}
	return false
}

// NewPlanFigure returns the plan comparison as horizontal bars, first plan on
// top, in up to three panels on the same rows: mean reach; when any plan has
// HasPCascade, the probability of a cascade in percent on a fixed 0–100 axis;
// when any plan has a cost, the cost per person reached. Every bar carries its
// 95% interval as a whisker, explained in the legend. Names wider than
// maxNameWidth are shortened with "…" in the figure (the CSV keeps them whole).
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
	label := st.textStyle(sizeLabel, colorText)
	pc := make([]float64, n)
	pcErr := make(plotter.XErrors, n)
	for i, p := range d.Plans {
		names[i] = shorten(label, p.Name, maxNameWidth)
		if p.HasPCascade {
			pc[i] = 100 * p.PCascade
			pcErr[i] = struct{ Low, High float64 }{Low: 100 * (p.PCascade - p.PCascadeLo), High: 100 * (p.PCascadeHi - p.PCascade)}
		}
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

	left, err := st.barPanel(t.PlanReachY, names, reach, reachErr, colorMain, FormatCount)
	if err != nil {
		return nil, err
	}
	panels, subtitles := []*plot.Plot{left}, []string{t.PlanReachTitle}
	var halfEntry *LegendEntry
	if d.hasPCascade() {
		mid, err := st.barPanel(t.TippingPY, nil, pc, pcErr, colorSecond, func(v float64) string { return formatPercent(v / 100) })
		if err != nil {
			return nil, err
		}
		mid.X.Max = 100                 // 0–100% whatever the plans; the value labels sit in the panel's padding
		mid.X.Tick.Marker = niceTicks{} // two-digit labels fit six ticks
		// The verdict is judged against 1/2: crossed when the whole
		// interval lies right of this line, not crossed when left of it.
		half := vline(50, -0.5, float64(n)-0.5, colorAccent, vg.Points(1.4), true)
		mid.Add(half)
		halfEntry = &LegendEntry{t.Half, []plot.Thumbnailer{half}}
		panels, subtitles = append(panels, mid), append(subtitles, t.PlanPTitle)
	}
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
	f.Legend = []LegendEntry{{t.Interval95, []plot.Thumbnailer{whiskerThumb{}}}}
	if halfEntry != nil {
		f.Legend = append(f.Legend, *halfEntry)
	}
	return f, nil
}

// maxNameWidth is the widest plan name drawn in full in the plan figure: about
// 18 Latin letters or 11 hanzi, so three panels keep room at 16:9.
const maxNameWidth = vg.Length(1.6 * vg.Inch)

// shorten returns s cut to at most width in style ts, ending in "…" when cut.
func shorten(ts text.Style, s string, width vg.Length) string {
	if ts.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && ts.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// whiskerThumb is the legend thumbnail of an interval whisker: a horizontal
// line with end caps, as barPanel draws them.
type whiskerThumb struct{}

// Thumbnail draws the whisker across c.
func (whiskerThumb) Thumbnail(c *draw.Canvas) {
	ls := draw.LineStyle{Color: colorText, Width: vg.Points(1.4)}
	y := c.Center().Y
	x0, x1 := c.Min.X+vg.Points(2), c.Max.X-vg.Points(2)
	h := (c.Max.Y - c.Min.Y) / 2
	c.StrokeLine2(ls, x0, y, x1, y)
	c.StrokeLine2(ls, x0, y-h, x0, y+h)
	c.StrokeLine2(ls, x1, y-h, x1, y+h)
}

// barPanel returns horizontal bars of values with error bars, the first value
// on top, each bar labelled at its end with its value formatted by format.
// With names nil the rows are unlabelled (a panel beside one that names them).
func (st *Style) barPanel(xLabel string, names []string, values []float64, errs plotter.XErrors, fill color.Color, format func(float64) string) (*plot.Plot, error) {
	n := len(values)
	p := st.newPlot("", xLabel, "")
	p.X.Tick.Marker = niceTicks{few: true} // up to three panels side by side
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
		// NominalY pads the x axis by half a name's height, which would drop
		// this panel's axis line below its neighbours'; the rows keep their
		// own margin (the y range runs half a row past them).
		p.X.Padding = vg.Points(3)
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

// WriteCSV writes the numbers behind the plan figure, one row per plan. The
// P(cascade) columns follow the reach columns when any plan has HasPCascade
// (empty for plans without it).
func (d Plans) WriteCSV(w io.Writer, l Lang) error {
	if err := d.validate(); err != nil {
		return err
	}
	t := l.text()
	withP := d.hasPCascade()
	rows := make([][]string, len(d.Plans))
	for i, p := range d.Plans {
		v, lo, hi := p.CostPerReached()
		cost := p.Cost
		if !(cost > 0) {
			cost = math.NaN()
		}
		row := []string{p.Name, csvNumber(p.Reach), csvNumber(p.ReachLo), csvNumber(p.ReachHi)}
		if withP {
			pc, pcLo, pcHi := math.NaN(), math.NaN(), math.NaN()
			if p.HasPCascade {
				pc, pcLo, pcHi = p.PCascade, p.PCascadeLo, p.PCascadeHi
			}
			row = append(row, csvNumber(pc), csvNumber(pcLo), csvNumber(pcHi))
		}
		rows[i] = append(row, csvNumber(cost), csvNumber(v), csvNumber(lo), csvNumber(hi))
	}
	header := []string{t.ColPlan, t.ColReach, t.ColReachCILo, t.ColReachCIHi}
	if withP {
		header = append(header, t.ColP, t.ColPLo, t.ColPHi)
	}
	return WriteCSV(w, append(header, t.ColCost, t.ColCostPerReached, t.ColCostPerReachedLo, t.ColCostPerHi), rows)
}
