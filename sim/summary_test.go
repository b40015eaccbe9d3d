package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// TestSummarizeIndependent feeds synthetic trials (random activation times
// and generations) through a Recorder into an Accumulator and checks the
// Summary against direct computations on the per-trial values: reach
// quantiles and the time-curve percentiles against gonum's empirical
// quantile (all values below 256, where the histogram is exact), the t
// interval against gonum's mean and standard deviation, the branching factor,
// P(cascade) (spread beyond the first level), P(large) and cost per person
// reached from their definitions.
func TestSummarizeIndependent(t *testing.T) {
	const trials, bins, gens = 703, 10, 6 // 703: q·trials is never whole, so the rank rounding matters
	rnd := rand.New(rand.NewPCG(3, 4))
	cfg := AccConfig{Nodes: 300, CascadeAt: 40, Clock: Hours, Generations: gens, Bins: bins, BinWidth: 1.5}
	a := NewAccumulator(cfg)
	rec := NewRecorder(cfg.Nodes, Hours, RecorderOptions{Generations: gens, Bins: bins, BinWidth: 1.5})
	reach := make([]float64, trials)
	cum := make([][]float64, bins) // cum[b][i]: reach of trial i by the end of bin b
	for b := range cum {
		cum[b] = make([]float64, trials)
	}
	var genSum [gens]float64
	var cost float64
	var cascades, large uint64
	for i := range trials {
		rec.Reset()
		r := 1 + rnd.IntN(80)
		beyond := 0
		for v := range r {
			g := min(rnd.IntN(1+v), gens-1)
			if g >= 2 {
				beyond++
			}
			at := float64(g) * rnd.Float64() * 4 // up to 20 hours: past the last bin
			rec.Activate(uint32(v), g, at)
			genSum[g]++
			for b := range bins {
				if at < float64(b+1)*1.5 || b == bins-1 {
					cum[b][i]++
				}
			}
		}
		c := float64(rnd.IntN(5000)) / 100
		cost += c
		a.Add(rec, uint64(math.Round(c*1e6)))
		reach[i] = float64(r)
		if r >= cfg.CascadeAt {
			large++
		}
		if beyond >= cfg.CascadeAt {
			cascades++
		}
	}
	s := a.Summarize()
	if cascades == 0 || cascades == large {
		t.Fatalf("fixture: %d cascades of %d large trials do not tell the two counts apart", cascades, large)
	}
	if s.Cascade != Wilson(cascades, trials) || s.Large != Wilson(large, trials) {
		t.Errorf("P(cascade) %+v, P(large) %+v: want %d and %d of %d trials", s.Cascade, s.Large, cascades, large, trials)
	}
	q := func(x []float64, p float64) float64 {
		y := slices.Clone(x)
		slices.Sort(y)
		return stat.Quantile(p, stat.Empirical, y, nil)
	}
	for _, p := range []struct {
		q         float64
		got, want float64
	}{
		{0.1, s.Quantiles.P10, q(reach, 0.1)}, {0.5, s.Quantiles.P50, q(reach, 0.5)},
		{0.9, s.Quantiles.P90, q(reach, 0.9)}, {0.99, s.Quantiles.P99, q(reach, 0.99)},
		{1, s.MaxReach, slices.Max(reach)},
	} {
		if p.got != p.want {
			t.Errorf("reach quantile %v: got=%v, want=%v", p.q, p.got, p.want)
		}
	}
	for b, c := range s.Curve {
		want := []float64{q(cum[b], 0.05), q(cum[b], 0.25), q(cum[b], 0.5), q(cum[b], 0.75), q(cum[b], 0.95)}
		got := []float64{c.P05, c.P25, c.P50, c.P75, c.P95}
		if !slices.Equal(got, want) || math.Abs(c.Mean-stat.Mean(cum[b], nil)) > 1e-9 || c.Time != float64(b+1)*1.5 {
			t.Errorf("curve bin %d: got=%v mean %v time %v, want=%v mean %v time %v", b, got, c.Mean, c.Time, want, stat.Mean(cum[b], nil), float64(b+1)*1.5)
		}
	}
	mean, sd := stat.MeanStdDev(reach, nil)
	if math.Abs(s.Reach.Mean-mean) > 1e-9 || math.Abs(s.ReachSD-sd) > 1e-9 || math.Abs(s.Reach.SE-sd/math.Sqrt(trials)) > 1e-12 {
		t.Errorf("reach: got=%+v sd %v, want mean %v sd %v", s.Reach, s.ReachSD, mean, sd)
	}
	// The audience's branching: generations 1..3 bring in generations 2..4;
	// the start points' fan-out (generation 0 to 1) is left out.
	wantBranch := (genSum[2] + genSum[3] + genSum[4]) / (genSum[1] + genSum[2] + genSum[3])
	if math.Abs(s.Branching-wantBranch) > 1e-12 {
		t.Errorf("branching: got=%v, want=%v", s.Branching, wantBranch)
	}
	if want := cost / stat.Mean(reach, nil) / trials; math.Abs(s.CostPerReached-want) > 1e-9*want {
		t.Errorf("cost per reached: got=%v, want=%v", s.CostPerReached, want)
	}
}

// TestSummaryQuantilesWithinGraph: a histogram bucket above 256 is reported
// by its midpoint, which for a full cascade on 300 nodes (bucket [300, 302))
// said 300.5 people; no quantile may exceed the graph.
func TestSummaryQuantilesWithinGraph(t *testing.T) {
	cfg := AccConfig{Nodes: 300, CascadeAt: 1, Generations: 4, Bins: 4, BinWidth: 1}
	a := NewAccumulator(cfg)
	rec := NewRecorder(cfg.Nodes, Generations, RecorderOptions{Generations: 4})
	for range 10 {
		rec.Reset()
		for v := range uint32(300) {
			rec.Activate(v, 0, 0)
		}
		a.Add(rec, 0)
	}
	s := a.Summarize()
	last := s.Curve[len(s.Curve)-1]
	for _, got := range []float64{s.MaxReach, s.Quantiles.P10, s.Quantiles.P99, last.P05, last.P95} {
		if got != 300 {
			t.Errorf("quantiles %+v max %v curve %+v: got %v, want 300", s.Quantiles, s.MaxReach, last, got)
			break
		}
	}
}

// TestHistogramQuantileRank: the rank ceil(q·Total) absorbs floating error
// as CascadeThreshold does: 0.035·200 is 7.000000000000001 in float64, and
// the 0.035-quantile of 1..200 is 7, not 8.
func TestHistogramQuantileRank(t *testing.T) {
	var h Histogram
	for v := uint64(1); v <= 200; v++ {
		h.Add(v)
	}
	for _, tc := range []struct{ q, want float64 }{{0.035, 7}, {0.0351, 8}, {0.5, 100}, {0, 1}, {1, 200}} {
		if got := h.Quantile(tc.q); got != tc.want {
			t.Errorf("Quantile(%v): got=%v, want=%v", tc.q, got, tc.want)
		}
	}
}
