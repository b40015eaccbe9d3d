package sim

import (
	"math"
	"slices"
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
	g := buildGraph(t, d+1, arcs, nil, false)
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

// TestGeoTableMatchesLog: the table of ends must decide exactly as the
// logarithm does, so that a sharer's live arcs are the same with and
// without it (the fast path and the general paths then draw the same
// worlds). Checked draw by draw at the table's boundaries, where a rounding
// slip would show, and sharer by sharer over many random streams.
func TestGeoTableMatchesLog(t *testing.T) {
	for _, p := range []float64{1e-4, 0.003, 0.01, 0.05, 0.19, 0.5, 0.9} {
		tab := newGeoTable(p, 5000)
		if len(tab.ends) == 0 || tab.ends[0] != 1<<53 {
			t.Fatalf("p=%v: ends[0]: got=%v, want=%v", p, tab.ends[:min(1, len(tab.ends))], uint64(1<<53))
		}
		for m, e := range tab.ends {
			if !tab.skipsAll(e, m) || (e < 1<<53 && tab.skipsAll(e+1, m)) {
				t.Errorf("p=%v m=%d: ends[m]=%d is not the last draw that skips m arcs", p, m, e)
			}
			if m > 0 && e > tab.ends[m-1] {
				t.Errorf("p=%v m=%d: ends[m]=%d > ends[m-1]=%d: got=increasing, want=non-increasing", p, m, e, tab.ends[m-1])
			}
		}
		if n := len(tab.ends); n < 5001 && tab.skipsAll(1, n) {
			t.Errorf("p=%v: table stops at %d although draw 1 still skips %d arcs", p, n, n)
		}
		// A short table (40 arcs left at most) makes sharers switch from
		// the logarithm to the table midway.
		short, bare := newGeoTable(p, 40), geoTable{invLog: tab.invLog}
		a, b, c := make([]int32, 0, 300), make([]int32, 0, 300), make([]int32, 0, 300)
		for i := range uint64(20000) {
			d := int(Mix64(i) % 300)
			s := Mix64(i ^ 0xabcdef)
			a, b, c = geoHits(d, s, &tab, a[:0]), geoHits(d, s, &bare, b[:0]), geoHits(d, s, &short, c[:0])
			if !slices.Equal(a, b) || !slices.Equal(c, b) {
				t.Fatalf("p=%v d=%d stream %d: with table got=%v, short table got=%v, want=%v (logarithm)", p, d, i, a, c, b)
			}
		}
	}
}
