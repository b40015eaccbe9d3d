package results

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Calibration is the input of the calibration figure: the held-out size
// distribution in buckets, and each model's prediction of it.
type Calibration struct {
	// Buckets label the size buckets ("2–3", "512+"); the figure's axis
	// shows each bucket's first size, the CSV the whole label.
	Buckets []string
	// Observed is the held-out share of cascades in each bucket.
	Observed []float64
	// Series are the baselines and the graph models, in drawing order.
	Series []CalibrationSeries
	// LambdaMax is the graph's spectral radius: s·LambdaMax = 1 is the
	// analytic tipping point.
	LambdaMax float64
}

// CalibrationSeries is one model's prediction.
type CalibrationSeries struct {
	Name string
	// Predicted is the mean predicted probability of each bucket.
	Predicted []float64
	// LogScore is the model's held-out mean log score.
	LogScore float64
	// Baseline marks a graph-free baseline (no strength to draw).
	Baseline bool
	// Strength and its 95% interval, graph models only.
	Strength, StrengthLo, StrengthHi float64
}

// calibrationTexts are the figure's words in one language.
type calibrationTexts struct {
	Title, Left, Right, XBuckets, YShare, XStrength, Observed, Tipping, Score string
	Cols                                                                      []string
}

func calibrationTextsFor(l Lang) calibrationTexts {
	if l == Chinese {
		return calibrationTexts{
			Title: "校准：留出数据上的传播规模分布与拟合的传播动力", Left: "观测与预测的规模分布", Right: "拟合的传播动力与引爆点",
			XBuckets: "传播规模（人，区间起点；区间按 2 的幂划分）", YShare: "传播链占比（%）", XStrength: "s·λmax（1 = 引爆点）", Observed: "观测", Tipping: "引爆点", Score: "%s（得分 %.3f）",
			Cols: []string{"规模区间", "观测占比"},
		}
	}
	return calibrationTexts{
		Title: "Calibration: held-out cascade sizes and the fitted spread strength", Left: "Observed vs predicted sizes", Right: "Fitted strength vs the tipping point",
		XBuckets: "cascade size (people, from; buckets double)", YShare: "share of cascades (%)", XStrength: "s·λmax (1 = tipping point)", Observed: "observed", Tipping: "tipping point", Score: "%s (score %.3f)",
		Cols: []string{"size bucket", "observed share"},
	}
}

// seriesColors tell the series apart: greys for baselines, the palette for
// the models.
var seriesColors = []color.Color{
	colorFizzle, color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff},
	colorMain, color.NRGBA{R: 0x75, G: 0x70, B: 0xb3, A: 0xff}, colorSecond, color.NRGBA{R: 0xe7, G: 0x29, B: 0x8a, A: 0xff},
}

func (d Calibration) validate() error {
	k := len(d.Buckets)
	if k < 1 || len(d.Observed) != k {
		return fmt.Errorf("results: calibration: %d buckets, %d observed shares", k, len(d.Observed))
	}
	if len(d.Series) == 0 || len(d.Series) > len(seriesColors) {
		return fmt.Errorf("results: calibration: %d series (want 1 to %d)", len(d.Series), len(seriesColors))
	}
	for _, s := range d.Series {
		if len(s.Predicted) != k {
			return fmt.Errorf("results: calibration: %s has %d predictions for %d buckets", s.Name, len(s.Predicted), k)
		}
	}
	if !(d.LambdaMax > 0) || math.IsInf(d.LambdaMax, 0) {
		return fmt.Errorf("results: calibration: bad λmax %v", d.LambdaMax)
	}
	return nil
}

// NewCalibrationFigure returns two panels: on the left the held-out share
// of cascades per size bucket (grey bars) with each model's and baseline's
// prediction (lines, labelled with their held-out log scores); on the right
// each graph model's fitted strength times λmax with its bootstrap
// interval, against the analytic tipping point s·λmax = 1 (orange line).
func NewCalibrationFigure(st *Style, d Calibration, c Caption) (*Figure, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	t := calibrationTextsFor(st.Lang())
	left := st.newPlot("", t.XBuckets, t.YShare)
	left.Add(grid())
	obs := make(plotter.Values, len(d.Observed))
	top := 0.0
	for i, v := range d.Observed {
		obs[i] = 100 * v
		top = math.Max(top, obs[i])
	}
	bars, err := plotter.NewBarChart(obs, vg.Points(14))
	if err != nil {
		return nil, fmt.Errorf("results: calibration: %w", err)
	}
	bars.Color = colorGrid
	bars.LineStyle.Color = colorMuted
	bars.LineStyle.Width = vg.Points(0.5)
	left.Add(bars)
	legend := []LegendEntry{{t.Observed, []plot.Thumbnailer{bars}}}
	for i, s := range d.Series {
		xy := make(plotter.XYs, len(s.Predicted))
		for k, p := range s.Predicted {
			xy[k] = plotter.XY{X: float64(k), Y: 100 * p}
			top = math.Max(top, 100*p)
		}
		line, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, fmt.Errorf("results: calibration: %w", err)
		}
		col := seriesColors[i]
		line.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(1.8)}
		if s.Baseline {
			line.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		pts.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		left.Add(line, pts)
		legend = append(legend, LegendEntry{fmt.Sprintf(t.Score, s.Name, s.LogScore), []plot.Thumbnailer{line}})
	}
	left.Y.Min, left.Y.Max = 0, 1.08*top
	ticks := make([]string, len(d.Buckets))
	for i, b := range d.Buckets {
		ticks[i] = b
		if j := strings.IndexRune(b, '–'); j >= 0 {
			ticks[i] = b[:j]
		}
	}
	left.NominalX(ticks...)

	right := st.newPlot("", t.XStrength, "")
	right.Add(verticalGrid())
	var names []string
	row := 0
	lo, hi := 1.0, 1.0
	for i, s := range d.Series {
		if s.Baseline {
			continue
		}
		y := float64(row)
		x, xl, xh := s.Strength*d.LambdaMax, s.StrengthLo*d.LambdaMax, s.StrengthHi*d.LambdaMax
		col := seriesColors[i]
		bar, err := plotter.NewLine(plotter.XYs{{X: xl, Y: y}, {X: xh, Y: y}})
		if err != nil {
			return nil, fmt.Errorf("results: calibration: %w", err)
		}
		bar.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(3)}
		pt, err := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
		if err != nil {
			return nil, fmt.Errorf("results: calibration: %w", err)
		}
		pt.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		right.Add(bar, pt)
		names = append(names, wrapName(s.Name))
		lo, hi = math.Min(lo, xl), math.Max(hi, xh)
		row++
	}
	if row == 0 {
		return nil, fmt.Errorf("results: calibration: no graph model to draw")
	}
	tip := vline(1, -0.5, float64(row)-0.5, colorAccent, vg.Points(1.8), false)
	right.Add(tip)
	legend = append(legend, LegendEntry{t.Tipping, []plot.Thumbnailer{tip}})
	pad := 0.1 * (hi - lo)
	right.X.Min, right.X.Max = math.Max(0, lo-pad), hi+pad
	right.NominalY(names...)
	right.Y.Min, right.Y.Max = -0.5, float64(row)-0.5

	f := newFigure(st, t.Title, c, left, right)
	f.Subtitles = []string{t.Left, t.Right}
	f.Legend = legend
	return f, nil
}

// WriteCSV writes the data behind the figure: one row per size bucket with
// the observed share and each series' predicted probability.
func (d Calibration) WriteCSV(w io.Writer, l Lang) error {
	if err := d.validate(); err != nil {
		return err
	}
	t := calibrationTextsFor(l)
	header := append([]string{}, t.Cols...)
	for _, s := range d.Series {
		header = append(header, s.Name)
	}
	rows := make([][]string, len(d.Buckets))
	for k, b := range d.Buckets {
		r := []string{b, csvNumber(d.Observed[k])}
		for _, s := range d.Series {
			r = append(r, csvNumber(s.Predicted[k]))
		}
		rows[k] = r
	}
	return WriteCSV(w, header, rows)
}

// wrapName breaks a long model name before its last '+' so that the
// strength panel's labels leave room for the size panel.
func wrapName(name string) string {
	if len([]rune(name)) <= 14 {
		return name
	}
	if i := strings.LastIndex(name, "+"); i > 0 {
		return name[:i] + "\n" + name[i:]
	}
	return name
}
