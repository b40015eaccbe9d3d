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
// probability p. Checked for coins, plain geometric skipping and SkipAuto
// (coins below slicedMinDegree arcs, bit-sliced coins from it, with full
// and partial blocks of 64), against the binomial law (4 SE per tail, see
// checkExact) and per leaf (4 binomial SE each: with about 1,500 leaf
// checks a false alarm has probability about 0.1, and the seed is fixed). A
// skip that lands one arc late, or never on arc 0, fails the per-leaf check
// (that leaf's rate is 0); a sliced block reading the wrong bit of p fails
// the binomial check.
func TestICGeometricSkipDistribution(t *testing.T) {
	const trials = 20000
	for _, c := range []struct {
		d int
		p float64
	}{{60, 0.03}, {5, 0.03}, {60, 1.0 / 16}, {300, 0.011}, {9, 0.3}, {12, 0.7}, {16, 0.2}, {70, 0.45}, {130, 0.02}} {
		arcs := make([][2]uint32, c.d)
		for i := range arcs {
			arcs[i] = [2]uint32{0, uint32(i + 1)}
		}
		g := buildGraph(t, c.d+1, arcs, nil, false)
		want := make([]float64, c.d+2)
		for k := range c.d + 1 {
			want[k+1] = distuv.Binomial{N: float64(c.d), P: c.p}.Prob(float64(k))
		}
		for _, skip := range []Skip{SkipCoins, SkipGeometric, SkipAuto} {
			res := runIC(t, g, IC{Strength: c.p, Skip: skip}, Behaviours{}, at0(0),
				Config{Seed: 21, Trials: trials, Record: RecorderOptions{Hits: true}})
			checkExact(t, want, res.Acc)
			tol := 4 * math.Sqrt(c.p*(1-c.p)/trials)
			for v := 1; v <= c.d; v++ {
				if got := float64(res.Acc.Hits[v]) / trials; math.Abs(got-c.p) > tol {
					t.Errorf("d=%d p=%v skip %d: leaf %d reached in %.4f of trials, want %.4f ± %.4f", c.d, c.p, skip, v, got, c.p, tol)
				}
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

// TestSlicedLiveExact: the bit-sliced comparison must decide exactly as
// reading each arc's 64 bits from the block's words into an integer U_j and
// testing U_j < thr, for thresholds with long runs of equal bits (where the
// comparison runs deepest), at the ends (0, 1), and at random; and a sharer's
// blocks must read their own words (block b from word 64b+1).
func TestSlicedLiveExact(t *testing.T) {
	thrs := []uint64{0, 1, 1 << 63, 1<<63 - 1, ^uint64(0) - 1, Threshold(0.01), Threshold(0.065), Threshold(1.0 / 3)}
	for i := range uint64(200) {
		thrs = append(thrs, Mix64(i*7+1))
	}
	for i, thr := range thrs {
		for trial := range uint64(300) {
			s := Mix64(uint64(i)<<20 | trial)
			valid := ^uint64(0) >> (trial % 64)
			var want uint64
			for j := range 64 {
				var u uint64
				c := s
				for k := 63; k >= 0; k-- {
					c += golden
					u |= (Mix64(c) >> uint(j) & 1) << uint(k)
				}
				if valid>>uint(j)&1 == 1 && u < thr {
					want |= 1 << uint(j)
				}
			}
			if got := slicedLive(s, thr, valid); got != want {
				t.Fatalf("thr=%#x s=%#x valid=%#x: got=%#x, want=%#x", thr, s, valid, got, want)
			}
		}
	}
	// Blocks: arcs 64..99 of a 100-arc sharer are block 1, read from the
	// state advanced by 64 words.
	s, thr := Mix64(99), Threshold(0.3)
	hits := slicedHits(100, s, thr, make([]int32, 0, 100))
	var want []int32
	for b, n := range []int{64, 36} {
		m := slicedLive(s+uint64(64*b)*golden, thr, ^uint64(0)>>uint(64-n))
		for j := range n {
			if m>>uint(j)&1 == 1 {
				want = append(want, int32(64*b+j))
			}
		}
	}
	if !slices.Equal(hits, want) {
		t.Errorf("slicedHits(100): got=%v, want=%v", hits, want)
	}
}
