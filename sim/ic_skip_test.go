package sim

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestICGeometricSkipDistribution: on a star 0→1..d, the live arcs of the
// seed must be independent coins of probability p however they are drawn.
// The reach is then 1 + Binomial(d, p), and every leaf is reached with
// probability p. Checked for coins, geometric skipping (forced, and chosen
// by SkipAuto since d ≥ geoMinDegree(p)), against the binomial law (4 SE per
// tail, see checkExact) and per leaf (4 binomial SE each: with 3·60 leaf
// checks a false alarm has probability below 1e-2, and the seed is fixed).
// A skip that lands one arc late, or never on arc 0, fails the per-leaf
// check (that leaf's rate is 0).
func TestICGeometricSkipDistribution(t *testing.T) {
	const d, p, trials = 60, 0.03, 40000
	arcs := make([][2]uint32, d)
	for i := range arcs {
		arcs[i] = [2]uint32{0, uint32(i + 1)}
	}
	g := exactGraph(t, d+1, arcs, nil)
	if geoMinDegree(p) > d {
		t.Fatalf("d=%d below geoMinDegree(%v)=%d: SkipAuto would not skip", d, p, geoMinDegree(p))
	}
	want := make([]float64, d+2)
	for k := range d + 1 {
		want[k+1] = distuv.Binomial{N: d, P: p}.Prob(float64(k))
	}
	for _, skip := range []Skip{SkipCoins, SkipGeometric, SkipAuto} {
		res := runIC(t, g, IC{Strength: p, Skip: skip}, Behaviours{}, at0(0),
			Config{Seed: 21, Trials: trials, Record: RecorderOptions{Hits: true}})
		checkExact(t, want, res.Acc)
		tol := 4 * math.Sqrt(p*(1-p)/trials)
		for v := 1; v <= d; v++ {
			if got := float64(res.Acc.Hits[v]) / trials; math.Abs(got-p) > tol {
				t.Errorf("skip %d: leaf %d reached in %.4f of trials, want %.4f ± %.4f", skip, v, got, p, tol)
			}
		}
	}
}
