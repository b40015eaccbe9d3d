package results

import (
	"math"

	"gonum.org/v1/plot"
)

// countTicks are four to seven labelled ticks at round steps (1, 2, 2.5 or 5
// times a power of ten), labelled with thousands separators so an axis of
// people reads "12,000" rather than "12000".
type countTicks struct{}

// Ticks returns the ticks between min and max.
func (countTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: formatValue(min)}}
	}
	raw := (max - min) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+step*1e-9; v += step {
		v = math.Round(v/step) * step // avoid drift: 0.30000000000000004
		ticks = append(ticks, plot.Tick{Value: v, Label: formatValue(v)})
	}
	return ticks
}

// logTicks marks a log axis: labelled major ticks at powers of ten, unlabelled
// minor ticks at 2–9 times them.
type logTicks struct{}

// Ticks returns the ticks between min and max (min > 0).
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if min <= 0 {
		min = 1
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		base := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * base
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 {
				t.Label = formatCount(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
