package sim

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// TestMeanEstimateLargeReach checks the t interval against gonum on samples
// whose values are large (reach near 1e6) but whose spread is small: the
// variance from sums of squares cancels about 12 digits there, so it must be
// computed exactly. gonum works on the values shifted by 1e6 (the variance
// does not change), where nothing cancels.
func TestMeanEstimateLargeReach(t *testing.T) {
	const base = 999983 // prime, so sums are not round in binary
	for _, tc := range []struct {
		name string
		n    int
		dev  func(i int) int64
	}{
		{"constant", 1_000_000, func(int) int64 { return 0 }},
		{"one off", 1_000_000, func(i int) int64 { return int64(i % 1_000_000 / 999_999) }},
		{"small spread", 1_000_000, func(i int) int64 { return int64(i%3) - 1 }},
		{"wide spread", 100_000, func(i int) int64 { return int64(i%2001) - 1000 }},
	} {
		var s, s2 U128
		dev := make([]float64, tc.n)
		for i := range tc.n {
			d := tc.dev(i)
			x := uint64(base + d)
			s.Add(x)
			s2.AddSquare(x)
			dev[i] = float64(d)
		}
		e, sd := meanEstimate(uint64(tc.n), s, s2)
		wantSD := stat.StdDev(dev, nil)
		wantSE := wantSD / math.Sqrt(float64(tc.n))
		wantMean := base + stat.Mean(dev, nil)
		if math.Abs(sd-wantSD) > 1e-9*wantSD || math.Abs(e.SE-wantSE) > 1e-9*wantSE ||
			math.Abs(e.Mean-wantMean) > 1e-9 {
			t.Errorf("%s: got mean=%v sd=%v se=%v, want mean=%v sd=%v se=%v", tc.name, e.Mean, sd, e.SE, wantMean, wantSD, wantSE)
		}
		if tc.name == "constant" && (e.Lo != e.Mean || e.Hi != e.Mean) {
			t.Errorf("%s: got interval [%v, %v], want the point %v", tc.name, e.Lo, e.Hi, e.Mean)
		}
	}
}

// TestDiffEstimateSigned checks the paired interval of Diff against gonum
// on differences that are large, negative and nearly constant (plan B far
// ahead of plan A in every trial), where the float64 formula cancels.
func TestDiffEstimateSigned(t *testing.T) {
	const n = 1_000_000
	var p PairSums
	d := make([]float64, n)
	for i := range n {
		x := int64(-999983) + int64(i%3) - 1
		p.add(x)
		d[i] = float64(x + 999983)
	}
	e := diffEstimate(n, p)
	wantSE := stat.StdDev(d, nil) / math.Sqrt(n)
	wantMean := -999983 + stat.Mean(d, nil)
	if math.Abs(e.Mean-wantMean) > 1e-9 || math.Abs(e.SE-wantSE) > 1e-9*wantSE {
		t.Errorf("got mean=%v se=%v, want mean=%v se=%v", e.Mean, e.SE, wantMean, wantSE)
	}
	if one := diffEstimate(1, p); !math.IsNaN(one.Lo) {
		t.Errorf("one trial: got lo=%v, want NaN", one.Lo)
	}
}
