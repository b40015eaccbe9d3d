package results

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatMap is the input of the P(cascade) heat map of a sweep over two
// parameters: X and Y name the parameters and list their values as written
// (drawn one cell each, in order), P[j][i] is P(cascade) at (X[i], Y[j]).
type HeatMap struct {
	Plan   string
	XParam string
	YParam string
	X, Y   []string
	P      [][]float64
}

// heatGrid is a HeatMap as a plotter.GridXYZ: cell (c, r) is drawn at
// (c, r).
type heatGrid struct{ h *HeatMap }

func (g heatGrid) Dims() (c, r int)   { return len(g.h.X), len(g.h.Y) }
func (g heatGrid) Z(c, r int) float64 { return g.h.P[r][c] }
func (g heatGrid) X(c int) float64    { return float64(c) }
func (g heatGrid) Y(r int) float64    { return float64(r) }

// validate checks the grid's shape and values.
func (h *HeatMap) validate() error {
	if len(h.X) < 2 || len(h.Y) < 2 {
		return fmt.Errorf("results: heat map: need 2 values on each axis, got %d × %d", len(h.X), len(h.Y))
	}
	if len(h.P) != len(h.Y) {
		return fmt.Errorf("results: heat map: %d rows for %d values of %s", len(h.P), len(h.Y), h.YParam)
	}
	for j, row := range h.P {
		if len(row) != len(h.X) {
			return fmt.Errorf("results: heat map: row %d has %d cells for %d values of %s", j, len(row), len(h.X), h.XParam)
		}
		for _, p := range row {
			if !(p >= 0 && p <= 1) {
				return fmt.Errorf("results: heat map: P(cascade) %v outside [0, 1]", p)
			}
		}
	}
	return nil
}

// NewHeatMapFigure returns the heat map of P(cascade) over two swept
// parameters, blue (0) to red (1), each cell labelled with its percentage,
// and the tipping contour P(cascade) = 1/2 (interpolated between cell
// centres) drawn over it.
func NewHeatMapFigure(st *Style, h HeatMap, c Caption) (*Figure, error) {
	if err := h.validate(); err != nil {
		return nil, err
	}
	t := sweepTextsFor(st.Lang())
	pal := moreland.SmoothBlueRed()
	pal.SetMin(0)
	pal.SetMax(1)
	p := st.newPlot("", h.XParam, h.YParam)
	hm := plotter.NewHeatMap(heatGrid{&h}, pal.Palette(64))
	hm.Min, hm.Max = 0, 1
	p.Add(hm)
	var legend []LegendEntry
	contour := plotter.NewContour(heatGrid{&h}, []float64{0.5}, nil)
	contour.LineStyles = []draw.LineStyle{{Color: colorText, Width: vg.Points(3)}}
	contour.Min, contour.Max = 0, 1
	p.Add(contour)
	tick := func(vs []string) plot.ConstantTicks {
		ts := make([]plot.Tick, len(vs))
		for i, v := range vs {
			ts[i] = plot.Tick{Value: float64(i), Label: v}
		}
		return plot.ConstantTicks(ts)
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = tick(h.X), tick(h.Y)
	p.X.Min, p.X.Max = -0.5, float64(len(h.X))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(h.Y))-0.5
	if len(h.X)*len(h.Y) <= 400 {
		var lx plotter.XYLabels
		for j, row := range h.P {
			for i, v := range row {
				lx.XYs = append(lx.XYs, plotter.XY{X: float64(i), Y: float64(j)})
				lx.Labels = append(lx.Labels, fmt.Sprintf("%.0f", math.Round(100*v)))
			}
		}
		labels, err := plotter.NewLabels(lx)
		if err != nil {
			return nil, fmt.Errorf("results: heat map: %w", err)
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i] = st.textStyle(vg.Points(11), colorText)
			labels.TextStyle[i].XAlign, labels.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
		}
		p.Add(labels)
		legend = append(legend, LegendEntry{Text: t.cell})
	}
	line := hline(0, 0, 1, colorText)
	line.LineStyle.Width = vg.Points(3)
	legend = append(legend, LegendEntry{t.contour, []plot.Thumbnailer{line}}, LegendEntry{Text: t.scale})
	f := newFigure(st, fmt.Sprintf(t.heatTitle, h.Plan), c, p)
	f.Legend = legend
	return f, nil
}
