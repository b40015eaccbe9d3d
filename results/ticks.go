package results

import (
	"math"

	"gonum.org/v1/plot"
)

// countTicks are gonum/plot's default ticks relabelled with thousands
// separators, so an axis of people reads "12,000" rather than "12000".
type countTicks struct{}

// Ticks returns the ticks between min and max.
func (countTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = formatValue(ticks[i].Value)
		}
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
