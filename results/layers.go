package results

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// vline returns a vertical line at x from y0 to y1 in colour c; dashed when dash is true.
func vline(x, y0, y1 float64, c color.Color, width vg.Length, dash bool) *plotter.Line {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}})
	if err != nil {
		panic("results: vline: " + err.Error()) // only for NaN input, which callers exclude
	}
	l.LineStyle = draw.LineStyle{Color: c, Width: width}
	if dash {
		l.LineStyle.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	return l
}

// hline returns a horizontal line at y from x0 to x1 (dashed, thin, in colour c).
func hline(y, x0, x1 float64, c color.Color) *plotter.Line {
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	if err != nil {
		panic("results: hline: " + err.Error()) // only for NaN input, which callers exclude
	}
	l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
	return l
}

// band returns a filled polygon between lo and hi over x, skipping NaN points.
func band(x, lo, hi []float64, fill color.Color) *plotter.Polygon {
	var ring plotter.XYs
	for i := range x {
		if isFinite(x[i]) && isFinite(lo[i]) {
			ring = append(ring, plotter.XY{X: x[i], Y: lo[i]})
		}
	}
	for i := len(x) - 1; i >= 0; i-- {
		if isFinite(x[i]) && isFinite(hi[i]) {
			ring = append(ring, plotter.XY{X: x[i], Y: hi[i]})
		}
	}
	if len(ring) < 3 {
		return nil
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		return nil
	}
	poly.Color = fill
	poly.LineStyle.Width = 0
	return poly
}

// rect returns a filled rectangle [x0,x1]×[y0,y1], used to shade an interval.
func rect(x0, x1, y0, y1 float64, fill color.Color) *plotter.Polygon {
	poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	if err != nil {
		panic("results: rect: " + err.Error()) // only for NaN input, which callers exclude
	}
	poly.Color = fill
	poly.LineStyle.Width = 0
	return poly
}

// grid returns light horizontal grid lines.
func grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal.Color = colorGrid
	g.Horizontal.Width = vg.Points(0.5)
	return g
}

// isFinite reports whether v is neither NaN nor infinite.
func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// verticalGrid returns light vertical grid lines, for horizontal bar charts.
func verticalGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color = nil
	g.Vertical.Color = colorGrid
	g.Vertical.Width = vg.Points(0.5)
	return g
}
