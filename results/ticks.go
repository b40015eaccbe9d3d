package results

import (
	"math"

	"gonum.org/v1/plot"
)

// niceTicks are four to seven labelled ticks at round steps (1, 2, 2.5 or 5
// times a power of ten) starting at a multiple of the step, labelled with
// thousands separators so an axis of people reads "12,000" rather than
// "12000". With integer set the step is a whole 1, 2 or 5 times a power of
// ten (for generations and numbers of start points). With few set there are
// three to five, for a narrow panel where "1,000 2,000 3,000" would touch.
type niceTicks struct{ integer, few bool }

// Ticks returns the ticks between min and max.
func (n niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: formatValue(min)}}
	}
	mult := []float64{1, 2, 2.5, 5}
	if n.integer {
		mult = []float64{1, 2, 5}
	}
	step := func(raw float64) float64 {
		s := niceStep(raw, mult)
		if n.integer {
			s = math.Max(s, 1)
		}
		return s
	}
	if n.few {
		return roundTicks(min, max, 3, 3, step)
	}
	return roundTicks(min, max, 5, 4, step)
}

// roundTicks returns the ticks at step((max-min)/parts), or at the next
// smaller step while that leaves fewer than least; step returns the smallest
// round step not below its argument.
func roundTicks(min, max, parts float64, least int, step func(raw float64) float64) []plot.Tick {
	s := step((max - min) / parts)
	ticks := stepTicks(min, max, s)
	for len(ticks) < least {
		smaller := step(s / 10) // then walk up to the largest candidate below s
		for next := step(smaller * 1.000001); next < s*(1-1e-9); next = step(next * 1.000001) {
			smaller = next
		}
		if !(smaller < s) {
			break
		}
		s = smaller
		ticks = stepTicks(min, max, s)
	}
	return ticks
}

// niceStep returns the smallest m·10^k not below raw with m from mult
// (increasing, below 10).
func niceStep(raw float64, mult []float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range mult {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// stepTicks returns labelled ticks at the multiples of step in [min, max].
func stepTicks(min, max, step float64) []plot.Tick {
	var ticks []plot.Tick
	for i := math.Ceil(min/step - 1e-9); i*step <= max+step*1e-9; i++ {
		v := i * step
		if inv := math.Round(1 / step); step < 1 && math.Abs(1/step-inv) < 1e-9 {
			v = i / inv // 3/10 is 0.3, where 3*0.1 is 0.30000000000000004
		}
		if v == 0 {
			v = 0 // no "-0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: formatValue(v)})
	}
	return ticks
}

// hourSteps are the steps of an hours axis longer than a few hours: the
// divisions of a day, then whole days (24 h, 48 h, 5, 10, 20 days).
var hourSteps = []float64{1, 2, 3, 6, 12, 24, 48, 120, 240, 480}

// hourTicks mark a time axis in hours at steps a reader counts in: 6, 12,
// 24 or 48 hours, then multiples of days (5, 10, 20, 50 … days); spans of a
// few hours fall back to round decimal steps (0.5, 1 h …, never 2.5 h).
type hourTicks struct{}

// Ticks returns the ticks between min and max (hours).
func (hourTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: formatValue(min)}}
	}
	return roundTicks(min, max, 5, 4, hourStep)
}

// hourStep returns the smallest hour step not below raw.
func hourStep(raw float64) float64 {
	if raw < 1 {
		return niceStep(raw, []float64{1, 2, 5})
	}
	for _, s := range hourSteps {
		if s >= raw*(1-1e-9) {
			return s
		}
	}
	return 24 * niceStep(raw/24, []float64{1, 2, 5})
}

// logTicks marks a log axis: labelled major ticks at powers of ten, unlabelled
// minor ticks at 2–9 times them.
type logTicks struct{}

// Ticks returns the ticks between min and max (min > 0).
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if min <= 0 {
		min = 1
	}
	// An axis that spans less than two decades (it starts near the data)
	// labels 2 and 5 as well, so that it carries more than one number.
	narrow := math.Log10(max/min) < 2
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		base := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * base
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || (narrow && (m == 2 || m == 5)) {
				t.Label = FormatCount(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
