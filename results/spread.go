package results

import (
	"fmt"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimeUnit is the unit of the time axis of the spread figure.
type TimeUnit int

// The time units.
const (
	// Generations counts steps of the cascade: generation 0 is the start points,
	// generation g the people activated by those of generation g-1.
	Generations TimeUnit = iota
	// Hours is wall time of a timed model (hours since the launch).
	Hours
)

// Spread is the input of the spread-over-time figure: cumulative reach per time
// point across trials.
type Spread struct {
	Unit TimeUnit
	// Time is the time axis, increasing.
	Time []float64
	// Mean is the mean cumulative reach at each time.
	Mean []float64
	// P5 … P95 are the 5th, 25th, 50th, 75th and 95th percentiles of the
	// cumulative reach at each time, across trials.
	P5, P25, P50, P75, P95 []float64
	// SelfSustaining is the time from which spreading sustains itself (see the
	// SelfSustaining and SelfSustainingTime functions). It is marked only when
	// Sustained is true and the median launch grows too; when only the mean
	// grows, the figure says that the typical launch fizzles instead.
	SelfSustaining float64
	Sustained      bool
	// Events are the launches after the start (staggered seed groups,
	// broadcast channels): each is drawn as a thin dotted line with its
	// label at the top of the panel.
	Events []Event
}

// Event is one launch on the spread figure's time axis.
type Event struct {
	Time  float64
	Label string
}

// SelfSustaining returns the generation from which the spread sustains itself,
// given the mean number of new activations of each generation (index 0 = the
// start points). The rule: let r_g = new[g+1] / new[g] be the mean new
// activations per person activated in generation g (the empirical branching
// factor); the spread is self-sustaining from generation g* when r_g ≥ 1 for
// every g from g* up to the generation of peak new activations, and that peak
// exceeds new[0]. So g* is the start of the unbroken growth that carries the
// cascade to its peak; after the peak the graph saturates and r falls below 1
// in every finite cascade, so the rule does not look past it.
//
// ok is false when the spread never grows beyond the start points (the peak is
// at generation 0) or the input has fewer than two generations.
func SelfSustaining(newPerGen []float64) (gen int, ok bool) {
	if len(newPerGen) < 2 {
		return 0, false
	}
	peak := 0
	for g, v := range newPerGen {
		if v > newPerGen[peak] {
			peak = g
		}
	}
	if peak == 0 {
		return 0, false
	}
	gen = peak - 1
	for gen > 0 && newPerGen[gen-1] > 0 && newPerGen[gen] >= newPerGen[gen-1] {
		gen--
	}
	return gen, true
}

// SelfSustainingTime is SelfSustaining for a time axis in hours (a timed
// model such as SIR, or IC with share delays), where there are no generations
// to count. It takes the bin ends time and the mean cumulative reach at each,
// derives the mean new activations per bin (the first bin holds the start
// points and everything up to its end) and applies the same rule to that
// binned series: the spread is self-sustaining from the end of the bin after
// which new activations rise bin on bin, unbroken, up to their peak. In a
// timed model new activations per unit time rise exactly while each active
// person passes the spread to more than one other before stopping (effective
// reproduction number above 1), so rising incidence is the hours analogue of
// a branching factor of at least 1. The bins must be of equal width, as the
// engine's are; ok is false when the new activations never rise above those
// of the first bin, or there are fewer than two bins or the lengths differ.
func SelfSustainingTime(time, cumulative []float64) (t float64, ok bool) {
	if len(time) != len(cumulative) || len(time) < 2 {
		return 0, false
	}
	newPerBin := make([]float64, len(cumulative))
	newPerBin[0] = cumulative[0]
	for i := 1; i < len(cumulative); i++ {
		newPerBin[i] = cumulative[i] - cumulative[i-1]
	}
	b, ok := SelfSustaining(newPerBin)
	if !ok {
		return 0, false
	}
	return time[b], true
}

// typicalGrows reports whether the median launch really spreads: the median
// cumulative reach, read as its own series of new activations per time step,
// has a step that adds more people than it started with (SelfSustaining finds
// growth in it). When only the mean grows, a minority of explosive launches
// carries it while the typical launch fizzles, and a self-sustaining marker
// would mislead.
func (s Spread) typicalGrows() bool {
	steps := make([]float64, len(s.P50))
	for i, v := range s.P50 {
		steps[i] = v
		if i > 0 {
			steps[i] = v - s.P50[i-1]
		}
	}
	_, ok := SelfSustaining(steps)
	return ok
}

// validate checks that all series have the length of Time and Time increases.
func (s Spread) validate() error {
	if err := checkSeries("spread", "time", s.Time, []string{"mean", "p5", "p25", "p50", "p75", "p95"},
		s.Mean, s.P5, s.P25, s.P50, s.P75, s.P95); err != nil {
		return err
	}
	return nil
}

// NewSpreadFigure returns the spread over time: mean cumulative reach (solid),
// median (dashed), the bands holding the middle 50% and 90% of trials, and a
// dashed orange line where the spread becomes self-sustaining, with a dot where
// it crosses the mean curve. The line is drawn only when the median launch
// grows as well (its cumulative reach adds, in some step, more people than it
// started with); otherwise, as on a graph where most launches fizzle and a few
// explode, the legend says that growth comes from a minority of launches.
func NewSpreadFigure(st *Style, s Spread, c Caption) (*Figure, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	t := st.t
	xLabel, at := t.SpreadXGen, t.GenerationAt
	if s.Unit == Hours {
		xLabel, at = t.SpreadXHours, t.HourAt
	}
	p := st.newPlot("", xLabel, t.SpreadY)
	p.X.Tick.Marker = niceTicks{integer: true}
	if s.Unit == Hours {
		p.X.Tick.Marker = hourTicks{}
	}
	p.Add(grid())

	var legend []LegendEntry
	if b := band(s.Time, s.P5, s.P95, colorMainWide); b != nil {
		p.Add(b)
		legend = append(legend, LegendEntry{t.Band90, []plot.Thumbnailer{b}})
	}
	if b := band(s.Time, s.P25, s.P75, colorMainBand); b != nil {
		p.Add(b)
		legend = append(legend, LegendEntry{t.Band50, []plot.Thumbnailer{b}})
	}
	mean, err := plotter.NewLine(xys(s.Time, s.Mean))
	if err != nil {
		return nil, fmt.Errorf("results: spread: mean: %w", err)
	}
	mean.LineStyle = draw.LineStyle{Color: colorMain, Width: vg.Points(2.2)}
	median, err := plotter.NewLine(xys(s.Time, s.P50))
	if err != nil {
		return nil, fmt.Errorf("results: spread: median: %w", err)
	}
	median.LineStyle = draw.LineStyle{Color: colorMain, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
	p.Add(mean, median)
	legend = append(legend, LegendEntry{t.Mean, []plot.Thumbnailer{mean}})
	legend = append(legend, LegendEntry{t.Median, []plot.Thumbnailer{median}})

	ymax := 0.0
	for _, v := range [][]float64{s.Mean, s.P95} {
		for _, y := range v {
			if isFinite(y) {
				ymax = math.Max(ymax, y)
			}
		}
	}
	p.Y.Min, p.Y.Max = 0, 1.05*ymax
	p.X.Min, p.X.Max = s.Time[0], s.Time[len(s.Time)-1]
	if s.Unit == Hours && s.Time[0] > 0 {
		p.X.Min = 0 // hours since the launch
	}
	switch {
	case s.Sustained && isFinite(s.SelfSustaining) && !s.typicalGrows():
		legend = append(legend, LegendEntry{Text: t.MinorityGrowth})
	case s.Sustained && isFinite(s.SelfSustaining):
		line := vline(s.SelfSustaining, 0, p.Y.Max, colorAccent, vg.Points(1.6), true)
		p.Add(line)
		dot, err := plotter.NewScatter(plotter.XYs{{X: s.SelfSustaining, Y: interpolate(s.Time, s.Mean, s.SelfSustaining)}})
		if err != nil {
			return nil, fmt.Errorf("results: spread: marker: %w", err)
		}
		dot.GlyphStyle = draw.GlyphStyle{Color: colorAccent, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		p.Add(dot)
		text := fmt.Sprintf(t.SelfSustaining, fmt.Sprintf(at, formatValue(s.SelfSustaining)))
		legend = append(legend, LegendEntry{text, []plot.Thumbnailer{line, dot}})
	}
	if err := addEvents(st, p, s.Events, &legend); err != nil {
		return nil, err
	}
	f := newFigure(st, t.SpreadTitle, c, p)
	f.Legend = legend
	return f, nil
}

// eventLabels places the labels of launch events.
type eventLabels struct {
	plotter.XYs
	labels []string
}

func (e eventLabels) Label(i int) string { return e.labels[i] }

// addEvents draws the launch events that fall on p's time axis as dotted
// grey lines labelled at the top, with one legend entry for them all.
func addEvents(st *Style, p *plot.Plot, events []Event, legend *[]LegendEntry) error {
	var at eventLabels
	var line *plotter.Line
	for _, e := range events {
		if !isFinite(e.Time) || e.Time < p.X.Min || e.Time > p.X.Max {
			continue
		}
		line = vline(e.Time, 0, p.Y.Max, colorMuted, vg.Points(1), true)
		line.LineStyle.Dashes = []vg.Length{vg.Points(1), vg.Points(2)}
		p.Add(line)
		// Each label a row lower than the one before, so that launches
		// close in time do not print over each other.
		at.XYs = append(at.XYs, plotter.XY{X: e.Time, Y: p.Y.Max * (1 - 0.06*float64(len(at.labels)%5))})
		at.labels = append(at.labels, e.Label)
	}
	if line == nil {
		return nil
	}
	labels, err := plotter.NewLabels(at)
	if err != nil {
		return fmt.Errorf("results: spread: events: %w", err)
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i] = st.textStyle(sizeTick, colorMuted)
		labels.TextStyle[i].XAlign = draw.XLeft
		labels.TextStyle[i].YAlign = draw.YTop
	}
	labels.Offset = vg.Point{X: vg.Points(3)}
	p.Add(labels)
	*legend = append(*legend, LegendEntry{st.t.Launches, []plot.Thumbnailer{line}})
	return nil
}

// WriteCSV writes the series behind the spread figure: one row per time point.
func (s Spread) WriteCSV(w io.Writer, l Lang) error {
	if err := s.validate(); err != nil {
		return err
	}
	t := l.text()
	rows := make([][]string, len(s.Time))
	for i := range s.Time {
		rows[i] = []string{csvNumber(s.Time[i]), csvNumber(s.Mean[i]), csvNumber(s.P5[i]),
			csvNumber(s.P25[i]), csvNumber(s.P50[i]), csvNumber(s.P75[i]), csvNumber(s.P95[i])}
	}
	return WriteCSV(w, []string{t.ColTime, t.ColMean, t.ColP5, t.ColP25, t.ColP50, t.ColP75, t.ColP95}, rows)
}

// xys pairs x and y into plotter.XYs, dropping points where either is NaN or infinite.
func xys(x, y []float64) plotter.XYs {
	out := make(plotter.XYs, 0, len(x))
	for i := range x {
		if isFinite(x[i]) && isFinite(y[i]) {
			out = append(out, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	return out
}

// interpolate returns y at x by linear interpolation over increasing xs,
// clamped to the ends.
func interpolate(xs, ys []float64, x float64) float64 {
	if x <= xs[0] {
		return ys[0]
	}
	for i := 1; i < len(xs); i++ {
		if x <= xs[i] {
			f := (x - xs[i-1]) / (xs[i] - xs[i-1])
			return ys[i-1] + f*(ys[i]-ys[i-1])
		}
	}
	return ys[len(ys)-1]
}
